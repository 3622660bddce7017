// Flat ESLint config. The one house rule that matters most: only src/extension.ts and the
// `vscode/` folders import `vscode` (see the rule below and test/unit/lintRule.test.ts).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
  {
    // The house rule: `vscode` is imported only in src/extension.ts and under a `vscode/`
    // folder. Type-only imports count too, so everything else (the API layer, the domain, the
    // flows behind their ports) runs in plain Node and reads without knowing VS Code. A core
    // module may not reach into a `vscode/` folder, nor into services.ts (the composition
    // root's bag of VS Code services, typed with vscode's types).
    files: ['src/**/*.ts'],
    ignores: ['src/extension.ts', 'src/services.ts', 'src/**/vscode/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'Import vscode only in src/extension.ts or under a vscode/ folder.' }],
          patterns: [
            {
              regex: '(^|/)vscode/',
              message: 'Core modules must not import from a vscode/ folder: pass what you need through a port.',
            },
            {
              regex: '(^|/)services$',
              message: 'Core modules must not import services.ts: take the narrow interface you need.',
            },
          ],
        },
      ],
    },
  },
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
