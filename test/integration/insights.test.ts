// Code insights inside the real extension host: hovers and CodeLenses through VS Code's own
// provider commands, Problems on a real document in the workspace, the Assign quick fix running
// the safe flow, and the confirmations naming the documents that use a number.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { FakePrompter } from '../support/fakePrompter';
import { defaultScale, demo } from '../simulator/datasets';
import { DEMO_APP, waitUntil, freshStart, numberNode, scriptedUser, signInDemo, simulator } from './support';

const SMS_APP = 'c3a1d2e4-5b6f-4a70-8e91-0f2a3b4c5d6e';
const STRANGER = '00000000-0000-4000-8000-000000000000';
const SOURCE = 'Sinch Numbers';
const FILE = 'insights-test/sinch.env';
const CONTENT = [
  '# Sinch settings of the IVR service',
  `SINCH_APPLICATION_KEY=${DEMO_APP}`,
  'SINCH_CALLER_ID=+14150005551',
  'SINCH_FALLBACK_CALLER_ID="14150005550"',
  'SINCH_SMS_FROM=+1 415-000-5552',
  'SINCH_SUPPORT_LINE=+442079460100',
  'SINCH_ALERTS_FROM=+15045550100',
  'SINCH_TEST_NUMBER=+14155550123',
  `REQUEST_ID=${STRANGER}`,
  '',
].join('\n');

function section(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('sinchNumbers');
}

async function setting(key: string, value: unknown): Promise<void> {
  await section().update(key, value, vscode.ConfigurationTarget.Global);
}

/** The user settings every test starts from: the demo application labelled, insights as shipped. */
const BASELINE: Record<string, unknown> = {
  applicationLabels: { [DEMO_APP]: 'Voice IVR' },
  'codeInsights.enabled': undefined,
  'codeInsights.unrentedSeverity': undefined,
  'codeInsights.exclude': undefined,
  'codeInsights.maxFileSizeKB': undefined,
};

/** Writes back only what a test changed: each write rewrites settings.json and takes a tenth of a second. */
async function settingsAsBaseline(): Promise<void> {
  for (const [key, value] of Object.entries(BASELINE)) {
    if (JSON.stringify(section().inspect(key)?.globalValue) !== JSON.stringify(value)) await setting(key, value);
  }
}

/** The position of the first character of `text` (plus `offset`) in the document. */
function at(doc: vscode.TextDocument, text: string, offset = 1): vscode.Position {
  const i = doc.getText().indexOf(text);
  assert.ok(i >= 0, `"${text}" is in the document`);
  return doc.positionAt(i + offset);
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** `code @ line: text` for each of our diagnostics, sorted: what the Problems panel lists. */
function problems(doc: vscode.TextDocument): string[] {
  return ours(doc.uri)
    .map(
      (d) =>
        `${String(d.code)} @ ${d.range.start.line}: ${doc.getText(d.range)} (${vscode.DiagnosticSeverity[d.severity]})`,
    )
    .sort();
}

async function hovers(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.MarkdownString[]> {
  const list = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
  return list
    .flatMap((h) => h.contents)
    .filter((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString && c.value.includes('Sinch Numbers'));
}

/** A hover's text as a person reads it: VS Code writes spaces as &nbsp; and escapes punctuation. */
function plain(md: vscode.MarkdownString | undefined): string {
  return (md?.value ?? '').replace(/&nbsp;/g, ' ').replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1');
}

/** The command links of a hover: [command, first argument]. */
function links(md: vscode.MarkdownString): [string, unknown][] {
  return [...md.value.matchAll(/\]\(command:([\w.]+)\?([^)]+)\)/g)].map((m) => [
    m[1],
    JSON.parse(decodeURIComponent(m[2]))[0],
  ]);
}

describe('code insights', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let user: FakePrompter;
  let doc: vscode.TextDocument;
  let uri: vscode.Uri;

  before(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the suite runs with a workspace folder');
    uri = vscode.Uri.joinPath(folder.uri, FILE);
  });

  beforeEach(async () => {
    api = await freshStart();
    await settingsAsBaseline();
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(CONTENT));
    await signInDemo();
    await api.model.refresh();
    user = await scriptedUser();
    doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await waitUntil(() => ours(uri).length > 0, { timeout: 10_000, what: 'the first Problems' });
  });

  afterEach(async () => {
    // No test edits the file itself, so closing asks nothing.
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
    await vscode.window.tabGroups.close(tabs);
    await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  after(async () => {
    for (const key of Object.keys(BASELINE))
      if (section().inspect(key)?.globalValue !== undefined) await setting(key, undefined);
    await api.services.session.signOutAll();
    await simulator.reset('demo');
  });

  it('lists the Problems of the open document: not rented, expired, expiring, another application', () => {
    assert.deepEqual(problems(doc), [
      'expired @ 5: +442079460100 (Warning)',
      'expiring @ 6: +15045550100 (Information)',
      'notRented @ 7: +14155550123 (Information)',
      'otherApplication @ 3: 14150005550 (Warning)',
      'otherApplication @ 4: +1 415-000-5552 (Warning)',
      'otherApplication @ 5: +442079460100 (Warning)',
      'otherApplication @ 6: +15045550100 (Warning)',
    ]);
    const messages = ours(uri).map((d) => d.message);
    assert.ok(messages.includes('+1 415-555-0123 is not a number Acme (8888123) rents.'), messages.join('\n'));
    assert.ok(
      messages.includes(
        `+1 415-000-5552 reaches ${SMS_APP}, not Voice IVR (${DEMO_APP}), the application this file uses.`,
      ),
      messages.join('\n'),
    );
    assert.ok(
      messages.includes(`+1 415-000-5550 reaches no application; this file uses Voice IVR (${DEMO_APP}).`),
      messages.join('\n'),
    );
  });

  it('hovers a rented number: every field, the organisation, Reveal and Copy E.164 as the only trusted commands', async () => {
    const [md] = await hovers(doc, at(doc, '+14150005551'));
    assert.ok(md, 'a hover on the caller id');
    for (const part of [
      '**+1 415-000-5551**',
      '`+14150005551`',
      'San Francisco',
      'Voice',
      'Monthly cost:** 0.00 USD',
      'Expires:**',
      'Voice IVR',
      'In Acme (8888123).',
    ]) {
      assert.ok(plain(md).includes(part), `${part} in:\n${plain(md)}`);
    }
    assert.deepEqual(md.isTrusted, {
      enabledCommands: ['sinchNumbers.codeInsights.reveal', 'sinchNumbers.copyNumber'],
    });
    const [[reveal, revealArg], [copy, copyArg]] = links(md);
    assert.deepEqual([reveal, revealArg], ['sinchNumbers.codeInsights.reveal', { number: 14150005551 }]);
    assert.equal(copy, 'sinchNumbers.copyNumber');

    await vscode.commands.executeCommand(copy, copyArg);
    assert.equal(await vscode.env.clipboard.readText(), '+14150005551');
    await vscode.commands.executeCommand(reveal, revealArg);
    await waitUntil(
      () => api.view.treeView?.selection.some((n) => n.kind === 'number' && n.number.number === 14150005551),
      { timeout: 5000, what: 'the number selected in the tree' },
    );
  });

  it('hovers bare digits in a string and formatted numbers when rented; never an unrented one or a stranger key', async () => {
    assert.match(plain((await hovers(doc, at(doc, '"14150005550')))[0]), /^\*\*\+1 415-000-5550\*\*/);
    assert.match(plain((await hovers(doc, at(doc, '+1 415-000-5552', 4)))[0]), /^\*\*\+1 415-000-5552\*\*/);
    assert.deepEqual(await hovers(doc, at(doc, '+14155550123')), []);
    assert.deepEqual(await hovers(doc, at(doc, STRANGER)), []);
    assert.deepEqual(await hovers(doc, at(doc, 'SINCH_CALLER_ID')), []);
  });

  it('hovers an application key: its numbers (first 10) and count, and Reveal', async () => {
    const [md] = await hovers(doc, at(doc, DEMO_APP, 3));
    assert.ok(md, 'a hover on the key');
    assert.match(plain(md), /^\*\*Voice IVR\*\* · 1 number/);
    assert.ok(plain(md).includes('- +1 415-000-5551 · San Francisco · Voice'), plain(md));
    assert.deepEqual(links(md), [['sinchNumbers.codeInsights.reveal', { applicationKey: DEMO_APP }]]);

    const [sms] = await hovers(
      await vscode.workspace.openTextDocument({ content: `app: ${SMS_APP.toUpperCase()}` }),
      new vscode.Position(0, 8),
    );
    assert.match(plain(sms), /^\*\*Sinch application\*\* · 3 numbers/, 'unlabelled, key in upper case');
    assert.match(plain(sms), /\n- \$\(warning\) \+1 504-555-0100/, 'the expiring one first, marked');
  });

  it('lists the first 10 numbers of a big application, and how many more there are', async () => {
    await simulator.reset('scale', { numbers: 60, applications: 2 });
    try {
      await api.model.refresh();
      const [key, group] = [...api.model.inventory!.applications.entries()].find(([, g]) => g.size > 10)!;
      const [md] = await hovers(
        await vscode.workspace.openTextDocument({ content: `key = "${key}"` }),
        new vscode.Position(0, 10),
      );
      assert.match(plain(md), new RegExp(`· ${group.size} numbers`));
      assert.equal(
        plain(md)
          .split('\n')
          .filter((l) => l.startsWith('- ')).length,
        10,
        plain(md),
      );
      assert.ok(plain(md).includes(`and ${group.size - 10} more`), plain(md));
    } finally {
      // The simulator keeps the last scale for later resets to 'scale': give the other suites theirs back.
      await simulator.reset('scale', defaultScale);
      await simulator.reset('demo');
    }
  });

  it('escapes what the user and the server wrote: a label cannot add a link or a command', async () => {
    await setting('applicationLabels', { [DEMO_APP]: 'IVR [run](command:sinchNumbers.signOut) **x**' });
    const [md] = await hovers(doc, at(doc, DEMO_APP, 3));
    assert.ok(md.value.includes('IVR \\[run\\]\\(command\\:sinchNumbers\\.signOut\\) \\*\\*x\\*\\*'), md.value);
    assert.deepEqual(
      links(md).map(([c]) => c),
      ['sinchNumbers.codeInsights.reveal'],
    );
  });

  it('puts "Voice IVR · 1 number" above the key, revealing the application in the tree', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    const mine = lenses.filter((l) => l.command?.command === 'sinchNumbers.codeInsights.reveal');
    assert.deepEqual(
      mine.map((l) => [l.range.start.line, l.command?.title]),
      [[1, 'Voice IVR · 1 number']],
      'one lens, none for the stranger UUID',
    );
    await vscode.commands.executeCommand(mine[0].command!.command, ...mine[0].command!.arguments!);
    await waitUntil(() => api.view.treeView?.selection.some((n) => n.kind === 'application' && n.key === DEMO_APP), {
      timeout: 5000,
      what: 'the application selected',
    });
  });

  it("the quick fix assigns an unassigned number to the file's application through the safe flow", async () => {
    const range = new vscode.Range(at(doc, '14150005550'), at(doc, '14150005550'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title === 'Assign to Voice IVR…');
    assert.ok(fix?.command, actions.map((a) => a.title).join(' | '));
    assert.equal(fix.kind?.value, 'quickfix');
    assert.equal(fix.isPreferred, true, 'Ctrl+. applies it at once (Auto Fix)');
    await simulator.resetCounters();
    await vscode.commands.executeCommand(fix.command.command, ...fix.command.arguments!);

    const state = await simulator.snapshot();
    assert.equal(
      state.numbers.find((n: { number: number }) => n.number === 14150005550)?.applicationKey,
      DEMO_APP,
      user.transcript(),
    );
    assert.equal(
      state.numbers.find((n: { number: number }) => n.number === 14150005551)?.applicationKey,
      DEMO_APP,
      'the number already there stays',
    );
    assert.ok(!user.shown.some((m) => m.modal), 'a plain assign asks nothing');
    assert.match(user.shown.at(-1)?.text ?? '', /^Assigned \+1 415-000-5550 to Voice IVR/);
    const c = await simulator.counters();
    assert.equal(c.assign, 1);
    await waitUntil(() => !problems(doc).some((p) => p.startsWith('otherApplication @ 3')), {
      timeout: 5000,
      what: 'its problem gone after the refresh',
    });
  });

  it('on a number of another application, the quick fix asks the capability and confirms the move, naming this document', async () => {
    const range = new vscode.Range(at(doc, '+1 415-000-5552'), at(doc, '+1 415-000-5552'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title === 'Assign to Voice IVR…')!;
    user.thenPick('Voice').thenModal(undefined); // the move's confirmation: Cancel
    await vscode.commands.executeCommand(fix.command!.command, ...fix.command!.arguments!);
    const modal = user.shown.find((m) => m.modal);
    assert.ok(modal, user.transcript());
    assert.match(modal.text, /^Move \+1 415-000-5552 from c3a1d2e4… to Voice IVR in Acme \(8888123\)\?/);
    assert.match(modal.detail ?? '', /Used in open documents: insights-test\/sinch\.env\./);
    const state = await simulator.snapshot();
    assert.equal(
      state.numbers.find((n: { number: number }) => n.number === 14150005552)?.applicationKey,
      SMS_APP,
      'cancelled: nothing moved',
    );
  });

  it('the Unassign confirmation names the open documents that use the number', async () => {
    user.thenModal(undefined);
    const node = numberNode(api, 14150005551);
    await vscode.commands.executeCommand('sinchNumbers.unassignNumbers', node, [node]);
    assert.match(
      user.shown.find((m) => m.modal)?.detail ?? '',
      /Used in open documents: insights-test\/sinch\.env\.$/,
      user.transcript(),
    );
  });

  it('checks a changed document again after typing pauses', async () => {
    const draft = await vscode.workspace.openTextDocument({ content: CONTENT });
    const editor = await vscode.window.showTextDocument(draft);
    await waitUntil(() => ours(draft.uri).length === 7, { timeout: 5000, what: 'the draft checked when it opened' });
    assert.ok(
      await editor.edit((b) => b.insert(new vscode.Position(draft.lineCount - 1, 0), 'SINCH_OTHER=+14155550199\n')),
    );
    await waitUntil(() => problems(draft).includes('notRented @ 9: +14155550199 (Information)'), {
      timeout: 5000,
      what: 'the new number flagged',
    });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitUntil(() => ours(draft.uri).length === 0, { timeout: 5000, what: 'its Problems gone with it' });
  });

  it('follows the settings: severity, off, excluded globs, size, disabled', async () => {
    await setting('codeInsights.unrentedSeverity', 'warning');
    await waitUntil(() => problems(doc).includes('notRented @ 7: +14155550123 (Warning)'), {
      timeout: 5000,
      what: 'warning',
    });
    await setting('codeInsights.unrentedSeverity', 'off');
    await waitUntil(() => !problems(doc).some((p) => p.startsWith('notRented')), { timeout: 5000, what: 'off' });
    await setting('codeInsights.exclude', ['**/insights-test/**']);
    await waitUntil(() => ours(uri).length === 0, { timeout: 5000, what: 'excluded' });
    assert.deepEqual(await hovers(doc, at(doc, '+14150005551')), [], 'no hover in an excluded document');
    await setting('codeInsights.exclude', undefined);
    await setting('codeInsights.unrentedSeverity', undefined);
    await waitUntil(() => ours(uri).length > 0, { timeout: 5000, what: 'included again' });
    const big = await vscode.workspace.openTextDocument({ content: `${'# padding\n'.repeat(120)}FROM=+14155550123\n` });
    await waitUntil(() => ours(big.uri).length === 1, { timeout: 5000, what: 'a 1.2 KB document checked' });
    await setting('codeInsights.maxFileSizeKB', 1);
    await waitUntil(() => ours(big.uri).length === 0 && ours(uri).length > 0, {
      timeout: 5000,
      what: 'over 1 KB: skipped; the small one still checked',
    });
    await setting('codeInsights.maxFileSizeKB', undefined);
    await setting('codeInsights.enabled', false);
    await waitUntil(() => ours(uri).length === 0, { timeout: 5000, what: 'disabled' });
  });

  it('says so in the hover when the list may be out of date (the session expired)', async () => {
    await simulator.expireInstances();
    await api.model.refresh().catch(() => undefined);
    assert.equal(api.model.stale, true);
    const [md] = await hovers(doc, at(doc, '+14150005551'));
    assert.ok(plain(md).includes('The list may be out of date: refresh the Numbers view.'), plain(md));
    assert.equal(ours(uri).length, 7, 'the last list still checks the document');
  });

  it('shows nothing while signed out, and comes back with the list', async () => {
    await api.services.session.signOutAll();
    await waitUntil(() => ours(uri).length === 0, { timeout: 5000, what: 'cleared on sign-out' });
    assert.deepEqual(await hovers(doc, at(doc, '+14150005551')), []);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    assert.deepEqual(
      lenses.filter((l) => l.command?.command === 'sinchNumbers.codeInsights.reveal'),
      [],
    );
    await signInDemo();
    await api.model.refresh();
    await waitUntil(() => ours(uri).length === 7, { timeout: 5000, what: 'back with the list' });
  });

  it('leaves its own exports alone: no Problems or CodeLens, after an account switch, and once saved and reopened', async () => {
    const lensesOf = async (d: vscode.TextDocument) =>
      (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', d.uri)).filter(
        (l) => l.command?.command === 'sinchNumbers.codeInsights.reveal',
      );
    user.thenPick('CSV');
    await vscode.commands.executeCommand('sinchNumbers.exportNumbers');
    const csv = vscode.window.activeTextEditor!.document;
    assert.ok(csv.isUntitled && csv.getText().startsWith('number,valid,countryId'), csv.uri.toString());
    // The same rows without the header line: a user's document, which the same checks do decorate.
    const copy = vscode.Uri.joinPath(uri, '..', 'numbers-copy.csv');
    const saved = vscode.Uri.joinPath(uri, '..', 'saved-export.csv');
    await vscode.workspace.fs.writeFile(copy, new TextEncoder().encode(csv.getText().replace(/^[^\n]*\n/, '')));
    const control = await vscode.workspace.openTextDocument(copy);
    try {
      // A refresh checks every open document at once: the control gets its entries, the export none.
      await api.model.refresh();
      await waitUntil(() => ours(copy).length > 0, { timeout: 10_000, what: 'the Problems of the header-less copy' });
      assert.deepEqual(ours(csv.uri), [], 'no Problems in the export');
      assert.deepEqual(await lensesOf(csv), [], 'no CodeLens in the export');
      assert.ok((await lensesOf(control)).length > 0, 'the copy names the application: it gets its CodeLens');

      // Another organisation: every number in the export is now foreign to it, and still no entry.
      await signInDemo({ type: 'email', endpoint: demo.other.email }, demo.other.password);
      await api.model.refresh();
      await waitUntil(() => ours(copy).some((d) => /not a number Globex/.test(d.message)), {
        timeout: 10_000,
        what: 'the copy checked against Globex',
      });
      assert.deepEqual(ours(csv.uri), [], 'no Problems in the export after the switch');

      // Saved and opened again (another URI, another session would see the same): the header is the mark.
      await vscode.workspace.fs.writeFile(saved, new TextEncoder().encode(csv.getText()));
      const reopened = await vscode.workspace.openTextDocument(saved);
      await api.model.refresh();
      await waitUntil(() => ours(copy).length > 0, { timeout: 10_000, what: 'the copy checked again' });
      assert.deepEqual(ours(reopened.uri), [], 'no Problems in the saved export');
      assert.deepEqual(await lensesOf(reopened), []);
    } finally {
      await vscode.window.showTextDocument(csv);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      for (const f of [copy, saved]) await vscode.workspace.fs.delete(f).then(undefined, () => undefined);
    }
  });
});
