// Flat ESLint config. The house rules (houseRules below, proven by
// test/unit/architecture/{vscodeBoundary,layers}.test.ts): only src/extension.ts and the
// `vscode/` folders import `vscode`, and each src/ folder imports only the layers below it.
import fs from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The layers, bottom up; every other folder of src/ is a feature, above them all. */
const LAYERS = ['platform', 'sinch', 'session', 'numbers'];
const FEATURES = fs
  .readdirSync(new URL('./src', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory() && !LAYERS.includes(d.name))
  .map((d) => d.name);

const VSCODE_PATH = { name: 'vscode', message: 'Import vscode only in src/extension.ts or under a vscode/ folder.' };
const CORE_PATTERNS = [
  {
    regex: '(^|/)vscode/',
    message: 'Core modules must not import from a vscode/ folder: pass what you need through a port.',
  },
  {
    regex: '(^|/)services$',
    message: 'Core modules must not import services.ts: take the narrow interface you need.',
  },
];

/** What a folder of src/ may not import: the layers above it, and, for a feature, the other features. */
function forbiddenFor(folder) {
  const level = LAYERS.indexOf(folder);
  if (level >= 0) return [...LAYERS.slice(level + 1), ...FEATURES];
  return FEATURES.filter((f) => f !== folder);
}

/**
 * One no-restricted-imports per group of files (flat config replaces a rule's options, so the
 * vscode boundary and the layers are one rule). Relative paths are matched per depth, so
 * `../rent/cart` from src/numbers/x.ts and `../../rent/cart` from src/numbers/vscode/x.ts are the
 * same upward import. services.ts holds session types: platform and sinch may not import it.
 */
function houseRules() {
  const blocks = [];
  for (const folder of [...LAYERS, ...FEATURES]) {
    const forbidden = [...forbiddenFor(folder), ...(level(folder) < 2 ? ['services'] : [])];
    for (const depth of [1, 2, 3, 4]) {
      const layer = {
        regex: `^${'\\.\\./'.repeat(depth)}(${forbidden.join('|')})(/|$)`,
        message: `${folder}/ may not import this: imports run platform → sinch → session → numbers → features → extension.ts, and features talk through ports that extension.ts wires.`,
      };
      const dirs = Array(depth - 1).fill('*');
      // The files of this folder at this depth, and those of them under a vscode/ folder.
      const files = [`src/${folder}/${dirs.map((d) => `${d}/`).join('')}*.ts`];
      const vscodeFiles = dirs.map(
        (_, k) => `src/${folder}/${dirs.map((d, i) => `${i === k ? 'vscode' : d}/`).join('')}*.ts`,
      );
      blocks.push({
        files,
        ignores: ['src/**/vscode/**'],
        rules: { 'no-restricted-imports': ['error', { paths: [VSCODE_PATH], patterns: [...CORE_PATTERNS, layer] }] },
      });
      if (vscodeFiles.length > 0)
        blocks.push({ files: vscodeFiles, rules: { 'no-restricted-imports': ['error', { patterns: [layer] }] } });
    }
  }
  // Root files other than the composition root (constants.ts) are core too.
  blocks.push({
    files: ['src/*.ts'],
    ignores: ['src/extension.ts', 'src/services.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [VSCODE_PATH], patterns: CORE_PATTERNS }] },
  });
  return blocks;
}

function level(folder) {
  const i = LAYERS.indexOf(folder);
  return i >= 0 ? i : LAYERS.length;
}

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', '.cache/', '.test-output/', '**/*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  ...houseRules(),
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs', 'test/**/*.ts', 'scripts/**'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
