/**
 * Handlebars' parser on its own (the `parse` of its compiler: the Jison grammar, then its
 * whitespace control), without the code generator that needs `new Function`. The package has no
 * `exports` map, so the module is reachable by its path; its syntax tree is checked node by node
 * where it is read (templateProgram.ts), hence `unknown` here.
 */
declare module 'handlebars/dist/cjs/handlebars/compiler/base.js' {
  export function parse(input: string): unknown;
}
