/**
 * A Kysely query built and compiled once, run many times with other values. Kysely builds an
 * operation tree and compiles it to SQL on every call: about 100 µs for a join with a few
 * conditions, more than SQLite takes to answer it, and the license check, the most frequent
 * request, runs one or two such queries each time. Built once with a marker for each value, the
 * query is compiled by this database's own dialect (the same SQL text for SQLite and PostgreSQL
 * as the builder would write); each run puts the values in the markers' places and hands the SQL
 * to the same executor (a transaction's own, inside one). better-sqlite3's statements are cached
 * by SQL text (./statementCache.ts), so the statement itself is compiled once as well.
 *
 * Only for values Kysely sends as parameters (comparisons, `in` lists of a fixed length): a value
 * written into the SQL text would be compiled in once and for all, and the markers check that
 * every name came back as a parameter.
 */
import { CompiledQuery, type Compilable, type Kysely } from 'kysely';

export interface PreparedQuery<Values, Row> {
  execute(values: Values): Promise<Row[]>;
}

export function preparedQuery<Values extends Record<string, unknown>, Row>(
  db: Pick<Kysely<never>, 'executeQuery'>,
  names: ReadonlyArray<keyof Values & string>,
  build: (markers: Values) => Compilable<Row>,
): PreparedQuery<Values, Row> {
  let compiled: { sql: string; slots: Array<{ name: string } | { constant: unknown }> } | null = null;
  const compile = () => {
    const tag = `\u0000outmerge-prepared-${Math.random().toString(36).slice(2)}:`;
    const markers = Object.fromEntries(names.map((name) => [name, `${tag}${name}`])) as unknown as Values;
    const query = build(markers).compile();
    const slots = query.parameters.map((value) =>
      typeof value === 'string' && value.startsWith(tag) ? { name: value.slice(tag.length) } : { constant: value },
    );
    const missing = names.filter((name) => !slots.some((slot) => 'name' in slot && slot.name === name));
    if (missing.length > 0) throw new Error(`preparedQuery: ${missing.join(', ')} not sent as parameters`);
    return { sql: query.sql, slots };
  };
  return {
    async execute(values) {
      compiled ??= compile();
      const parameters = compiled.slots.map((slot) => ('name' in slot ? values[slot.name] : slot.constant));
      const result = await db.executeQuery<Row>(CompiledQuery.raw(compiled.sql, parameters) as CompiledQuery<Row>);
      return result.rows;
    },
  };
}
