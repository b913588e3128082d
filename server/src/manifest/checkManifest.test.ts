import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkManifest } from './checkManifest.js';
import { manifestForUrl } from './manifestForUrl.js';

const manifest = fs.readFileSync(path.resolve(import.meta.dirname, '../../../manifest.xml'), 'utf8');

describe('manifest.xml', () => {
  it('passes the local check, as committed and as written for a deployment', () => {
    expect(checkManifest(manifest)).toEqual([]);
    expect(checkManifest(manifestForUrl(manifest, 'https://outmerge.contoso.com'))).toEqual([]);
  });

  it.each([
    ['a broken tag', (x: string) => x.replace('</ProviderName>', '</Provider>'), /Not well-formed/],
    ['a non-GUID id', (x: string) => x.replace(/<Id>[^<]+<\/Id>/, '<Id>outmerge</Id>'), /Id must be a GUID/],
    ['a short version', (x: string) => x.replace('<Version>1.0.0.0</Version>', '<Version>1.0</Version>'), /four parts/],
    ['elements out of order', (x: string) => x.replace(/(<ProviderName>[^<]+<\/ProviderName>)\s*(<DefaultLocale>[^<]+<\/DefaultLocale>)/, '$2$1'), /out of order/],
    ['an http URL', (x: string) => manifestForUrl(x, 'http://outmerge.example'), /must use https/],
    ['a dangling resid', (x: string) => x.replace('resid="Taskpane.Url"', 'resid="Taskpane.Missing"'), /does not resolve/],
    ['a too long short string', (x: string) => x.replace('DefaultValue="Mail merge"', `DefaultValue="${'x'.repeat(126)}"`), /longer than 125/],
    ['no compose rule', (x: string) => x.replace('FormType="Edit"', 'FormType="Read"'), /compose/],
  ])('reports %s', (_, mutate, message) => {
    expect(checkManifest(mutate(manifest)).join('\n')).toMatch(message);
  });
});
