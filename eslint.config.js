// Lint rules for all TypeScript: recommended JS and TypeScript rules, React hooks rules for the pages.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Everywhere: Office.* only in the Office host, and no focused or skipped tests.
const everywhere = [
  {
    selector: "MemberExpression[object.name='Office']",
    message: 'Only addin/src/host/officeMailHost.ts may touch Office.*.',
  },
  {
    selector: 'CallExpression[callee.property.name=/^(only|skip|todo)$/][callee.object.name=/^(it|test|describe)$/]',
    message: 'No focused or skipped tests.',
  },
];

const sharedByAlias = {
  regex: '^(\\.\\.?/)+(.*/)?shared/src/',
  message: "Import shared code as '#shared/…' (`node scripts/alias-shared-imports.mjs` rewrites relative imports).",
};

export default tseslint.config(
  { ignores: ['build/', 'node_modules/', 'data/', 'test-results/', '.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', ...everywhere],
    },
  },
  { files: ['addin/src/host/officeMailHost.ts'], rules: { 'no-restricted-syntax': 'off' } },
  // Outside shared/, shared code is imported through the one alias (package.json "imports"), never by a relative path.
  {
    files: ['server/**/*.ts', 'addin/**/*.{ts,tsx}', 'tests/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{ts,mjs}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [sharedByAlias] }] },
  },
  {
    files: ['server/src/**/*.ts', 'shared/src/**/*.ts', 'addin/src/**/*.{ts,tsx}'],
    ignores: ['server/src/storage/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['better-sqlite3', 'pg', 'kysely'].map((name) => ({
            name,
            message: 'Only the storage module (server/src/storage) speaks SQL: add a repository method.',
          })),
          // Repeated: a later block's setting of a rule replaces an earlier one's.
          patterns: [sharedByAlias],
        },
      ],
    },
  },
  {
    files: ['addin/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  // Pages are styled with Fluent's makeStyles and tokens; an inline style is for a value known only at run
  // time (a virtualised row's offset, a bar's width), allowed line by line with a reason.
  {
    files: ['addin/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...everywhere,
        {
          selector: "JSXAttribute[name.name='style']",
          message:
            'Style with makeStyles (Fluent tokens); inline style only for run-time values, with an eslint-disable comment saying which.',
        },
      ],
    },
  },
  // Last: layout is Prettier's (`npm run format`), so no lint rule argues with it.
  prettier,
);
