/** Entry of the task pane inside Outlook: Office.js (from Microsoft's CDN) provides the host. */
import { resolveLocale } from '../../../shared/src/i18n/translate.js';
import { loadClientConfig } from '../api/apiClient.js';
import { AppShell, renderPage } from '../components/AppShell.js';
import { OfficeMailHost } from '../host/officeMailHost.js';
import { LicenseClient } from '../license/licenseClient.js';
import { browserStore } from '../storage/keyValueStore.js';
import { TaskPaneApp } from '../taskpane/TaskPaneApp.js';

async function start() {
  const [host, config] = await Promise.all([OfficeMailHost.initialize(), loadClientConfig()]);
  const locale = resolveLocale(host.displayLanguage());
  renderPage(
    <AppShell locale={locale}>
      <TaskPaneApp host={host} config={config} licenseClient={new LicenseClient({ issuer: config.licenseIssuer, maxTokenAgeSeconds: config.licenseTokenTtlSeconds }, browserStore())} />
    </AppShell>,
  );
}

start().catch((error: unknown) => {
  const root = document.getElementById('root');
  if (root) root.textContent = `Outmerge could not start: ${error instanceof Error ? error.message : String(error)}`;
});
