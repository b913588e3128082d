import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { describeAddin } from './addinDescription.js';
import { appPackage } from './appPackage.js';
import { unifiedLanguageFiles, unifiedManifest } from './unifiedManifest.js';

const assets = path.resolve(import.meta.dirname, '../../../addin/public/assets');
const icons = {
  color: new Uint8Array(fs.readFileSync(path.join(assets, 'icon-color-192.png'))),
  outline: new Uint8Array(fs.readFileSync(path.join(assets, 'icon-outline-32.png'))),
};
const addin = describeAddin('https://outmerge.contoso.com', '0d5b1c6a-2e7f-4a88-9b3c-5f6e7d8c9b0a');

describe('the app package', () => {
  it('holds manifest.json, the two icons it names and its language files at the root', () => {
    const files = unzipSync(appPackage(addin, icons));
    expect(Object.keys(files).sort()).toEqual([
      'color.png',
      'de-de.json',
      'fr-fr.json',
      'manifest.json',
      'outline.png',
    ]);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as {
      icons: { color: string; outline: string };
    };
    expect(manifest).toEqual(unifiedManifest(addin));
    expect(Buffer.from(files[manifest.icons.color]!).equals(Buffer.from(icons.color))).toBe(true);
    expect(Buffer.from(files[manifest.icons.outline]!).equals(Buffer.from(icons.outline))).toBe(true);
    expect(JSON.parse(new TextDecoder().decode(files['fr-fr.json']))).toEqual(
      unifiedLanguageFiles(addin)['fr-fr.json'],
    );
  });

  it('is the same bytes for the same description', () => {
    expect(Buffer.from(appPackage(addin, icons)).equals(Buffer.from(appPackage(addin, icons)))).toBe(true);
  });
});
