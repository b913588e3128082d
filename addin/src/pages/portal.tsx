import { loadClientConfig } from '../api/apiClient.js';
import { renderPage } from '../components/AppShell.js';
import { Portal } from '../portal/PortalApp.js';

loadClientConfig().then(
  (config) => renderPage(<Portal config={config} />),
  (error: unknown) => {
    const root = document.getElementById('root');
    if (root)
      root.textContent = `The portal could not start: ${error instanceof Error ? error.message : String(error)}`;
  },
);
