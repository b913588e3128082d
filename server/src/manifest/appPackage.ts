/**
 * The app package Integrated apps takes for the unified manifest: a zip with manifest.json, the two
 * icons it names and its language files at the root (office-js-docs-pr
 * `docs/develop/convert-xml-to-json-manifest.md`: "Package the new manifest and two icon image files
 * … into an app package (zip)"; language files "at the relative path indicated in
 * localizationInfo.additionalLanguages.file"). fflate writes the zip.
 */
import { zipSync } from 'fflate';
import type { AddinDescription } from './addinDescription.js';
import { APP_PACKAGE_ICONS, unifiedLanguageFiles, unifiedManifest } from './unifiedManifest.js';

export interface AppPackageIcons {
  /** 192×192, full colour. */
  color: Uint8Array;
  /** 32×32, white on transparent. */
  outline: Uint8Array;
}

/** Fixed entry times: the same description gives the same bytes (no spurious "changed package"). */
const ENTRY_TIME = new Date('2026-01-01T00:00:00Z');

function json(value: unknown): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
}

export function appPackage(addin: AddinDescription, icons: AppPackageIcons): Uint8Array {
  const languageFiles = Object.entries(unifiedLanguageFiles(addin)).map(
    ([name, content]) => [name, json(content)] as const,
  );
  return zipSync(
    {
      'manifest.json': json(unifiedManifest(addin)),
      [APP_PACKAGE_ICONS.color]: icons.color,
      [APP_PACKAGE_ICONS.outline]: icons.outline,
      ...Object.fromEntries(languageFiles),
    },
    { level: 9, mtime: ENTRY_TIME },
  );
}
