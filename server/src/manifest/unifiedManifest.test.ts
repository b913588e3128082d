/**
 * The unified manifest for Microsoft 365 and its language files against Microsoft's JSON schemas
 * v1.30 (as shipped in @microsoft/app-manifest), and against the XML manifest they are written
 * from the same description as: same permissions, same button, its own id, linked to hide the XML add-in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { languageFileErrors, pngHeader, unifiedManifestErrors } from '../../../tests/helpers/manifestSchemas.js';
import { describeAddin, ITEM_PERMISSIONS, type ItemPermission } from './addinDescription.js';
import { unifiedLanguageFiles, unifiedManifest } from './unifiedManifest.js';
import { xmlManifest } from './xmlManifest.js';

const ORIGIN = 'https://outmerge.contoso.com';
const CLIENT_ID = '0d5b1c6a-2e7f-4a88-9b3c-5f6e7d8c9b0a';
const addin = describeAddin(ORIGIN, CLIENT_ID);
const manifest = unifiedManifest(addin);
const xml = xmlManifest(addin);
type Json = Record<string, unknown> & { [key: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('the unified manifest', () => {
  it('validates against MicrosoftTeams.schema.json v1.30, and its language files against the localization schema', () => {
    expect(unifiedManifestErrors(manifest)).toEqual([]);
    const files = unifiedLanguageFiles(addin);
    expect(Object.keys(files).sort()).toEqual(['de-de.json', 'fr-fr.json']);
    for (const file of Object.values(files)) expect(languageFileErrors(file)).toEqual([]);
    expect((manifest as Json).localizationInfo.additionalLanguages.map((l: Json) => l.file).sort()).toEqual([
      'de-de.json',
      'fr-fr.json',
    ]);
  });

  it.each([
    [
      'a short description over 80 characters',
      (m: Json) => (m.description.short = 'x'.repeat(81)),
      /\/description\/short must NOT have more than 80 characters/,
    ],
    [
      'a context Outlook does not have',
      (m: Json) => (m.extensions[0].ribbons[0].contexts = ['mailWrite']),
      /\/extensions\/0\/ribbons\/0\/contexts\/0 must be equal to one of the allowed values/,
    ],
    [
      'a property the schema does not know',
      (m: Json) => (m.permission = 'ReadItem'),
      /must NOT have additional properties/,
    ],
    [
      'a task pane page over http',
      (m: Json) => (m.extensions[0].runtimes[0].code.page = 'http://outmerge.contoso.com/taskpane.html'),
      /\/extensions\/0\/runtimes\/0\/code\/page must match pattern/,
    ],
  ])('the schema rejects %s', (_, mutate, message) => {
    const changed = structuredClone(manifest) as Json;
    mutate(changed);
    expect(unifiedManifestErrors(changed).join('\n')).toMatch(message);
  });

  it('rejects a language file with a key the localization schema does not know', () => {
    const file = {
      ...unifiedLanguageFiles(addin)['fr-fr.json'],
      'extensions[0].ribbons[0].tabs[0].groups[0].controls[0].tooltip': 'x',
    };
    expect(languageFileErrors(file).join('\n')).toMatch(/must NOT have additional properties/);
  });

  it('has its own id, and hides the XML add-in where both are deployed', () => {
    const xmlId = /<Id>([^<]+)<\/Id>/.exec(xml)?.[1];
    expect(manifest.id).not.toBe(xmlId);
    expect((manifest as Json).extensions[0].alternates).toEqual([
      { hide: { customOfficeAddin: { officeAddinId: xmlId } } },
    ]);
  });

  it('asks for the same permissions as the XML manifest: read/write item, shared folders', () => {
    const xmlPermission = /<Permissions>([^<]+)<\/Permissions>/.exec(xml)?.[1] as ItemPermission;
    const names = (manifest as Json).authorization.permissions.resourceSpecific.map((p: Json) => `${p.name}/${p.type}`);
    expect(names).toEqual([`${ITEM_PERMISSIONS[xmlPermission]}/Delegated`, 'Mailbox.SharedFolder/Delegated']);
    expect(names[0]).toBe('MailboxItem.ReadWrite.User/Delegated');
    expect(xml).toContain('<SupportsSharedFolders>true</SupportsSharedFolders>');
  });

  it('opens the same pane from the same compose button as the XML manifest, with the same requirement sets', () => {
    const extension = (manifest as Json).extensions[0];
    const runtime = extension.runtimes[0];
    const control = extension.ribbons[0].tabs[0].groups[0].controls[0];
    expect(extension.ribbons[0].contexts).toEqual(['mailCompose']);
    expect(control.actionId).toBe(runtime.actions[0].id);
    expect(runtime.actions[0]).toMatchObject({ type: 'openPage', pinnable: true });
    expect(xml).toContain(`<bt:Url id="Taskpane.Url" DefaultValue="${runtime.code.page}"/>`);
    expect(xml).toContain(`<Control xsi:type="Button" id="${control.id}">`);
    expect(xml).toContain('<SupportsPinning>true</SupportsPinning>');
    expect(runtime.requirements.capabilities).toEqual([{ name: 'Mailbox', minVersion: '1.3' }]);
    expect(xml).toContain('<bt:Sets DefaultMinVersion="1.3">');
    expect(extension.requirements).toEqual({
      scopes: ['mail'],
      capabilities: [{ name: 'Mailbox', minVersion: '1.1' }],
    });
    expect(xml).toContain('<Set Name="Mailbox" MinVersion="1.1"/>');
    for (const icon of control.icons) expect(xml).toContain(`DefaultValue="${icon.url}"`);
  });

  it('names pages of this deployment for support, privacy and terms, and its app registration for admin consent', () => {
    expect((manifest as Json).developer).toEqual({
      name: 'Outmerge',
      websiteUrl: `${ORIGIN}/outmerge.html`,
      privacyUrl: `${ORIGIN}/privacy.html`,
      termsOfUseUrl: `${ORIGIN}/terms.html`,
    });
    expect((manifest as Json).webApplicationInfo).toEqual({ id: CLIENT_ID, resource: ORIGIN });
    expect((manifest as Json).validDomains).toEqual(['outmerge.contoso.com']);
    expect(JSON.stringify(manifest)).not.toContain('localhost');
  });

  it('keeps the version of the XML manifest, in three parts', () => {
    expect(`<Version>${manifest.version as string}.0</Version>`).toBe(/<Version>[^<]+<\/Version>/.exec(xml)?.[0]);
  });

  it('has the icons the app package needs: color 192×192 and outline 32×32, both with an alpha channel', () => {
    const assets = path.resolve(import.meta.dirname, '../../../addin/public/assets');
    expect(pngHeader(fs.readFileSync(path.join(assets, 'icon-color-192.png')))).toEqual({
      width: 192,
      height: 192,
      colourType: 6,
    });
    expect(pngHeader(fs.readFileSync(path.join(assets, 'icon-outline-32.png')))).toEqual({
      width: 32,
      height: 32,
      colourType: 6,
    });
  });
});
