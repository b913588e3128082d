import { Subtitle2 } from '@fluentui/react-components';
import type { CSSProperties } from 'react';

/** Seen by screen readers only: the wizard's tab already shows the step's name. */
const visuallyHidden: CSSProperties = { position: 'absolute', width: 1, height: 1, margin: -1, padding: 0, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0 };

/** A step's heading, for heading navigation; `visible` for a part inside a step (the report). */
export function StepHeading({ id, title, visible = false }: { id: string; title: string; visible?: boolean }) {
  return (
    <Subtitle2 as="h2" id={id} block style={visible ? { margin: '16px 0 4px' } : visuallyHidden}>
      {title}
    </Subtitle2>
  );
}
