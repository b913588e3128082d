/**
 * The add-in's manifests for this deployment's PUBLIC_URL, both written from one description
 * (server/src/manifest/addinDescription.ts): the add-in only manifest for every Outlook, and the
 * unified manifest for Microsoft 365 with its app package (the zip Integrated apps takes).
 * Public and the same for everyone; Outlook and the admin center fetch them from other origins,
 * hence Cross-Origin-Resource-Policy: cross-origin.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { describeAddin } from '../manifest/addinDescription.js';
import { appPackage } from '../manifest/appPackage.js';
import { unifiedManifest } from '../manifest/unifiedManifest.js';
import { xmlManifest } from '../manifest/xmlManifest.js';
import type { Api } from './schemas.js';

/** The committed PNGs of addin/icons (scripts/render-app-package-icons.ts), read from `assetsDir`. */
function readIcons(assetsDir: string): { color: Uint8Array; outline: Uint8Array } {
  const read = (name: string) => {
    const file = path.resolve(assetsDir, name);
    if (!fs.existsSync(file))
      throw new Error(`The app package icon ${file} is missing: start Outmerge from its folder (or pass assetsDir).`);
    return new Uint8Array(fs.readFileSync(file));
  };
  return { color: read('icon-color-192.png'), outline: read('icon-outline-32.png') };
}

export function registerManifestRoutes(app: Api, config: Config, assetsDir: string): void {
  const addin = describeAddin(config.publicUrl, config.identity.clientId);
  // Built once: the description depends only on the configuration.
  const xml = xmlManifest(addin);
  const json = `${JSON.stringify(unifiedManifest(addin), null, 2)}\n`;
  const zip = Buffer.from(appPackage(addin, readIcons(assetsDir)));
  const file = (type: string, description: string) => ({
    schema: { hide: true, response: { 200: { description, content: { [type]: { schema: { type: 'string' } } } } } },
    helmet: { crossOriginResourcePolicy: { policy: 'cross-origin' as const } },
  });

  app.get('/manifest.xml', file('application/xml', 'The add-in only manifest'), async (_request, reply) =>
    reply
      .type('application/xml; charset=utf-8')
      .header('Cache-Control', 'no-cache')
      .header('Content-Disposition', 'attachment; filename="outmerge-manifest.xml"')
      .send(xml),
  );
  app.get('/manifest.json', file('application/json', 'The unified manifest'), async (_request, reply) =>
    reply.type('application/json; charset=utf-8').header('Cache-Control', 'no-cache').send(json),
  );
  app.get('/manifest.zip', file('application/zip', 'The app package for Integrated apps'), async (_request, reply) =>
    reply
      .type('application/zip')
      .header('Cache-Control', 'no-cache')
      .header('Content-Disposition', 'attachment; filename="outmerge-app-package.zip"')
      .send(zip),
  );
}
