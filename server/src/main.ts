/** Starts Outmerge: one server, one port. Configuration comes from the environment (see README). */
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Outmerge cannot start.\n${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const { app, drain } = await buildApp(config);
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    // Readiness answers 503 first, so the load balancer sends new requests elsewhere; then the server stops taking
    // requests, finishes those under way (and the emails it is sending) and closes the database.
    drain();
    if (config.http.drainMs > 0) await new Promise((resolve) => setTimeout(resolve, config.http.drainMs));
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close());
  process.once('SIGTERM', () => void close());
  await app.listen({ host: config.host, port: config.port });
  const url = config.publicUrl;
  const development = config.identity.provider === 'development';
  console.log(
    [
      '',
      `Outmerge is running at ${url}`,
      development
        ? `  Playground (Outlook compose + task pane): ${url}/playground.html`
        : `  Task pane: ${url}/taskpane.html`,
      `  Licensing portal:                        ${url}/portal.html`,
      ...(config.graph.standInEnabled ? [`  Mailbox (what the Graph stand-in sent):   ${url}/mailbox.html`] : []),
      ...(!config.mail.smtpUrl ? [`  Outbox (emails from Outmerge):            ${url}/outbox.html`] : []),
      `  Add-in manifests:                        ${url}/manifest.xml (every Outlook), ${url}/manifest.zip (unified, Windows and web)`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error('Outmerge failed to start:', error);
  process.exit(1);
});
