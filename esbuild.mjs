// Bundles the extension (src/extension.ts -> dist/extension.js) and, with --tests, the
// integration suite that runs inside the extension host (test/integration -> out/test/integration).
//   node esbuild.mjs [--production] [--watch] [--tests]
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

/** Prints errors in the form the `$esbuild-watch` problem matcher understands. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

const extension = {
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  alias: { 'whatwg-url': './scripts/shims/whatwg-url.cjs' },
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [problemMatcher],
};

// The Numbers Overview's webview script: for the browser, always minified (its size is budgeted in the bench).
const overviewScript = {
  entryPoints: ['src/overview/webview/main.ts'],
  outfile: 'dist/overview.js',
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: false,
  logLevel: 'warning',
  plugins: [problemMatcher],
};

function integrationEntries() {
  const dir = 'test/integration';
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
}

const integration = {
  entryPoints: tests ? integrationEntries() : [],
  outdir: 'out/test/integration',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode', 'mocha'],
  sourcemap: 'inline',
  logLevel: 'warning',
  plugins: [problemMatcher],
};

const configs = tests ? [extension, overviewScript, integration] : [extension, overviewScript];
if (watch) {
  for (const c of configs) await (await esbuild.context(c)).watch();
  // Every first build has ended: what follows is a rebuild after a change (npm start --watch waits for this).
  console.log('[watch] watching for changes');
} else {
  await Promise.all(configs.map((c) => esbuild.build(c)));
}
