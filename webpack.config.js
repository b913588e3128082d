// Builds the browser pages (task pane, playground, portal, privacy and terms, the page about Outmerge, development pages)
// into build/addin. The manifests are not files of the build: the server writes them for its
// PUBLIC_URL (GET /manifest.xml, /manifest.json, /manifest.zip; server/src/manifest/).
import CopyWebpackPlugin from 'copy-webpack-plugin';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));

const pages = [
  { name: 'index', entry: 'home', title: 'Outmerge' },
  { name: 'taskpane', entry: 'taskpane', title: 'Outmerge', template: 'taskpane.html' },
  // The sign-in page Office opens in its dialog where Outlook has no nested app authentication (Office.js for messageParent).
  { name: 'auth-dialog', entry: 'authDialog', title: 'Outmerge sign-in', template: 'taskpane.html' },
  { name: 'playground', entry: 'playground', title: 'Outmerge playground' },
  { name: 'portal', entry: 'portal', title: 'Outmerge licensing portal' },
  { name: 'privacy', entry: 'legal', title: 'Outmerge — Privacy' },
  { name: 'terms', entry: 'legal', title: 'Outmerge — Terms of use' },
  // The page about Outmerge for the people who receive merged mail: the free tier's footer links to it.
  { name: 'outmerge', entry: 'outmerge', title: 'Outmerge — Mail merge for Outlook' },
  { name: 'mailbox', entry: 'mailbox', title: 'Outmerge mailbox (Graph stand-in)' },
  { name: 'outbox', entry: 'outbox', title: 'Outmerge outbox' },
];

export default (_env, argv) => {
  const production = argv.mode !== 'development';
  return {
    mode: production ? 'production' : 'development',
    devtool: production ? 'source-map' : 'eval-cheap-module-source-map',
    context: root,
    // Rebuilds reuse the modules that did not change (`npm start` rebuilds only when sources changed).
    // The cache lives in this checkout's build folder, so several checkouts never share one.
    cache: {
      type: 'filesystem',
      cacheDirectory: path.join(root, 'build/.webpack-cache'),
      buildDependencies: { config: [fileURLToPath(import.meta.url)] },
    },
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
          use: {
            loader: 'ts-loader',
            options: { configFile: path.join(root, 'addin/tsconfig.json'), transpileOnly: true },
          },
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
        patterns: [{ from: 'addin/public/assets', to: 'assets' }],
      }),
    ],
  };
};
