/**
 * The pane's screens that are not on show when it opens: the recipients (the grid and its
 * virtualiser), the check and preview, sending, the report, the history, the inbox options and the
 * schedule. Each is a chunk of its own, out of the first load (issue 12: the pane's first load
 * ≤ 230 KB); webpack's prefetch hint has the browser fetch them when it is idle after the first
 * load, so a step opens without waiting on the network. The opening step (TemplateStep) is not here.
 *
 * A chunk can fail to arrive (the connection dropped; a pane left open across a deployment asks
 * for files the new build no longer has). React.lazy keeps a failed load for good, so each screen
 * here can be loaded afresh: `ScreenBoundary` (TaskPaneApp.tsx) shows the failure and its "Try
 * again" calls `loadScreensAgain` before rendering the screens again.
 */
import { lazy, type ComponentType } from 'react';

const reloaders: Array<() => void> = [];

function screen<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const make = () => lazy(async () => ({ default: await load() }));
  let current = make();
  reloaders.push(() => (current = make()));
  return function Screen(props: P) {
    // A lazy component takes its component's props; TypeScript cannot follow that for a generic P.
    const Current = current as unknown as ComponentType<P>;
    return <Current {...props} />;
  };
}

/** The screens whose load failed are asked for again the next time they render. */
export function loadScreensAgain(): void {
  for (const reload of reloaders) reload();
}

export const RecipientsStep = screen(
  async () =>
    (await import(/* webpackChunkName: "pane-recipients", webpackPrefetch: true */ './RecipientsStep.js'))
      .RecipientsStep,
);

export const PreviewStep = screen(
  async () =>
    (await import(/* webpackChunkName: "pane-preview", webpackPrefetch: true */ './PreviewStep.js')).PreviewStep,
);

export const SendStep = screen(
  async () => (await import(/* webpackChunkName: "pane-send", webpackPrefetch: true */ './SendStep.js')).SendStep,
);

export const ScheduleChooser = screen(
  async () =>
    (await import(/* webpackChunkName: "pane-send", webpackPrefetch: true */ './ScheduleChooser.js')).ScheduleChooser,
);

export const InboxOptions = screen(
  async () =>
    (await import(/* webpackChunkName: "pane-send", webpackPrefetch: true */ '../inbox/InboxOptions.js')).InboxOptions,
);

export const ReportStep = screen(
  async () => (await import(/* webpackChunkName: "pane-report", webpackPrefetch: true */ './ReportStep.js')).ReportStep,
);

export const InboxReport = screen(
  async () =>
    (await import(/* webpackChunkName: "pane-report", webpackPrefetch: true */ '../inbox/InboxReport.js')).InboxReport,
);

export const HistoryPanel = screen(
  async () =>
    (await import(/* webpackChunkName: "pane-history", webpackPrefetch: true */ '../history/HistoryPanel.js'))
      .HistoryPanel,
);
