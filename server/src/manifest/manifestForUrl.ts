/**
 * The manifest in the repository points at the development URL (https://localhost:3000, as the
 * Office add-in templates do); a deployment's copy replaces that origin with its public URL.
 * The webpack build uses the same rule (see webpack.config.js) when it writes build/addin/manifest.xml.
 */
export const DEVELOPMENT_ADDIN_ORIGIN = 'https://localhost:3000';

export function manifestForUrl(template: string, publicUrl: string): string {
  const origin = publicUrl.replace(/\/+$/, '');
  return template.split(DEVELOPMENT_ADDIN_ORIGIN).join(origin);
}
