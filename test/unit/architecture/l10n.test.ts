// Every user-visible string goes through l10n.t (src/platform/l10n.ts). Two proofs:
// - statically: no bare English literal is handed to the places a user reads (messages,
//   titles, prompts, placeholders, details, tooltips, errors thrown for the user);
// - at run time: with a pseudo-locale installed, everything the rent flow shows is made of
//   translated pieces (anything outside them is data, digits or punctuation).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { setTranslator, fillTemplate } from '../../../src/platform/l10n';
import { RentButtons } from '../../../src/rent/outcomes';
import { rentHarness } from '../rent/fakeEnvironment';

const root = path.resolve(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Properties whose value a user reads. */
const USER_PROPERTIES = new Set([
  'title',
  'placeholder',
  'prompt',
  'detail',
  'text',
  'tooltip',
  'sentence',
  'description',
  'validationMessage',
  'message',
]);
/** Calls whose arguments (after the first for `message`) a user reads. */
const USER_CALLS = new Set([
  'message',
  'showInformationMessage',
  'showWarningMessage',
  'showErrorMessage',
  'withProgress',
  'report',
]);
/** Errors whose message a user reads. */
const USER_ERRORS = new Set(['InputError', 'EndpointConfigError', 'SecretStorageError', 'UserCancelled']);

/** A literal with words in it, not already an argument of l10n.t. */
function bareText(node: ts.Node): string | undefined {
  if (ts.isConditionalExpression(node)) return bareText(node.whenTrue) ?? bareText(node.whenFalse);
  if (ts.isParenthesizedExpression(node)) return bareText(node.expression);
  let text: string | undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
  else if (ts.isTemplateExpression(node))
    text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  if (text === undefined) return undefined;
  const words = text.replace(/\$\([a-z-]+\)/g, ''); // codicons
  // Words, as a sentence or a capitalised title; a lone lower-case token is an id ('waiting').
  return /[A-Za-z]{2,}/.test(words) && (/\s/.test(words.trim()) || /^[A-Z]/.test(words.trim())) ? text : undefined;
}

function isLogCall(node: ts.CallExpression): boolean {
  const callee = node.expression.getText();
  return /(^|\.)(log|channel)\.(trace|debug|info|warn|error)$/.test(callee) || /\.log\.\w+$/.test(callee);
}

function offenders(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out: string[] = [];
  const report = (node: ts.Node, what: string) => {
    const bare = bareText(node);
    if (bare !== undefined)
      out.push(
        `${path.relative(root, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${what}: ${JSON.stringify(bare.slice(0, 60))}`,
      );
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && isLogCall(node)) return;
    if (ts.isPropertyAssignment(node) && USER_PROPERTIES.has(node.name.getText()))
      report(node.initializer, node.name.getText());
    if (ts.isCallExpression(node)) {
      const name = ts.isPropertyAccessExpression(node.expression)
        ? node.expression.name.text
        : node.expression.getText();
      if (USER_CALLS.has(name))
        node.arguments.forEach((a, i) => {
          if (name !== 'message' || i > 0) report(a, `${name}()`);
        });
    }
    // `text += ' More words.'` grows a user-facing sentence out of sight of the property checks.
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken)
      report(node.right, `${node.left.getText()} +=`);
    if (ts.isNewExpression(node) && USER_ERRORS.has(node.expression.getText()))
      node.arguments?.forEach((a) => report(a, `new ${node.expression.getText()}`));
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe('localisation: every user-visible string goes through l10n.t', function () {
  this.timeout(60_000);

  it('no bare English literal reaches a message, title, prompt, placeholder, detail, tooltip or user error in src/', () => {
    const found = sourceFiles(path.join(root, 'src')).flatMap(offenders);
    assert.deepEqual(found, []);
  });

  it('the check finds a planted bare string (positive control)', () => {
    const planted = path.join(root, 'test', 'unit', 'architecture', 'planted.l10n.ts.txt');
    fs.writeFileSync(
      planted,
      "prompter.message('info', 'Rented it.', {});\nthrow new InputError(`Bad ${x} value`);\nconst o = { title: 'Rent Numbers' };\nmessage += ' The answer was not JSON.';\n",
    );
    try {
      assert.equal(offenders(planted).length, 4);
    } finally {
      fs.rmSync(planted);
    }
  });

  it('l10n/bundle.l10n.json holds every template, and package.json points to it (npm run l10n:export)', async () => {
    const { bundleText } = await import('../../../scripts/l10nExport.mjs');
    assert.equal(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8'), bundleText());
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    assert.equal(pkg.l10n, './l10n');
  });

  it('with a pseudo-locale, everything the rent flow shows is made of translated pieces', async () => {
    const OPEN = '⟦';
    const CLOSE = '⟧';
    const previous = setTranslator((message, ...args) => `${OPEN}${fillTemplate(message, ...args)}${CLOSE}`);
    try {
      const h = rentHarness();
      h.prompter.thenPick('Paris').thenInput('2').thenModal(RentButtons.rent);
      await h.controller.rentNumbers();
      h.prompter.thenPick('Paris').thenInput('1').thenModal(RentButtons.addToCart);
      await h.controller.rentNumbers();
      h.prompter.thenModal(RentButtons.checkOut);
      await h.controller.checkoutCart();
      h.shop.fault('checkout', { kind: 'error', error: 'credit', errorCode: 40200, status: 402 });
      h.prompter.thenPick('London').thenInput('1').thenModal(RentButtons.rent);
      await h.controller.rentNumbers();
      const seen = [
        ...h.prompter.asked.flatMap((a) => [a.title, a.prompt]),
        ...h.prompter.shown.flatMap((m) => [m.text, m.detail, ...m.actions]),
      ].filter((s): s is string => typeof s === 'string' && s !== '');
      assert.ok(seen.length > 5, `the flow showed something: ${seen.join(' | ')}`);
      for (const s of seen) {
        let rest = s;
        // Strip translated pieces from the innermost out; what remains must not be words.
        for (let before = ''; before !== rest;) {
          before = rest;
          rest = rest.replace(/⟦[^⟦⟧]*⟧/g, '');
        }
        assert.doesNotMatch(rest, /[A-Za-z]{2,}/, `untranslated text in: ${s}`);
      }
    } finally {
      setTranslator(previous);
    }
  });
});
