// `npm run l10n:export`: writes l10n/bundle.l10n.json, the English bundle translators start
// from, with every l10n.t('…') template in src/. (@vscode/l10n-dev's export finds only calls
// on an l10n imported from 'vscode' or '@vscode/l10n'; the core imports neither, so it uses
// src/platform/l10n.ts, whose calls this script reads with the TypeScript parser.)
//   node scripts/l10nExport.mjs [--check]   --check: exit 1 when the bundle is out of date
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundlePath = path.join(root, 'l10n', 'bundle.l10n.json');

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every template passed to l10n.t in src/, sorted; a non-literal first argument is an error. */
export function extractTemplates() {
  const templates = new Set();
  const problems = [];
  for (const file of files(path.join(root, 'src'))) {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node) => {
      if (ts.isCallExpression(node) && node.expression.getText(sf) === 'l10n.t') {
        const first = node.arguments[0];
        if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)))
          templates.add(first.text);
        else
          problems.push(
            `${path.relative(root, file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}: l10n.t needs a literal template`,
          );
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { templates: [...templates].sort(), problems };
}

export function bundleText() {
  const { templates, problems } = extractTemplates();
  if (problems.length) throw new Error(problems.join('\n'));
  return `${JSON.stringify(Object.fromEntries(templates.map((t) => [t, t])), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const text = bundleText();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(bundlePath) ? fs.readFileSync(bundlePath, 'utf8') : '';
    if (current !== text) {
      console.error('l10n/bundle.l10n.json is out of date: run npm run l10n:export');
      process.exit(1);
    }
  } else {
    fs.mkdirSync(path.dirname(bundlePath), { recursive: true });
    fs.writeFileSync(bundlePath, text);
    console.log(`Wrote ${path.relative(root, bundlePath)} (${Object.keys(JSON.parse(text)).length} strings).`);
  }
}
