/**
 * Microsoft's schemas, offline: the add-in only manifest against the MailApp XSDs with libxml2's
 * xmllint (server/src/manifest/schemas), the unified manifest and its language files against the
 * JSON schemas shipped in `@microsoft/app-manifest` (v1.30).
 *
 * The JSON schemas are draft-04, compiled the way `AppManifestUtils.validateAgainstSchema` of that
 * package compiles them (ajv-draft-04, ajv-formats for uri/email/regex, all errors). Its function
 * itself cannot be called: the installed package requires `fs-extra`, which it declares only as a
 * development dependency. Patterns use ECMAScript syntax without the `u` flag, as JSON Schema
 * defines them: the localization schema has a pattern (`\b]`) that is not valid in unicode mode.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const XSD_DIR = path.resolve(import.meta.dirname, '../../server/src/manifest/schemas');

export interface XsdResult {
  valid: boolean;
  /** xmllint's messages: line, element and what was expected. */
  errors: string;
}

/** Validates `xml` against `OfficeAppManifestV1_1.xsd` of `schemaDir` (it imports its siblings). */
export function validateWithXsd(xml: string, schemaDir: string = XSD_DIR): XsdResult {
  const run = spawnSync(
    'xmllint',
    ['--noout', '--nonet', '--schema', path.join(schemaDir, 'OfficeAppManifestV1_1.xsd'), '-'],
    { input: xml, encoding: 'utf8' },
  );
  if (run.error)
    throw new Error(
      `xmllint is needed to validate manifests (Debian: apt-get install libxml2-utils): ${run.error.message}`,
    );
  // 0: valid; 3: invalid; 1: not well-formed. 5 means a schema did not compile: that is a broken test setup, not an invalid manifest.
  if (run.status === 5) throw new Error(`The XSDs in ${schemaDir} did not compile:\n${run.stderr}`);
  // From standard input xmllint also reports "- validates" on stderr; only failures are errors.
  return run.status === 0 ? { valid: true, errors: '' } : { valid: false, errors: run.stderr };
}

type Validate = ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null };

const appManifestRequire = createRequire(
  createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json'),
);
const SCHEMA_DIR = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json')),
  'build/json-schemas/teams/v1.30',
);

function compile(file: string): Validate {
  const Ajv04 = appManifestRequire('ajv-draft-04') as {
    default: new (options: object) => { compile(schema: object): Validate };
  };
  const addFormats = appManifestRequire('ajv-formats') as { default: (ajv: unknown, formats: string[]) => void };
  const ajv = new Ajv04.default({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  addFormats.default(ajv, ['uri', 'email', 'regex']);
  return ajv.compile(JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, file), 'utf8')) as object);
}

let validators: { manifest: Validate; language: Validate } | null = null;
const compiled = () =>
  (validators ??= {
    manifest: compile('MicrosoftTeams.schema.json'),
    language: compile('MicrosoftTeams.Localization.schema.json'),
  });

function check(validate: Validate, data: unknown): string[] {
  return validate(data)
    ? []
    : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`.trim());
}

/** Errors of the unified manifest against MicrosoftTeams.schema.json v1.30; none is `[]`. */
export function unifiedManifestErrors(manifest: unknown): string[] {
  return check(compiled().manifest, manifest);
}

/** Errors of a language file against MicrosoftTeams.Localization.schema.json v1.30; none is `[]`. */
export function languageFileErrors(file: unknown): string[] {
  return check(compiled().language, file);
}

/** Width, height and colour type of a PNG, from its IHDR chunk (the PNG specification, 11.2.2). */
export function pngHeader(bytes: Uint8Array): { width: number; height: number; colourType: number } {
  const view = Buffer.from(bytes);
  if (view.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a' || view.subarray(12, 16).toString('latin1') !== 'IHDR')
    throw new Error('Not a PNG file.');
  return { width: view.readUInt32BE(16), height: view.readUInt32BE(20), colourType: view.readUInt8(25) };
}
