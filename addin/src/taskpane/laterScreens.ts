/**
 * The pane's screens that are not on show when it opens: the recipients (the grid and its
 * virtualiser), the check and preview, sending, the report, the history, the inbox options and the
 * schedule. Each is a chunk of its own, out of the first load (issue 12: the pane's first load
 * ≤ 230 KB); webpack's prefetch hint has the browser fetch them when it is idle after the first
 * load, so a step opens without waiting on the network. The opening step (TemplateStep) is not here.
 * Rendered inside a <Suspense> boundary (TaskPaneApp.tsx).
 */
import { lazy } from 'react';

export const RecipientsStep = lazy(() =>
  import(/* webpackChunkName: "pane-recipients", webpackPrefetch: true */ './RecipientsStep.js').then((m) => ({
    default: m.RecipientsStep,
  })),
);

export const PreviewStep = lazy(() =>
  import(/* webpackChunkName: "pane-preview", webpackPrefetch: true */ './PreviewStep.js').then((m) => ({
    default: m.PreviewStep,
  })),
);

export const SendStep = lazy(() =>
  import(/* webpackChunkName: "pane-send", webpackPrefetch: true */ './SendStep.js').then((m) => ({
    default: m.SendStep,
  })),
);

export const ScheduleChooser = lazy(() =>
  import(/* webpackChunkName: "pane-send", webpackPrefetch: true */ './ScheduleChooser.js').then((m) => ({
    default: m.ScheduleChooser,
  })),
);

export const InboxOptions = lazy(() =>
  import(/* webpackChunkName: "pane-send", webpackPrefetch: true */ '../inbox/InboxOptions.js').then((m) => ({
    default: m.InboxOptions,
  })),
);

export const ReportStep = lazy(() =>
  import(/* webpackChunkName: "pane-report", webpackPrefetch: true */ './ReportStep.js').then((m) => ({
    default: m.ReportStep,
  })),
);

export const InboxReport = lazy(() =>
  import(/* webpackChunkName: "pane-report", webpackPrefetch: true */ '../inbox/InboxReport.js').then((m) => ({
    default: m.InboxReport,
  })),
);

export const HistoryPanel = lazy(() =>
  import(/* webpackChunkName: "pane-history", webpackPrefetch: true */ '../history/HistoryPanel.js').then((m) => ({
    default: m.HistoryPanel,
  })),
);
