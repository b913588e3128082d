/**
 * Bundles a bench's browser entry with the build's own webpack and ts-loader settings (the same
 * resolution of `.js` imports to TypeScript, production mode, minified), so that the code Chromium
 * runs in a bench is the pane's code as `npm run build` ships it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import webpack from 'webpack';

export async function bundle(entry: string): Promise<string> {
  const root = path.resolve('.');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outmerge-bench-bundle-'));
  const compiler = webpack({
    mode: 'production',
    devtool: false,
    context: root,
    entry: path.resolve(entry),
    output: { path: dir, filename: 'bench.js' },
    resolve: { extensions: ['.tsx', '.ts', '.js'], extensionAlias: { '.js': ['.ts', '.tsx', '.js'] } },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              configFile: path.join(root, 'addin/tsconfig.json'),
              transpileOnly: true,
              onlyCompileBundledFiles: true,
            },
          },
        },
      ],
    },
    performance: { hints: false },
  });
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    compiler.run((error, result) => (error || !result ? reject(error ?? new Error('no stats')) : resolve(result))),
  );
  await new Promise<void>((resolve) => compiler.close(() => resolve()));
  if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
  const code = fs.readFileSync(path.join(dir, 'bench.js'), 'utf8');
  fs.rmSync(dir, { recursive: true, force: true });
  return code;
}
