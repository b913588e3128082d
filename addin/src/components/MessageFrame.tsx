/**
 * Shows an email's HTML in a sandboxed frame: no scripts, no same-origin access, so a merged
 * value or a received message can never run code in the pane or the portal.
 */
export function MessageFrame({ html, title, height = 260 }: { html: string; title: string; height?: number }) {
  return (
    <iframe
      title={title}
      sandbox=""
      srcDoc={`<!doctype html><meta charset="utf-8"><base target="_blank"><body style="font-family:Segoe UI,Arial,sans-serif;font-size:14px;margin:8px">${html}</body>`}
      style={{ width: '100%', height, border: '1px solid #d1d1d1', borderRadius: 4, background: '#fff' }}
    />
  );
}
