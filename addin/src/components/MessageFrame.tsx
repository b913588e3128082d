import { makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  frame: {
    width: '100%',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
});

/**
 * Shows an email's HTML in a sandboxed frame: no scripts, no same-origin access, so a merged
 * value or a received message can never run code in the pane or the portal. Its links open in a
 * new tab (`<base target="_blank">`): the sandbox allows popups, or a normal click on a link (the
 * invitation's "Accept") would do nothing, and lets the new tab escape the sandbox, or the page
 * it opens would run without scripts. The opened page gets no access to this one: the frame's
 * origin is opaque.
 */
export function MessageFrame({ html, title, height = 260 }: { html: string; title: string; height?: number }) {
  const styles = useStyles();
  return (
    <iframe
      title={title}
      sandbox="allow-popups allow-popups-to-escape-sandbox"
      srcDoc={`<!doctype html><meta charset="utf-8"><base target="_blank"><body style="font-family:Segoe UI,Arial,sans-serif;font-size:14px;margin:8px">${html}</body>`}
      height={height}
      className={styles.frame}
    />
  );
}
