import { describe, expect, it } from 'vitest';
import { compileTemplate, type MergeRow } from '#shared/merge/mergeTemplate.js';
import { MERGE_FIELDS, mergeFixture, replaceAllMerge } from './merge.js';

describe('the merge bench baseline', () => {
  const fixture = mergeFixture(50);
  const compiled = compileTemplate({ subject: fixture.subject, bodyHtml: fixture.bodyHtml }, MERGE_FIELDS);
  if (!compiled.ok) throw new Error('the bench template must compile');

  it('fills every placeholder of subject and body, several uses of a field included', () => {
    expect((fixture.bodyHtml.match(/\{\{/g) ?? []).length).toBeGreaterThan(40);
    for (const row of fixture.rows) {
      const message = replaceAllMerge(fixture, MERGE_FIELDS, row);
      expect(message.html).not.toContain('{{');
      expect(message.subject).not.toContain('{{');
    }
  });

  it('gives exactly what the engine gives, escaping included', () => {
    for (const row of fixture.rows)
      expect(replaceAllMerge(fixture, MERGE_FIELDS, row)).toEqual(compiled.template.render(row));
  });

  it('agrees with the engine on values that need escaping, replacement patterns and line breaks', () => {
    const hostile: MergeRow = Object.fromEntries(
      MERGE_FIELDS.map((f) => [f, `<b>"O'Neil" & \`x\` = $& $1 ${f}</b>\r\n`]),
    );
    const baseline = replaceAllMerge(fixture, MERGE_FIELDS, hostile);
    expect(baseline).toEqual(compiled.template.render(hostile));
    expect(baseline.html).toContain('&lt;b&gt;&quot;O&#x27;Neil&quot; &amp; &#x60;x&#x60; &#x3D; $&amp; $1');
    expect(baseline.subject).not.toMatch(/[\r\n]/);
  });
});
