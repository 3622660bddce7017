// Copies the README's screenshots from the latest end-to-end run (.test-output/screenshots)
// into docs/screenshots. Run after `npm test` (or `npm run test:e2e`): npm run screenshots
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const from = path.join(root, '.test-output', 'screenshots');
const to = path.join(root, 'docs', 'screenshots');
const shown = [
  '01-welcome-signed-out',
  '02-signIn-2-password',
  '02-signIn-3-signed-in',
  '02-signIn-4-status-tooltip',
  '03-tree-2-named-wide',
  '03-tree-3-tooltip',
  '04-rent-1-group-pick',
  '04-rent-3-confirm',
  '04-rent-4-rented-selected',
  '05-assign-2-context-menu',
  '05-assign-4-assigned',
  '05-assign-6-confirm-unassign',
  '06-insights-1-hover',
  '06-insights-2-problems',
  '06-insights-3-quick-fix',
  '06-insights-5-find-in-workspace',
];
fs.mkdirSync(to, { recursive: true });
for (const name of shown) {
  const file = path.join(from, `${name}.png`);
  if (!fs.existsSync(file)) {
    console.error(`missing ${file}: run the end-to-end tests first`);
    process.exitCode = 1;
    continue;
  }
  fs.copyFileSync(file, path.join(to, `${name}.png`));
}
console.log(`Copied ${shown.length} screenshots to ${path.relative(root, to)}`);
