// The whole user path under every way the simulator can speak where Sinch's published code
// disagrees with the reference (docs/api/dialects.md): sign-in, refresh, rent, assign and
// unassign, then Test Connection. A misreading shared by client and simulator would hide here
// otherwise, since every other suite runs against the reference's reading.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { StoredAccount } from '../../src/session/account';
import { hostKey } from '../../src/sinch/dialect';
import type { FakePrompter } from '../support/fakePrompter';
import { demo } from '../simulator/datasets';
import { DEMO, waitUntil, freshStart, numberNode, scriptedUser, simulator } from './support';

type Dialect = {
  signature: 'reference' | 'leading-slash';
  organisations: 'object' | 'list' | 'several';
  assignScope: 'capability' | 'whole-set';
};
type WireNumber = { number: number; applicationKey?: string; orgId?: string; groupId: number };

/** Every combination; the last is the one furthest from the reference. */
const DIALECTS: Dialect[] = (['reference', 'leading-slash'] as const).flatMap((signature) =>
  (['object', 'list', 'several'] as const).flatMap((organisations) =>
    (['capability', 'whole-set'] as const).map((assignScope) => ({ signature, organisations, assignScope })),
  ),
);

/** The demo's SMS application: one number with both capabilities, two SMS-only ones a whole-set write would drop. */
const SMS_APP = demo.smsApp;
const SMS_APP_BEFORE = [14150005552, 15045550100, 15045550101];

const run = <T = unknown>(command: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(command, ...args);
const name = (d: Dialect) =>
  `signature ${d.signature}, organisations ${d.organisations}, assign scope ${d.assignScope}`;

async function serverNumbers(): Promise<WireNumber[]> {
  return (await simulator.snapshot()).numbers as WireNumber[];
}

async function on(appKey: string): Promise<number[]> {
  return (await serverNumbers())
    .filter((n) => n.applicationKey === appKey)
    .map((n) => n.number)
    .sort((a, b) => a - b);
}

/** Sign-in through the command, answering the organisation pick when the login lists several. */
async function signIn(user: FakePrompter, d: Dialect, organisationId = DEMO.orgId): Promise<StoredAccount | undefined> {
  user.thenInput(DEMO.email).thenInput(DEMO.password);
  if (d.organisations === 'several') user.thenPick(`Organisation ${organisationId}`);
  return run<StoredAccount | undefined>('sinchNumbers.signIn');
}

async function refreshed(api: ExtensionApi): Promise<void> {
  await api.model.refresh();
  await waitUntil(() => !api.model.loading, { timeout: 10_000, what: 'the model to settle' });
}

describe('dialects: the user path under every simulator dialect', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let user: FakePrompter;

  beforeEach(async () => {
    api = await freshStart();
    user = await scriptedUser();
  });

  for (const d of DIALECTS) {
    it(`${name(d)}: sign-in, refresh, rent, assign, unassign, Test Connection`, async () => {
      await simulator.setDialect(d);
      const account = await signIn(user, d);
      assert.equal(account?.organisationId, DEMO.orgId, user.transcript());
      const host = hostKey(simulator.url());
      assert.equal(
        account.dialect?.signatureForms?.[host]?.form,
        d.signature === 'leading-slash' ? 'leadingSlash' : 'reference',
        'the form that works is kept with the account',
      );
      assert.equal(account.dialect?.organisations?.shape, d.organisations === 'object' ? 'object' : 'list');
      assert.equal(
        user.asked.filter((a) => a.kind === 'pick').length,
        d.organisations === 'several' ? 1 : 0,
        'the organisation is asked only when there are several',
      );

      await refreshed(api);
      assert.ok(
        api.model.numbers?.some((n) => n.number === SMS_APP_BEFORE[1]),
        "the refresh read the chosen organisation's numbers",
      );

      // Rent one Paris number (voice only).
      const before = new Set((await serverNumbers()).map((n) => n.number));
      user.thenPick('Paris').thenInput('1').thenModal('Rent');
      await run('sinchNumbers.rentNumbers');
      const rented = (await serverNumbers()).filter((n) => !before.has(n.number));
      assert.deepEqual(
        rented.map((n) => [n.orgId, n.groupId]),
        [[DEMO.orgId, 1]],
        user.transcript(),
      );
      const value = rented[0].number;
      await refreshed(api);

      // Assign it to the SMS application as a voice number: its SMS-only numbers must stay.
      await simulator.resetCounters();
      user.thenPick(SMS_APP);
      await run('sinchNumbers.assignNumbers', numberNode(api, value), [numberNode(api, value)]);
      assert.deepEqual(
        await on(SMS_APP),
        [...SMS_APP_BEFORE, value].sort((a, b) => a - b),
        user.transcript(),
      );
      const assigned = user.shown.at(-1)!.text;
      if (d.assignScope === 'whole-set') {
        assert.equal((await simulator.counters()).assign, 2, 'the write, then the SMS numbers written back at once');
        assert.match(assigned, /Sinch replaced all of .*They were written back at once/s);
      } else {
        assert.equal((await simulator.counters()).assign, 1);
        assert.doesNotMatch(assigned, /replaced all/);
      }

      // Unassign it again: the application is as it was.
      await refreshed(api);
      user.thenModal('Unassign');
      await run('sinchNumbers.unassignNumbers', numberNode(api, value), [numberNode(api, value)]);
      assert.deepEqual(await on(SMS_APP), SMS_APP_BEFORE, user.transcript());

      // A second assign: a whole-set host now gets the whole set in one write, nothing dropped.
      await refreshed(api);
      await simulator.resetCounters();
      user.thenPick(SMS_APP);
      await run('sinchNumbers.assignNumbers', numberNode(api, value), [numberNode(api, value)]);
      assert.deepEqual(
        await on(SMS_APP),
        [...SMS_APP_BEFORE, value].sort((a, b) => a - b),
        user.transcript(),
      );
      assert.equal((await simulator.counters()).assign, 1, 'what was learned costs nothing extra');

      const result = await run<{ report: string } | undefined>('sinchNumbers.testConnection');
      assert.ok(result, user.transcript());
      const { report } = result;
      assert.match(
        report,
        d.signature === 'leading-slash'
          ? /Signature: the path with its leading slash.*after Sinch refused the reference form/
          : /Signature: the path without its leading slash/,
      );
      assert.match(
        report,
        d.organisations === 'object'
          ? /Organisations: Sinch answers one organisation object/
          : new RegExp(
              `Organisations: Sinch answers a list, of ${d.organisations === 'several' ? 2 : 1} for this login`,
            ),
      );
      assert.match(report, d.assignScope === 'whole-set' ? /Assign scope: whole set/ : /Assign scope: per capability/);
    });
  }

  it('several organisations: Switch Account offers the other one without a password; a later sign-in keeps the choice', async () => {
    const d: Dialect = { signature: 'leading-slash', organisations: 'several', assignScope: 'whole-set' };
    await simulator.setDialect(d);
    await signIn(user, d);
    const { session } = api.services;
    assert.deepEqual(
      session.active?.organisations?.map((o) => o.id),
      [DEMO.orgId, demo.europeOrgId],
    );

    const asked = user.asked.length;
    user.thenPick(`Organisation ${demo.europeOrgId}`);
    await run('sinchNumbers.switchAccount');
    assert.equal(session.active?.organisationId, demo.europeOrgId, user.transcript());
    assert.deepEqual(
      user.asked.slice(asked).map((a) => a.kind),
      ['pick'],
      'no password asked',
    );
    const pick = user.asked.at(-1)!;
    assert.ok(
      pick.items!.some((i) => i.includes('Acme Europe')) && pick.items!.some((i) => i.endsWith(' Acme')),
      pick.items!.join(' | '),
    );

    await refreshed(api);
    assert.deepEqual(
      api.model.numbers?.map((n) => n.number).sort(),
      [demo.europeNumbers.london, demo.europeNumbers.berlin].sort(),
    );

    // Signing in again to the same login: the remembered organisation, no pick.
    user.thenInput(DEMO.email).thenInput(DEMO.password);
    const again = await run<StoredAccount | undefined>('sinchNumbers.signIn');
    assert.equal(again?.organisationId, demo.europeOrgId, user.transcript());
    assert.equal(user.asked.at(-1)!.kind, 'input', 'no organisation pick the second time');
  });
});
