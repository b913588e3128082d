// Builds the browser pages (task pane, playground, portal, development pages) into build/addin,
// and writes the add-in manifest for the configured public URL next to them.
import CopyWebpackPlugin from 'copy-webpack-plugin';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const DEVELOPMENT_ADDIN_ORIGIN = 'https://localhost:3000'; // keep in sync with server/src/manifest/manifestForUrl.ts
const publicUrl = (process.env.ADDIN_PUBLIC_URL || process.env.PUBLIC_URL || DEVELOPMENT_ADDIN_ORIGIN).replace(/\/+$/, '');

const pages = [
  { name: 'index', entry: 'home', title: 'Outmerge' },
  { name: 'taskpane', entry: 'taskpane', title: 'Outmerge', template: 'taskpane.html' },
  // The sign-in page Office opens in its dialog where Outlook has no nested app authentication (Office.js for messageParent).
  { name: 'auth-dialog', entry: 'authDialog', title: 'Outmerge sign-in', template: 'taskpane.html' },
  { name: 'playground', entry: 'playground', title: 'Outmerge playground' },
  { name: 'portal', entry: 'portal', title: 'Outmerge licensing portal' },
  { name: 'mailbox', entry: 'mailbox', title: 'Outmerge mailbox (Graph stand-in)' },
  { name: 'outbox', entry: 'outbox', title: 'Outmerge outbox' },
];

export default (_env, argv) => {
  const production = argv.mode !== 'development';
  return {
    mode: production ? 'production' : 'development',
    devtool: production ? 'source-map' : 'eval-cheap-module-source-map',
    context: root,
    entry: Object.fromEntries(pages.map((p) => [p.name, `./addin/src/pages/${p.entry}.tsx`])),
    output: {
      path: path.join(root, 'build/addin'),
      filename: 'js/[name].[contenthash:8].js',
      chunkFilename: 'js/[name].[contenthash:8].js',
      publicPath: '/',
      clean: true,
    },
    resolve: {
      extensions: ['.tsx', '.ts', '.js'],
      // Sources import with .js extensions (Node ESM style); resolve them to the TypeScript files.
      extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // Type checking is `npm run typecheck`; the bundle only transpiles.
          use: { loader: 'ts-loader', options: { configFile: path.join(root, 'addin/tsconfig.json'), transpileOnly: true } },
        },
      ],
    },
    optimization: { splitChunks: { chunks: 'all' } },
    performance: { hints: false },
    plugins: [
      ...pages.map(
        (p) =>
          new HtmlWebpackPlugin({
            filename: `${p.name}.html`,
            template: path.join(root, 'addin/src/pages', p.template ?? 'page.html'),
            title: p.title,
            chunks: [p.name],
            scriptLoading: 'defer',
          }),
      ),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'addin/public/assets', to: 'assets' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => content.toString().split(DEVELOPMENT_ADDIN_ORIGIN).join(publicUrl),
          },
        ],
      }),
    ],
  };
};
