/**
 * The add-in only manifest against Microsoft's MailApp XSDs (xmllint, offline), plus the local
 * check for what the XSDs cannot see. The schema set is Microsoft's last published one (2017) with
 * exactly one addition: SupportsSharedFolders in MailHost's DesktopFormFactor, as [MS-OWEMXML] §5.5
 * defines it (schemas/README.md). The negative controls show the validation really bites.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateWithXsd, XSD_DIR } from '../../../tests/helpers/manifestSchemas.js';
import { DEVELOPMENT_CLIENT_ID } from '../config.js';
import { describeAddin, DEVELOPMENT_ADDIN_ORIGIN } from './addinDescription.js';
import { checkManifest } from './checkManifest.js';
import { xmlManifest } from './xmlManifest.js';

const committed = fs.readFileSync(path.resolve(import.meta.dirname, '../../../manifest.xml'), 'utf8');
const DEPLOYMENT = 'https://outmerge.contoso.com';
const deployed = xmlManifest(describeAddin(`${DEPLOYMENT}/`, '0d5b1c6a-2e7f-4a88-9b3c-5f6e7d8c9b0a'));

/** The committed manifest with one edit; fails the test when the edit no longer applies. */
function edit(pattern: RegExp | string, replacement: string): string {
  const changed = committed.replace(pattern, replacement);
  expect(changed, `${String(pattern)} must occur in manifest.xml`).not.toBe(committed);
  return changed;
}

/**
 * The 1.1 overrides' content moved into the 1.0 overrides (SupportsSharedFolders, a 1.1 element, dropped):
 * valid 1.0 markup except for SupportsPinning, which only 1.1 has (only the 1.1 XSD, MailAppVersionOverridesV1_1.xsd, declares it).
 */
function flattenedTo10(keepPinning: boolean): string {
  let xml = edit(
    /\n\s*<VersionOverrides xmlns="http:\/\/schemas.microsoft.com\/office\/mailappversionoverrides\/1.1" xsi:type="VersionOverridesV1_1">/,
    '',
  );
  xml = xml
    .replace(/\n\s*<\/VersionOverrides>(?=\n\s*<\/VersionOverrides>)/, '')
    .replace(/\n\s*<SupportsSharedFolders>true<\/SupportsSharedFolders>/, '');
  return keepPinning ? xml : xml.replace(/\n\s*<SupportsPinning>true<\/SupportsPinning>/, '');
}

const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('manifest.xml', () => {
  it('is what the generator writes for the development origin (run `npm run manifest` after changing the description)', () => {
    expect(committed).toBe(xmlManifest(describeAddin(DEVELOPMENT_ADDIN_ORIGIN, DEVELOPMENT_CLIENT_ID)));
  });

  it("validates against Microsoft's XSDs, as committed and as written for a deployment", () => {
    for (const xml of [committed, deployed]) expect(validateWithXsd(xml)).toEqual({ valid: true, errors: '' });
  });

  it("passes the checks the XSDs cannot make: resources resolve, https, only the deployment's own origin", () => {
    expect(checkManifest(committed, DEVELOPMENT_ADDIN_ORIGIN)).toEqual([]);
    expect(checkManifest(deployed, DEPLOYMENT)).toEqual([]);
    expect(deployed).not.toContain('localhost');
  });

  it('asks for the least item permission its Office.js calls need, ReadWriteItem, and supports shared folders and shared mailboxes', () => {
    // In office-js-docs-reference, body.setSelectedDataAsync (the field picker) is "Minimum permission level: read/write item";
    // every other Office.js call of addin/src/host/officeMailHost.ts is "read item": subject/body getAsync,
    // body.getTypeAsync, getAttachmentsAsync, getAttachmentContentAsync, userProfile, from.getAsync (Mailbox 1.7),
    // AttachmentDetailsCompose.contentId (1.16). ReadWriteMailbox, which would reach other items, is not asked for.
    expect(committed).toContain('<Permissions>ReadWriteItem</Permissions>');
    expect(committed).toMatch(/<DesktopFormFactor>\s*<SupportsSharedFolders>true<\/SupportsSharedFolders>/);
  });

  it('validates the 1.0 control of the SupportsPinning case: the negative below hinges on that one element', () => {
    expect(validateWithXsd(flattenedTo10(false))).toEqual({ valid: true, errors: '' });
  });

  it.each([
    [
      'elements out of order (DefaultLocale before ProviderName)',
      () => edit(/(<ProviderName>[^<]+<\/ProviderName>)(\s*)(<DefaultLocale>[^<]+<\/DefaultLocale>)/, '$3$2$1'),
      /DefaultLocale': This element is not expected/,
    ],
    [
      'an unknown element',
      () => edit('<Hosts>\n    <Host Name="Mailbox"/>', '<Hosts>\n    <Host Name="Mailbox"/><Outmerge/>'),
      /Outmerge': This element is not expected/,
    ],
    [
      'a permission Outlook does not know',
      () => edit('<Permissions>ReadWriteItem</Permissions>', '<Permissions>ReadWriteEverything</Permissions>'),
      /'ReadWriteEverything' is not an element of the set/,
    ],
    [
      'Supertip before Label',
      () => edit(/(<Label resid="TaskpaneButton.Label"\/>)(\s*)(<Supertip>[\s\S]*?<\/Supertip>)/, '$3$2$1'),
      /Supertip': This element is not expected/,
    ],
    [
      'SupportsPinning in the 1.0 overrides, where it does not exist',
      () => flattenedTo10(true),
      /mailappversionoverrides\}SupportsPinning': This element is not expected/,
    ],
    [
      'a French description over 250 characters',
      () => edit(/(<Override Locale="fr-FR" Value=")Publipostage personnalisé/, `$1${'x'.repeat(240)}`),
      /Override', attribute 'Value': \[facet 'maxLength'\]/,
    ],
    [
      'a version with five parts',
      () => edit(/<Version>[^<]+<\/Version>/, '<Version>1.1.0.0.0</Version>'),
      /Version': \[facet 'pattern'\]/,
    ],
    [
      'SupportsSharedFolders after the extension point',
      () =>
        edit(
          /(<SupportsSharedFolders>true<\/SupportsSharedFolders>)(\s*)(<ExtensionPoint[\s\S]*<\/ExtensionPoint>)/,
          '$3$2$1',
        ),
      /SupportsSharedFolders': This element is not expected/,
    ],
  ])('rejects %s', (_, mutate, message) => {
    const result = validateWithXsd(mutate());
    expect(result.valid).toBe(false);
    expect(result.errors).toMatch(message);
  });

  it("needs the SupportsSharedFolders extension: Microsoft's 2017 MailHost type rejects the element", () => {
    // The same schema set with MailHost's DesktopFormFactor typed as Microsoft's 2017 file had it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outmerge-xsd-'));
    scratch.push(dir);
    for (const file of fs.readdirSync(XSD_DIR).filter((name) => name.endsWith('.xsd')))
      fs.copyFileSync(path.join(XSD_DIR, file), path.join(dir, file));
    const overrides = path.join(dir, 'MailAppVersionOverridesV1_1.xsd');
    const original = fs
      .readFileSync(overrides, 'utf8')
      .replace(
        'name="DesktopFormFactor" type="FormFactorWithSupportsSharedFolders"',
        'name="DesktopFormFactor" type="FormFactor"',
      );
    fs.writeFileSync(overrides, original);
    const result = validateWithXsd(committed, dir);
    expect(result.valid).toBe(false);
    expect(result.errors).toMatch(
      /SupportsSharedFolders': This element is not expected. Expected is one of \( .*FunctionFile, .*ExtensionPoint \)/,
    );
  });

  it.each([
    [
      'a resid that names no resource',
      () => edit('resid="Taskpane.Url"', 'resid="Taskpane.Missing"'),
      /resid "Taskpane.Missing" on SourceLocation does not resolve/,
    ],
    [
      'a resid that names the wrong kind of resource',
      () => edit('<SourceLocation resid="Taskpane.Url"/>', '<SourceLocation resid="GroupLabel"/>'),
      /names a bt:String, not a bt:Url/,
    ],
    [
      'an http URL',
      () => edit('<IconUrl DefaultValue="https://localhost:3000/', '<IconUrl DefaultValue="http://localhost:3000/'),
      /IconUrl must use https/,
    ],
    [
      'a URL on another origin',
      () =>
        edit(
          '<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/',
          '<bt:Url id="Taskpane.Url" DefaultValue="https://attacker.example/',
        ),
      /bt:Url points outside https:\/\/localhost:3000/,
    ],
    [
      'an app domain on another origin',
      () => edit('<AppDomain>https://localhost:3000</AppDomain>', '<AppDomain>https://attacker.example</AppDomain>'),
      /AppDomain points outside/,
    ],
  ])('the local check reports %s', (_, mutate, message) => {
    const xml = mutate();
    expect(validateWithXsd(xml).valid).toBe(true); // the XSDs cannot see it
    expect(checkManifest(xml, DEVELOPMENT_ADDIN_ORIGIN).join('\n')).toMatch(message);
  });
});
