/** Entry of the playground page: no Office.js, the compose window is simulated on the page. */
import { loadClientConfig } from '../api/apiClient.js';
import { renderPage } from '../components/AppShell.js';
import { Playground } from '../playground/Playground.js';

loadClientConfig().then(
  (config) => renderPage(<Playground config={config} />),
  (error: unknown) => {
    const root = document.getElementById('root');
    if (root)
      root.textContent = `The playground could not start: ${error instanceof Error ? error.message : String(error)}`;
  },
);
