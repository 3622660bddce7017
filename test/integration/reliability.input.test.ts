// Bad input, through the real commands: every box either refuses a value inline (the box stays
// open with a message, nothing is sent) or normalises it to what the user meant. Very long and
// non-ASCII text, pasted numbers with spaces, dashes and parentheses, path tricks in keys.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { FakePrompter } from '../support/fakePrompter';
import { DEMO, DEMO_APP, waitUntil, freshStart, numberNode, scriptedUser, signInDemo, simulator } from './support';

const FREE_VOICE = 14150005550;
const LONG = 10_000;
type Counters = Record<string, number>;
type WireNumber = { number: number; applicationKey?: string; orgId?: string };

/** One line per value tried, printed at the end (the README quotes it). */
const table: string[] = [];

function show(value: string): string {
  const json = JSON.stringify(value);
  return json.length > 34 ? `${json.slice(0, 24)}…(${value.length} chars)` : json;
}

function record(box: string, value: string, outcome: string): void {
  table.push(
    `      ${box.padEnd(22)} ${show(value).padEnd(38)} → ${outcome.length > 90 ? `${outcome.slice(0, 90)}…` : outcome}`,
  );
}

function sent(c: Counters): number {
  return Object.values(c).reduce((a, b) => a + b, 0);
}

/** Checks the box refused each bad value typed into it with a short message matching its pattern. */
function refuseAll(
  user: FakePrompter,
  box: string,
  bad: ReadonlyArray<[string, RegExp]>,
  asked: () => { validation?: string[] } | undefined,
): void {
  const messages = asked()?.validation ?? [];
  assert.equal(messages.length, bad.length, `every bad value refused in the ${box} box:\n${messages.join('\n')}`);
  bad.forEach(([value, pattern], i) => {
    assert.match(messages[i], pattern, `${box} ${show(value)}`);
    assert.ok(messages[i].length < 300, `a short message for ${show(value)}: ${messages[i].length} chars`);
    record(box, value, `refused: ${messages[i]}`);
  });
  assert.equal(user.pending, 0);
}

describe('reliability: bad input', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let labelsBefore: Record<string, string> | undefined;

  before(async () => {
    api = await freshStart();
    labelsBefore = vscode.workspace
      .getConfiguration('sinchNumbers')
      .inspect<Record<string, string>>('applicationLabels')?.globalValue;
    await signInDemo();
    // The view shown once (its first showing loads the list), so what follows is the boxes' own doing.
    await vscode.commands.executeCommand('sinchNumbers.numbers.focus');
    await api.model.refresh();
    await waitUntil(() => !api.model.loading, { timeout: 5000, what: 'the model to settle' });
  });

  beforeEach(async () => {
    await waitUntil(() => !api.model.loading, { timeout: 5000, what: 'the model to settle' });
    await simulator.resetCounters();
  });

  after(async () => {
    api.view.provider?.setFilter(undefined);
    await vscode.workspace
      .getConfiguration('sinchNumbers')
      .update('applicationLabels', labelsBefore, vscode.ConfigurationTarget.Global);
    await simulator.faults.clear();
    await simulator.reset('demo');
    await api.services.session.signOutAll();
    console.log(['', '      Bad input (box, value → outcome):', ...table].join('\n'));
  });

  it('sign in, identity box: refuses inline what is neither an email nor an international number, sending nothing', async () => {
    const bad: Array<[string, RegExp]> = [
      ['', /Enter the email address or phone number/],
      ['   ', /Enter the email address or phone number/],
      ['demo@', /neither an email address nor a phone number/],
      ['demo@example', /neither an email address nor a phone number/],
      ['demo @example.com', /neither an email address nor a phone number/],
      ['(205) 550 0000', /neither an email address nor a phone number/],
      ['+1 415', /4 digits, expected 6 to 15/],
      ['0044 20 7946 0100', /not an international number: start with the country code/],
      ['+1 205 550 0000 ext. 12', /not a phone number/],
      ['📞 +12055500000', /neither an email address nor a phone number/],
      ['a'.repeat(LONG), /neither an email address nor a phone number/],
      [`+${'1'.repeat(LONG)}`, /10000 digits, expected 6 to 15/],
    ];
    const user = await scriptedUser();
    for (const [value] of bad) user.thenInput(value);
    user.thenInput(undefined);
    await vscode.commands.executeCommand('sinchNumbers.signIn');
    refuseAll(user, 'sign-in identity', bad, () => user.asked[0]);
    assert.equal(user.asked.length, 1, 'never got to the password');
    assert.equal(sent(await simulator.counters()), 0, 'no request');
    assert.equal(user.shown.length, 0, user.transcript());
  });

  it('sign in, identity box: pasted numbers and padded emails are normalised and sign in', async () => {
    const cases: Array<[string, string]> = [
      ['  demo@example.com  ', 'email:demo@example.com'],
      ['+1 (205) 550-0000', 'number:+12055500000'],
      ['1 205-550-0000', 'number:+12055500000'],
      ['+1.205.550.0000', 'number:+12055500000'],
    ];
    for (const [value, id] of cases) {
      await api.services.session.signOutAll();
      const user = await scriptedUser();
      user.thenInput(value).thenInput(DEMO.password);
      await vscode.commands.executeCommand('sinchNumbers.signIn');
      assert.equal(api.services.session.active?.id, id, `${show(value)}:\n${user.transcript()}`);
      assert.equal(api.services.session.active?.organisationId, DEMO.orgId);
      record('sign-in identity', value, `signed in as ${id}`);
    }
  });

  it('sign in, identity box: odd but well-formed emails travel URL-encoded, one request, and are refused as unknown', async () => {
    for (const value of ['../../v1/instance@example.com', 'dëmo@exämple.cöm', 'demo+tag@example.com?x=1#y']) {
      await simulator.resetCounters();
      const user = await scriptedUser();
      user.thenInput(value).thenInput(DEMO.password).thenInput(undefined);
      await vscode.commands.executeCommand('sinchNumbers.signIn');
      const c = await simulator.counters();
      // Anything but the log-in path would be another endpoint (or a 404 not counted at all).
      assert.deepEqual(
        Object.entries(c).filter(([, n]) => n > 0),
        [['login', 1]],
        `${show(value)}: one log-in request, nothing else`,
      );
      assert.match(user.asked[2]?.prompt ?? '', /Email or password is incorrect/, user.transcript());
      assert.equal(user.asked[2]?.value, value, 'the identity comes back as typed');
      record('sign-in identity', value, 'sent URL-encoded to the log-in path only; "Email or password is incorrect"');
    }
    await signInDemo();
    await api.model.refresh();
  });

  it('rent, quantity box: refuses zero, negatives, decimals, words, other digits and too many, sending no reserve', async () => {
    const range = /Enter a whole number from 1 to 7/;
    const bad: Array<[string, RegExp]> = [
      ['', range],
      ['  ', range],
      ['0', /Rent at least 1 number/],
      ['-1', /cannot be negative/],
      ['1.5', /not a whole number/],
      ['2.0', /not a whole number/],
      ['two', /"two" is not a number/],
      ['1e1', /is not a number/],
      ['0x2', /is not a number/],
      ['２', /is not a number/], // full-width digit
      ['٣', /is not a number/], // Arabic-Indic digit
      ['2 numbers', /is not a number/],
      ['8', /Only 7 numbers are available in this group/],
      ['99999999999999999999', /Only 7 numbers are available in this group/],
      ['9'.repeat(LONG), range],
    ];
    const user = await scriptedUser();
    user.thenPick('Paris');
    for (const [value] of bad) user.thenInput(value);
    user.thenInput(undefined);
    await vscode.commands.executeCommand('sinchNumbers.rentNumbers');
    refuseAll(user, 'rent quantity', bad, () => user.asked.find((a) => a.kind === 'input'));
    const c = await simulator.counters();
    assert.deepEqual([c.reserve, c.checkout], [0, 0]);
    assert.equal(user.shown.length, 0, user.transcript());
  });

  it('rent, quantity box: " 3 " and "+3" mean 3 (the confirmation says so); Cancel sends nothing', async () => {
    for (const value of [' 3 ', '+3', '03']) {
      const user = await scriptedUser();
      user.thenPick('Paris').thenInput(value).thenModal(undefined);
      await vscode.commands.executeCommand('sinchNumbers.rentNumbers');
      const modal = user.shown.find((m) => m.modal);
      assert.match(modal?.text ?? '', /^Rent 3 numbers in Paris, France for 6\.00 USD per month\?$/, user.transcript());
      record('rent quantity', value, 'accepted as 3 (confirmation: "Rent 3 numbers…")');
    }
    const c = await simulator.counters();
    assert.deepEqual([c.reserve, c.checkout], [0, 0]);
  });

  const badKeys: Array<[string, RegExp]> = [
    ['', /looks like bb7b4e39-4227-4913-8c81-2db4abb54fb3/],
    ['not-a-key', /looks like/],
    ['../../v1/organisations/id/8888123/numbers', /looks like/],
    [`${DEMO_APP}/../../x`, /looks like/],
    [`${DEMO_APP}?capability=sms`, /looks like/],
    [`{${DEMO_APP}}`, /looks like/],
    [DEMO_APP.replace(/-/g, ''), /looks like/],
    [`${DEMO_APP.slice(0, -1)}é`, /looks like/],
    [`${DEMO_APP} ${DEMO_APP}`, /looks like/],
    ['b'.repeat(LONG), /looks like/],
  ];

  it('assign, "Enter Application Key…": refuses anything not shaped like a key, sending nothing', async () => {
    const user = await scriptedUser();
    const node = numberNode(api, FREE_VOICE);
    user.thenPick('Enter Application Key');
    for (const [value] of badKeys) user.thenInput(value);
    user.thenInput(undefined);
    await vscode.commands.executeCommand('sinchNumbers.assignNumbers', node, [node]);
    refuseAll(user, 'assign key', badKeys, () => user.asked.find((a) => a.kind === 'input'));
    assert.equal(sent(await simulator.counters()), 0, 'no request');
    assert.equal(user.shown.length, 0, user.transcript());
  });

  it('assign, "Enter Application Key…": a key pasted in capitals with spaces is the same application', async () => {
    const user = await scriptedUser();
    const node = numberNode(api, FREE_VOICE);
    const value = `  ${DEMO_APP.toUpperCase()}\t`;
    user.thenPick('Enter Application Key').thenInput(value);
    await vscode.commands.executeCommand('sinchNumbers.assignNumbers', node, [node]);
    const numbers = (await simulator.snapshot()).numbers as WireNumber[];
    assert.equal(numbers.find((n) => n.number === FREE_VOICE)?.applicationKey, DEMO_APP, user.transcript());
    assert.match(user.shown.at(-1)?.text ?? '', /^Assigned \+1 415-000-5550 to bb7b4e39…/);
    record('assign key', value, `assigned to ${DEMO_APP}`);
    // Put it back for the next tests.
    const back = numberNode(api, FREE_VOICE);
    user.thenModal('Unassign');
    await vscode.commands.executeCommand('sinchNumbers.unassignNumbers', back, [back]);
  });

  it('add application by key: refuses bad keys and names over 80 characters; a pasted key is stored normalised, a non-ASCII name kept', async () => {
    const added = () => api.view.added?.list(DEMO.orgId) ?? [];
    const before = added();
    let user = await scriptedUser();
    for (const [value] of badKeys) user.thenInput(value);
    user.thenInput(undefined);
    await vscode.commands.executeCommand('sinchNumbers.addApplication');
    refuseAll(user, 'add application key', badKeys, () => user.asked[0]);
    assert.deepEqual(added(), before);

    const staging = 'e8f9a0b1-c2d3-4e4f-8a5b-6c7d8e9f0a1b';
    const name = 'Ünïcödé Líne 📞 — 東京';
    user = await scriptedUser();
    user.thenInput(` ${staging.toUpperCase()} `).thenInput('n'.repeat(LONG)).thenInput(name);
    await vscode.commands.executeCommand('sinchNumbers.addApplication');
    assert.match(user.asked[1].validation?.[0] ?? '', /Keep the name under 80 characters/, user.transcript());
    record('application name', 'n'.repeat(LONG), `refused: ${user.asked[1].validation?.[0]}`);
    assert.deepEqual(added(), [...before, staging]);
    const labels =
      vscode.workspace.getConfiguration('sinchNumbers').get<Record<string, string>>('applicationLabels') ?? {};
    assert.equal(labels[staging], name);
    record('add application key', ` ${staging.toUpperCase()} `, `listed as ${staging}`);
    record('application name', name, 'kept as typed');
    await api.view.added?.remove(DEMO.orgId, staging);
    const c = await simulator.counters();
    assert.equal(
      sent(c),
      0,
      `adding an application sends nothing: ${JSON.stringify(Object.entries(c).filter(([, n]) => n > 0))}`,
    );
  });

  it('filter: refuses unknown keys and values inline; pasted numbers match by their digits; long and non-ASCII text is safe', async () => {
    const provider = api.view.provider!;
    const bad: Array<[string, RegExp]> = [
      ['colour:red', /Unknown filter "colour:"/],
      ['cap:fax', /the capability is sms or voice/],
      ['city:', /needs a value, e\.g\. city:paris/],
      ['is:cheap', /use is:expiring, is:expired or is:invalid/],
      ['x'.repeat(LONG), /Keep the filter under 200 characters/],
    ];
    let user = await scriptedUser();
    for (const [value] of bad) user.thenInput(value);
    user.thenInput(undefined);
    await vscode.commands.executeCommand('sinchNumbers.filter');
    refuseAll(user, 'filter', bad, () => user.asked[0]);
    assert.equal(provider.filter, undefined);

    const shownNumbers = () =>
      provider
        .getChildren(undefined)
        .flatMap((r) => (r.kind === 'message' ? [] : provider.getChildren(r)))
        .flatMap((n) => (n.kind === 'number' ? [n.number.number] : []));
    for (const value of ['+1 415-000-5550', '(415) 000 5550', '1-415-000-5550', '14150005550']) {
      user = await scriptedUser();
      user.thenInput(value);
      await vscode.commands.executeCommand('sinchNumbers.filter');
      assert.deepEqual(shownNumbers(), [FREE_VOICE], `${show(value)} shows +1 415-000-5550 only`);
      record('filter', value, 'shows +1 415-000-5550 only');
    }
    for (const value of ['city:zürich', '東京', `city:"${'ü'.repeat(150)}"`]) {
      user = await scriptedUser();
      user.thenInput(value);
      await vscode.commands.executeCommand('sinchNumbers.filter');
      assert.deepEqual(shownNumbers(), []);
      const message = api.view.treeView?.message ?? '';
      assert.match(message, /^No numbers match/);
      assert.ok(message.length < 300, `the view message stays short: ${message.length} chars`);
      assert.ok(
        (api.view.treeView?.description ?? '').length < 300,
        `the view description stays short: ${(api.view.treeView?.description ?? '').length} chars`,
      );
      record('filter', value, `no match; view says "${message.slice(0, 60)}…"`);
    }
    await vscode.commands.executeCommand('sinchNumbers.clearFilter');
    assert.equal(sent(await simulator.counters()), 0, 'filtering sends nothing');
  });
});
