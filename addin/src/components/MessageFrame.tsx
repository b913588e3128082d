import { makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  frame: { width: '100%', border: `1px solid ${tokens.colorNeutralStroke1}`, borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground1 },
});

/**
 * Shows an email's HTML in a sandboxed frame: no scripts, no same-origin access, so a merged
 * value or a received message can never run code in the pane or the portal.
 */
export function MessageFrame({ html, title, height = 260 }: { html: string; title: string; height?: number }) {
  const styles = useStyles();
  return (
    <iframe
      title={title}
      sandbox=""
      srcDoc={`<!doctype html><meta charset="utf-8"><base target="_blank"><body style="font-family:Segoe UI,Arial,sans-serif;font-size:14px;margin:8px">${html}</body>`}
      height={height}
      className={styles.frame}
    />
  );
}
