// The manifest is product surface: these checks keep it to the VS Code conventions.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Commands, CONFIG_SECTION, ContextKeys, NUMBERS_VIEW, Settings } from '../../src/constants';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const nlsPath = path.join(root, 'package.nls.json');
const nls: Record<string, string> = fs.existsSync(nlsPath) ? JSON.parse(fs.readFileSync(nlsPath, 'utf8')) : {};
const text = (s: string) => (/^%.+%$/.test(s) ? nls[s.slice(1, -1)] : s);

function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  assert.equal(b.toString('latin1', 1, 4), 'PNG', `${file} is a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('manifest', () => {
  const commands: Array<{ command: string; title: string; category?: string; icon?: string }> =
    pkg.contributes.commands;
  const menus = pkg.contributes.menus;

  it('contributes exactly the command ids the code registers (constants.ts), and no other', () => {
    const contributed = commands.map((c) => c.command).sort();
    const inCode = Object.values(Commands).sort();
    assert.deepEqual(contributed, inCode);
  });

  it('uses the view and configuration ids of constants.ts', () => {
    const views = Object.values(pkg.contributes.views as Record<string, Array<{ id: string }>>)
      .flat()
      .map((v) => v.id);
    assert.ok(views.includes(NUMBERS_VIEW), NUMBERS_VIEW);
    const properties = Object.keys(pkg.contributes.configuration.properties as Record<string, unknown>);
    for (const key of Object.values(Settings))
      assert.ok(properties.includes(`${CONFIG_SECTION}.${key}`), `${CONFIG_SECTION}.${key} is contributed`);
    for (const key of properties) assert.ok(key.startsWith(`${CONFIG_SECTION}.`), key);
  });

  it('declares the identity, links and engine the Marketplace needs', () => {
    assert.equal(pkg.name, 'sinch-numbers');
    assert.equal(text(pkg.displayName), 'Sinch Numbers');
    assert.match(pkg.publisher, /^[a-z0-9][a-z0-9-]*$/);
    for (const k of ['license', 'repository', 'bugs', 'homepage']) assert.ok(pkg[k], `${k} is set`);
    // Only the overview's serializer, which VS Code cannot infer from a contribution.
    assert.deepEqual(pkg.activationEvents, ['onWebviewPanel:sinchNumbers.overview']);
    assert.equal(pkg.main, './dist/extension.js');
    assert.ok(pkg.capabilities.untrustedWorkspaces && pkg.capabilities.virtualWorkspaces !== undefined);
    assert.ok(pkg.keywords.length <= 5, 'at most five keywords');
  });

  it('takes every user-visible manifest string from package.nls.json', () => {
    const raw = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const keys = [...raw.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.length > 40, `${keys.length} localised strings`);
    for (const k of keys) assert.ok(nls[k], `package.nls.json has ${k}`);
    for (const c of commands) assert.match(c.title, /^%.+%$/, `${c.command} title is localisable`);
  });

  it('pins @types/vscode no newer than engines.vscode', () => {
    const engine = pkg.engines.vscode
      .replace(/^[\^~>=]+/, '')
      .split('.')
      .map(Number);
    const types = pkg.devDependencies['@types/vscode']
      .replace(/^[\^~>=]+/, '')
      .split('.')
      .map(Number);
    assert.ok(
      types[0] < engine[0] || (types[0] === engine[0] && types[1] <= engine[1]),
      `${types.join('.')} <= ${engine.join('.')}`,
    );
  });

  it('has a PNG icon of at least 128 px and a monochrome SVG for the activity bar', () => {
    const { width, height } = pngSize(path.join(root, pkg.icon));
    assert.ok(width >= 128 && height >= 128, `${width}x${height}`);
    const svg = fs.readFileSync(path.join(root, pkg.contributes.viewsContainers.activitybar[0].icon), 'utf8');
    assert.match(svg, /currentColor/);
  });

  it('gives every command a category, and a product icon where a view shows it', () => {
    const inViews = new Set(
      [...(menus['view/title'] ?? []), ...(menus['view/item/context'] ?? [])].map(
        (m: { command: string }) => m.command,
      ),
    );
    for (const c of commands) {
      assert.ok(c.category, `${c.command} has a category`);
      if (inViews.has(c.command)) assert.match(c.icon ?? '', /^\$\([a-z-]+\)$/, `${c.command} has a product icon`);
    }
  });

  it('walkthrough steps complete on an outcome (a context key the code sets), never on opening a command', () => {
    const keys = Object.values(ContextKeys) as string[];
    for (const walkthrough of pkg.contributes.walkthroughs)
      for (const step of walkthrough.steps as Array<{ id: string; completionEvents?: string[] }>) {
        const events = step.completionEvents ?? [];
        assert.ok(events.length > 0, `step ${step.id} has completion events (else its button's command ticks it)`);
        for (const e of events) {
          assert.ok(!e.startsWith('onCommand:'), `step ${step.id} completes on ${e}`);
          assert.ok(e.startsWith('onContext:') && keys.includes(e.slice('onContext:'.length)), `${step.id}: ${e}`);
        }
      }
  });

  it('offers Undo Last Change in the palette and the Numbers view\'s "..." menu, enabled by its context key', () => {
    const undo = commands.find((c) => c.command === Commands.undoLastChange) as {
      enablement?: string;
      category?: string;
    };
    assert.equal(undo.enablement, ContextKeys.canUndo);
    assert.equal(text(undo.category!), 'Sinch Numbers');
    const item = menus['view/title'].find((m: { command: string }) => m.command === Commands.undoLastChange);
    assert.ok(item && !item.group.startsWith('navigation'), 'in the overflow menu');
    assert.ok(!(menus.commandPalette ?? []).some((m: { command: string }) => m.command === Commands.undoLastChange));
  });

  it('hides item-only commands from the command palette', () => {
    const palette = new Map<string, string>(
      (menus.commandPalette ?? []).map((m: { command: string; when: string }) => [m.command, m.when]),
    );
    const itemOnly = [
      'sinchNumbers.copyNumber',
      'sinchNumbers.copyApplicationKey',
      'sinchNumbers.labelApplication',
      'sinchNumbers.discardReservation',
    ];
    for (const id of itemOnly) assert.equal(palette.get(id), 'false', `${id} is hidden from the palette`);
  });

  it('matches contextValue tokens as whole tokens', () => {
    for (const m of menus['view/item/context'] ?? []) {
      const when: string = m.when;
      for (const match of when.matchAll(/viewItem\s*=~\s*\/([^/]+)\//g)) {
        assert.match(
          match[1],
          /^\(\^\|;\)([A-Za-z]+|\([A-Za-z]+(\|[A-Za-z]+)*\))\(;\|\$\)$/,
          `${m.command}: ${match[1]}`,
        );
      }
    }
  });

  it('gives every setting a default, a description and a scope; endpoints are machine-scoped', () => {
    for (const [key, s] of Object.entries<any>(pkg.contributes.configuration.properties)) {
      assert.ok('default' in s, `${key} has a default`);
      assert.ok(s.description || s.markdownDescription, `${key} has a description`);
      assert.ok(s.scope, `${key} has a scope`);
      if (key.startsWith('sinchNumbers.endpoints.')) assert.equal(s.scope, 'machine', `${key} is machine-scoped`);
    }
  });

  it("ignores a workspace's values of the settings a repository could mislead with, in untrusted workspaces", () => {
    const trust = pkg.capabilities.untrustedWorkspaces;
    assert.equal(trust.supported, 'limited', 'restrictedConfigurations apply only to limited support');
    assert.ok(text(trust.description), 'says what is limited');
    const props = Object.keys(pkg.contributes.configuration.properties);
    const misleading = [
      ...props.filter((k) => k.startsWith('sinchNumbers.codeInsights.')),
      'sinchNumbers.applicationLabels',
      'sinchNumbers.expiryWarningDays',
    ];
    assert.deepEqual([...trust.restrictedConfigurations].sort(), misleading.sort());
  });

  it('uses an allow-list .vscodeignore', () => {
    const lines = fs
      .readFileSync(path.join(root, '.vscodeignore'), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    assert.equal(lines[0], '**');
    assert.ok(lines.includes('!dist/extension.js'));
  });
});
