/**
 * Merge: rendering a 5 KB HTML template with 10 fields (47 placeholders in the body, 3 in the
 * subject) for 10,000 rows, as UTF-8 bytes (what a sender must produce).
 *
 * Subject: the merge engine (shared/src/merge/mergeTemplate.ts: compileTemplate, then render per row).
 * Baseline: the least a correct merge must do: a `replaceAll` loop filling every placeholder of
 * subject and body, with the same HTML escaping of body values and the same plain-text rule for
 * subject values, written here independently of the engine. Before anything is timed, both are
 * rendered for every row and must give identical subjects and bodies, so the baseline provably
 * does the same work. Rounds alternate which of the two runs first; the figure is the ratio of
 * CPU times per round.
 *
 * Second figure, the choice of ARCHITECTURE.md ("CSP without 'unsafe-eval'"): the engine, which
 * runs Handlebars' syntax tree without generating code, against the former engine, the same
 * translation compiled by `Handlebars.compile` (generated code, which needs 'unsafe-eval'), also
 * checked identical before timing.
 */
import { compileTemplate, type MergeRow } from '#shared/merge/mergeTemplate.js';
import { handlebarsCompiled } from '../tests/helpers/handlebarsCompiled.js';
import { interleave, machineLine, measure, ratios, report, rounds as roundCount, summarize } from './stats.js';

export const MERGE_FIELDS = [
  'first_name',
  'last_name',
  'company',
  'city',
  'product',
  'licence_key',
  'expires_on',
  'portal_url',
  'support_email',
  'unsubscribe_url',
] as const;

export interface MergeFixture {
  subject: string;
  bodyHtml: string;
  rows: MergeRow[];
}

/** The bench's template and rows: values as in real lists (names with apostrophes, companies with "&", URLs with query strings). */
export function mergeFixture(rowCount: number): MergeFixture {
  let bodyHtml = '<!doctype html><html><body><table><tr><td>';
  for (let i = 0; bodyHtml.length < 5000; i++)
    bodyHtml += `<p style="margin:0 0 12px;font-family:Segoe UI">Paragraph ${i} about {{${MERGE_FIELDS[i % MERGE_FIELDS.length]}}} and our offer for you.</p>`;
  bodyHtml += '</td></tr></table></body></html>';
  const subject = 'Hello {{first_name}}, your {{product}} licence for {{company}}';
  const value = (field: string, i: number): string => {
    if (field.endsWith('_url')) return `https://portal.example.com/t/${i % 500}/licences?u=${i}&sig=abcdef0123456789`;
    if (field === 'last_name') return i % 7 === 0 ? `O'Brien ${i}` : `Name ${i}`;
    if (field === 'company') return i % 5 === 0 ? `Smith & Sons ${i % 300}` : `Company ${i % 300}`;
    return `${field.replace('_', ' ')} ${i}`;
  };
  const rows = Array.from(
    { length: rowCount },
    (_, i) => Object.fromEntries(MERGE_FIELDS.map((f) => [f, value(f, i)])) as MergeRow,
  );
  return { subject, bodyHtml, rows };
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;',
  '`': '&#x60;',
  '=': '&#x3D;',
};

/** The baseline: every placeholder replaced, body values HTML-escaped, subject values without line breaks. */
export function replaceAllMerge(
  fixture: Pick<MergeFixture, 'subject' | 'bodyHtml'>,
  fields: readonly string[],
  row: MergeRow,
): { subject: string; html: string } {
  let subject = fixture.subject;
  let html = fixture.bodyHtml;
  for (const field of fields) {
    const raw = row[field] ?? '';
    const placeholder = `{{${field}}}`;
    const plain = raw.replace(/[\r\n\u2028\u2029\0]+/g, ' ');
    const escaped = raw.replace(/[&<>"'`=]/g, (ch) => ENTITIES[ch]!);
    // A replacer function, so that "$&" in a value is not read as a replacement pattern.
    subject = subject.replaceAll(placeholder, () => plain);
    html = html.replaceAll(placeholder, () => escaped);
  }
  return { subject: subject.trim(), html };
}

export async function mergeBench(): Promise<boolean> {
  const rounds = roundCount(7);
  const fixture = mergeFixture(10_000);
  const compiled = compileTemplate({ subject: fixture.subject, bodyHtml: fixture.bodyHtml }, MERGE_FIELDS);
  if (!compiled.ok) throw new Error(`the bench template does not compile: ${JSON.stringify(compiled.problems)}`);
  const engine = compiled.template;
  const former = handlebarsCompiled({ subject: fixture.subject, bodyHtml: fixture.bodyHtml }, MERGE_FIELDS);

  // Same work: identical output for every row, and no placeholder left.
  for (const row of fixture.rows) {
    const a = engine.render(row);
    const b = replaceAllMerge(fixture, MERGE_FIELDS, row);
    const c = former(row);
    if (a.subject !== b.subject || a.html !== b.html)
      throw new Error(`engine and baseline differ for ${JSON.stringify(row)}`);
    if (a.subject !== c.subject || a.html !== c.html)
      throw new Error(`engine and Handlebars.compile differ for ${JSON.stringify(row)}`);
    if (b.html.includes('{{') || b.subject.includes('{{')) throw new Error('a placeholder was left unfilled');
  }
  const placeholders = (fixture.bodyHtml.match(/\{\{/g) ?? []).length + (fixture.subject.match(/\{\{/g) ?? []).length;

  let bytes = 0;
  const pass = (render: (row: MergeRow) => { subject: string; html: string }) => async () =>
    (
      await measure(() => {
        for (const row of fixture.rows) {
          const message = render(row);
          bytes += Buffer.byteLength(message.subject) + Buffer.byteLength(message.html);
        }
      })
    ).cpuMs;
  const phases = {
    engine: pass((row) => engine.render(row)),
    baseline: pass((row) => replaceAllMerge(fixture, MERGE_FIELDS, row)),
    handlebars: pass(former),
  };
  await interleave(1, phases); // warm-up
  const measured = await interleave(rounds, phases);

  console.log(
    `\nMerge: ${fixture.bodyHtml.length}-byte template, ${placeholders} placeholders (subject and body, ${MERGE_FIELDS.length} fields), ${fixture.rows.length.toLocaleString('en')} rows, UTF-8; ${rounds} rounds, alternating`,
  );
  console.log(`  ${machineLine()}`);
  console.log(
    `  checked before timing: engine, replaceAll baseline and Handlebars.compile give identical subject and body for every row (${(bytes / 1e6 / (3 * (rounds + 1))).toFixed(1)} MB per pass)`,
  );
  console.log(
    `  medians: engine ${summarize(measured.engine).median.toFixed(0)} ms CPU, replaceAll loop with the same escaping ${summarize(measured.baseline).median.toFixed(0)} ms CPU, Handlebars.compile ${summarize(measured.handlebars).median.toFixed(0)} ms CPU`,
  );
  // No goal: the former "<= 3x" never constrained the engine (perf-audit.md: it is near the floor).
  console.log(
    report('merge engine ÷ correct replaceAll loop, CPU per pass', ratios(measured.engine, measured.baseline)),
  );
  // The price of the CSP without 'unsafe-eval' (ARCHITECTURE.md): no slower than generated code.
  console.log(
    report(
      "merge engine ÷ Handlebars.compile ('unsafe-eval'), CPU/pass",
      ratios(measured.engine, measured.handlebars),
      { goal: { atMost: 1.05 } },
    ),
  );
  return true;
}
