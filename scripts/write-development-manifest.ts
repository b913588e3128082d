/**
 * Writes manifest.xml, the add-in only manifest for sideloading against https://localhost:3000,
 * from the add-in's description (server/src/manifest/addinDescription.ts). A unit test fails while
 * the committed file differs from what this writes.
 *
 *   npm run manifest
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEVELOPMENT_CLIENT_ID } from '../server/src/config.js';
import { describeAddin, DEVELOPMENT_ADDIN_ORIGIN } from '../server/src/manifest/addinDescription.js';
import { xmlManifest } from '../server/src/manifest/xmlManifest.js';

const file = path.resolve(import.meta.dirname, '../manifest.xml');
fs.writeFileSync(file, xmlManifest(describeAddin(DEVELOPMENT_ADDIN_ORIGIN, DEVELOPMENT_CLIENT_ID)));
console.log(`wrote ${file}`);
