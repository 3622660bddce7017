// The real prompter in the real workbench: every question it asks settles, whatever opens
// over it, so no flow waits forever on a box nobody can see any more (holding a progress
// notification or a per-application queue slot). And a menu command delivered twice, at once
// or late, assigns once and leaves nothing running.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { MessageOptions, PickOptions, Severity } from '../../src/platform/prompter';
import { VSCodePrompter } from '../../src/platform/vscode/vscodePrompter';
import { DEMO_APP, waitUntil, freshStart, numberNode, signInDemo, simulator } from './support';

const TIMEOUT = Symbol('timeout');
const FREE_VOICE = 14150005550;
const ON_DEMO_APP = 14150005551;

function within<T>(promise: PromiseLike<T>, ms: number): Promise<T | typeof TIMEOUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<typeof TIMEOUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMEOUT), ms);
  });
  return Promise.race([Promise.resolve(promise), timeout]).finally(() => clearTimeout(timer));
}

/** The real quick picks, counted; messages recorded and dismissed (a modal would wait for a person). */
class RealPicks extends VSCodePrompter {
  created = 0;
  open = 0;
  readonly messages: string[] = [];
  override pick<T extends vscode.QuickPickItem>(o: PickOptions<T>) {
    this.created++;
    this.open++;
    const answer = super.pick(o);
    void answer.finally(() => {
      this.open--;
    });
    return answer;
  }
  override async message(severity: Severity, text: string, options: MessageOptions): Promise<string | undefined> {
    this.messages.push(`${options.modal ? 'modal ' : ''}${severity}: ${text}`);
    return undefined;
  }
}

describe('prompter: the real quick input', function () {
  this.timeout(30_000);
  const prompter = new VSCodePrompter();
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  it("a quick pick that another flow's quick pick replaces resolves undefined", async () => {
    const first = prompter.pick({ title: 'First flow', items: [{ label: 'one' }] });
    const second = prompter.pick({ title: 'Second flow', items: [{ label: 'two' }] });
    assert.equal(await within(first, 10_000), undefined, 'the replaced pick settles as Escape');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await within(second, 10_000), undefined);
  });

  it('an input box that a quick pick replaces resolves undefined, and the other way round', async () => {
    const box = prompter.input({ title: 'First flow', prompt: 'a value' });
    const pick = prompter.pickMany({ title: 'Second flow', items: [{ label: 'two' }] });
    assert.equal(await within(box, 10_000), undefined);
    const box2 = prompter.input({ title: 'Third flow', prompt: 'a value' });
    assert.equal(await within(pick, 10_000), undefined);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await within(box2, 10_000), undefined);
  });
});

describe('prompter: a menu command delivered twice', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let user: RealPicks;
  let before: ExtensionApi['services']['prompter']['target'] | undefined;

  beforeEach(async () => {
    api = await freshStart();
    await signInDemo();
    await api.model.refresh();
    await waitUntil(() => !api.model.loading, { timeout: 5000, what: 'the model to settle' });
    user = new RealPicks();
    before ??= api.services.prompter.target;
    api.services.prompter.target = user;
    await simulator.resetCounters();
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });
  // The suites after this one find the prompter they had.
  after(() => {
    if (before) api.services.prompter.target = before;
  });

  const assignFree = () => {
    const node = numberNode(api, FREE_VOICE);
    return vscode.commands.executeCommand('sinchNumbers.assignNumbers', node, [node]);
  };
  /** Enter on the visible application pick: its first entry, the demo application. */
  const accept = () => vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');

  async function settledOnce(runs: Thenable<unknown>[]): Promise<void> {
    assert.notEqual(await within(Promise.all(runs), 15_000), TIMEOUT, `both runs end:\n${user.messages.join('\n')}`);
    assert.equal(api.assign.writer.queue.busy(DEMO_APP), false, "nothing holds the application's queue");
    assert.equal(user.open, 0, 'no quick pick left open');
    const state = await simulator.snapshot();
    assert.deepEqual(
      state.numbers
        .filter((n: { applicationKey?: string }) => n.applicationKey === DEMO_APP)
        .map((n: { number: number }) => n.number)
        .sort(),
      [FREE_VOICE, ON_DEMO_APP],
    );
    assert.equal((await simulator.counters()).assign, 1, `one write:\n${user.messages.join('\n')}`);
  }

  it('at once: the second pick replaces the first, which ends silently; one assign', async () => {
    const runs = [assignFree(), assignFree()];
    await waitUntil(() => user.created === 2 && user.open === 1, {
      timeout: 10_000,
      what: 'the second pick to replace the first',
    });
    await accept();
    await settledOnce(runs);
    assert.equal(user.messages.length, 1, user.messages.join('\n'));
  });

  it('late, while the first is writing: the second finds the number already there', async () => {
    const first = assignFree();
    await waitUntil(() => user.open === 1, { timeout: 10_000, what: 'the first pick' });
    await accept();
    const second = assignFree();
    await waitUntil(() => user.created === 2 && user.open === 1, { timeout: 10_000, what: 'the second pick' });
    await accept();
    await settledOnce([first, second]);
  });

  it('late, after the list shows the first assign: the second is a move, and asks first', async () => {
    const first = assignFree();
    await waitUntil(() => user.open === 1, { timeout: 10_000, what: 'the first pick' });
    await accept();
    await within(first, 15_000);
    await waitUntil(() => api.model.numbers?.find((n) => n.number === FREE_VOICE)?.applicationKey === DEMO_APP, {
      timeout: 10_000,
      what: 'the list to show the assign',
    });
    const second = assignFree();
    await waitUntil(() => user.created === 2 && user.open === 1, { timeout: 10_000, what: 'the second pick' });
    await accept();
    await settledOnce([first, second]);
    assert.match(
      user.messages.at(-1) ?? '',
      /^modal warning: Move \+1 415-000-5550 from bb7b4e39/,
      'dismissing the move question changes nothing',
    );
  });
});
