// The largest organisation the extension is built for, 200,000 numbers in 2,000 applications
// (one of them a pool of over 50,000), through the real extension: the tree's counts, a page
// at a time for the pool, a filter, the export's line count, progress while a long list
// arrives, the size setting, and memory back to its level after signing out. Counts, not
// timings: timings belong to `npm run bench`.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { parseFilter } from '../../src/numbers/filter';
import type { ApplicationNode, MoreNode, NumbersNode, UnassignedNode } from '../../src/numbers/treeNodes';
import type { NumbersTreeProvider } from '../../src/numbers/vscode/numbersTreeProvider';
import { PAGE_SIZE } from '../../src/numbers/vscode/numbersTreeProvider';
import { collector, waitUntil, freshStart, scriptedUser, settledMemory, signInDemo, simulator } from './support';

const LARGE = { numbers: 200_000, applications: 2_000, pool: 50_000 };
const MB = 2 ** 20;

/** Heap and array buffers (the model's typed arrays live there), settled after full collections. */
async function memory(gc: () => void): Promise<number> {
  const m = await settledMemory(gc);
  return m.heapUsed + m.arrayBuffers;
}

describe('large organisation: 200,000 numbers in 2,000 applications', function () {
  this.timeout(300_000);
  let api: ExtensionApi;
  const tree = (): NumbersTreeProvider => api.view.provider!;
  const roots = () => tree().getChildren(undefined);
  const apps = () => roots().filter((n): n is ApplicationNode => n.kind === 'application');
  const unassigned = () => roots().find((n): n is UnassignedNode => n.kind === 'unassigned');

  before(async () => {
    api = await freshStart();
    await simulator.reset('scale', LARGE);
    await signInDemo();
    await api.model.refresh();
  });

  after(async () => {
    tree().setFilter(undefined);
    await simulator.faults.clear();
    await vscode.workspace
      .getConfiguration('sinchNumbers')
      .update('maxResponseMiB', undefined, vscode.ConfigurationTarget.Global);
    await api.services.session.signOutAll();
    // reset() keeps the last scale for the next reset('scale'): give the other suites the default back.
    await simulator.reset('demo', { numbers: 20_000, applications: 200 });
  });

  it('one request brings every number; the tree counts them all, by application', async () => {
    await simulator.resetCounters();
    await api.model.refresh();
    assert.equal((await simulator.counters()).listNumbers, 1);
    assert.equal(api.model.numbers?.length, LARGE.numbers);
    const applications = apps();
    assert.equal(applications.length, LARGE.applications);
    const free = unassigned();
    assert.ok(free && free.total > 0);
    assert.equal(applications.reduce((s, a) => s + a.total, 0) + free.total, LARGE.numbers);
    assert.equal(api.model.inventory?.size, LARGE.numbers);
    assert.match(api.view.treeView?.description ?? '', /200,000 numbers/);
  });

  it('the pool holds what Sinch lists for it; it opens on its first page, and Show More adds the next', async () => {
    const pool = apps().reduce((a, b) => (b.total > a.total ? b : a));
    assert.ok(pool.total >= LARGE.pool, `the largest application holds ${pool.total}`);
    // An independent count: the application's own listing, read through the signed-in session.
    const own = await api.services.session.current().api.listApplicationNumbers(pool.key);
    assert.equal(pool.total, own.length);

    let rows = tree().getChildren(pool);
    const more = rows.at(-1) as MoreNode;
    assert.equal(rows.length, PAGE_SIZE + 1);
    assert.equal(more.kind, 'more');
    assert.deepEqual([more.shown, more.remaining], [PAGE_SIZE, pool.total - PAGE_SIZE]);
    assert.match(
      String(tree().getTreeItem(more).description),
      new RegExp(`^5,000 of ${pool.total.toLocaleString('en-US')} shown$`),
    );
    await vscode.commands.executeCommand('sinchNumbers.showMoreNumbers', more);
    rows = tree().getChildren(pool);
    assert.equal(rows.filter((n) => n.kind === 'number').length, 2 * PAGE_SIZE);
    // Every number once, in display order: expired, then expiring, then by number.
    const values = rows
      .filter((n) => n.kind === 'number')
      .map((n) => (n as { number: { number: number } }).number.number);
    assert.equal(new Set(values).size, values.length);

    // A number far down the pool can still be revealed: its page is shown on the way.
    const last = api.model
      .inventory!.group(api.model.inventory!.groupIdOf(api.model.inventory!.indexOf(values[0])))
      .sorted()
      .at(-1)!;
    const deep = tree().nodeFor(api.model.numbers![last].number);
    assert.ok(deep, 'the last number of the pool has a node');
    assert.ok(
      tree()
        .getChildren(pool)
        .includes(deep as NumbersNode),
    );
  });

  it('a filter counts its matches across all 200,000 numbers, as a plain search does', () => {
    const numbers = api.model.numbers!;
    const expected = numbers.filter((n) => String(n.number).includes('4155')).length;
    tree().setFilter(parseFilter('4155'));
    try {
      assert.equal(tree().shown, expected);
      assert.equal(apps().reduce((s, a) => s + a.count, 0) + (unassigned()?.count ?? 0), expected);
      tree().setFilter(parseFilter('app:none'));
      assert.equal(tree().shown, numbers.filter((n) => !n.applicationKey).length);
    } finally {
      tree().setFilter(undefined);
    }
  });

  it('exports all 200,000 numbers: one CSV line each, after the header', async () => {
    const user = await scriptedUser();
    user.thenPick('CSV');
    await vscode.commands.executeCommand('sinchNumbers.exportNumbers');
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc?.isUntitled, 'the export is in an untitled editor');
    assert.match(user.asked.at(-1)?.title ?? '', /Export Numbers/);
    // The header, one line per number, and the empty line after the last CRLF.
    assert.equal(doc.lineCount, 1 + LARGE.numbers + 1);
    assert.equal(doc.eol, vscode.EndOfLine.CRLF, 'RFC 4180 line ends');
    assert.ok(doc.lineAt(0).text.startsWith('number,valid,countryId'));
    assert.match(doc.lineAt(LARGE.numbers).text, /^\+\d+,true,/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    // The next untitled editor may get the same name: wait until this one is gone.
    await waitUntil(() => !vscode.workspace.textDocuments.includes(doc), {
      timeout: 30_000,
      what: 'the export to close',
    });
  });

  it('a long load says in the view how many numbers have arrived, then shows them', async () => {
    await simulator.reset('scale', { numbers: 20_000, applications: 200 });
    await simulator.faults.inject('listNumbers', { kind: 'slow', bytesPerSecond: 1_000_000 });
    const refresh = api.model.refresh();
    const said = await waitUntil(
      () => /^Loading the numbers: [\d,]+ received so far \(.+\)…$/.exec(api.view.treeView?.message ?? '')?.[0],
      { timeout: 15_000, what: 'the progress message' },
    );
    assert.ok(said);
    await refresh;
    assert.equal(api.model.numbers?.length, 20_000);
    await waitUntil(() => api.view.treeView?.message === undefined, { timeout: 5000, what: 'the message to go' });
  });

  it('an answer over sinchNumbers.maxResponseMiB is refused, and the message names the setting', async () => {
    await vscode.workspace
      .getConfiguration('sinchNumbers')
      .update('maxResponseMiB', 1, vscode.ConfigurationTarget.Global);
    try {
      await assert.rejects(api.model.refresh());
      assert.match(
        api.view.treeView?.message ?? '',
        /^Couldn't refresh the numbers: Sinch answered 200 with a body larger than 1 MiB\. To accept larger answers, raise the setting sinchNumbers\.maxResponseMiB\./,
      );
      assert.equal(api.model.numbers?.length, 20_000, 'the last good list is kept');
    } finally {
      await vscode.workspace
        .getConfiguration('sinchNumbers')
        .update('maxResponseMiB', undefined, vscode.ConfigurationTarget.Global);
    }
    await api.model.refresh();
    assert.equal(api.model.lastError, undefined);
  });

  it('signing out gives the memory of 200,000 numbers back, with a document open that names one of them', async () => {
    const gc = collector();
    // Code insights check open documents against the list: what they found must not keep it.
    const doc = await vscode.workspace.openTextDocument({
      content: 'SINCH_CALLER_ID=+14150005551\n',
      language: 'properties',
    });
    await vscode.window.showTextDocument(doc);
    await api.services.session.signOutAll();
    await simulator.reset('scale', LARGE);
    const before = await memory(gc);
    await signInDemo();
    await api.model.refresh();
    tree().getChildren(undefined);
    const loaded = await memory(gc);
    await api.services.session.signOutAll();
    assert.equal(api.model.numbers, undefined);
    const after = await memory(gc);
    console.log(
      `      memory: ${(before / MB).toFixed(1)} MB signed out, ${(loaded / MB).toFixed(1)} MB with 200,000 numbers, ${(after / MB).toFixed(1)} MB after signing out`,
    );
    assert.ok(loaded - before > 10 * MB, 'the list was measured');
    assert.ok(after - before < 4 * MB, `${((after - before) / MB).toFixed(1)} MB left after signing out`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
