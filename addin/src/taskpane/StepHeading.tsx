import { Subtitle2, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  /** Seen by screen readers only: the wizard's tab already shows the step's name. */
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
  shown: { margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalXS}` },
});

/** A step's heading, for heading navigation; `visible` for a part inside a step (the report). */
export function StepHeading({ id, title, visible = false }: { id: string; title: string; visible?: boolean }) {
  const styles = useStyles();
  return (
    <Subtitle2 as="h2" id={id} block className={visible ? styles.shown : styles.hidden}>
      {title}
    </Subtitle2>
  );
}
