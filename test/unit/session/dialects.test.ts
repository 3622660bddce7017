import assert from 'node:assert/strict';
import { AccountStore } from '../../../src/session/accountStore';
import type { DialectNews } from '../../../src/session/dialectMemory';
import { chooseOrganisation, NoOrganisationError } from '../../../src/session/organisationChoice';
import { SessionManager, type SignInStep } from '../../../src/session/sessionManager';
import { SinchClient } from '../../../src/sinch/client';
import type { Organisation } from '../../../src/sinch/types';
import { demo as sim0, startSimulator, type Simulator } from '../../simulator';
import { FakeSecrets } from '../../support/fakeSecrets';

const VERSION = { os: 'Linux 6.1 (x64)', platform: 'VS Code 1.100.3' };
const demo = { type: 'email' as const, endpoint: 'demo@example.com' };
/** Lets the fire-and-forget writes of learned facts reach the store. */
/** Resolves once `check` holds: the account is written to SecretStorage after the event that learned it. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (check()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.fail(`waited in vain for ${what}`);
}

describe('session: the Sinch dialects, learned once and kept with the account', () => {
  let sim: Simulator;
  let secrets: FakeSecrets;
  let host: string;
  const client = () =>
    new SinchClient({ endpoints: { userApi: sim.url, api: sim.url, portalApi: sim.url }, retry: { maxRetries: 0 } });
  const make = (c = client()) => new SessionManager(new AccountStore(secrets), () => c, Date.now);
  /** The demo account as SecretStorage holds it, in whichever slot it sits. */
  const stored = () =>
    [...secrets.data.values()]
      .map((raw) => {
        try {
          return JSON.parse(raw);
        } catch {
          return undefined;
        }
      })
      .find((a) => a?.id === 'email:demo@example.com');

  before(async () => {
    sim = await startSimulator({ port: 0 });
    host = new URL(sim.url).host;
  });
  after(async () => {
    await sim.close();
  });
  beforeEach(() => {
    sim.setDialect({ signature: 'reference', organisations: 'object', assignScope: 'capability' });
    sim.reset('demo');
    sim.resetCounters();
    secrets = new FakeSecrets();
  });

  it('reference form: one request, and the form is confirmed for the host', async () => {
    const session = make();
    const account = await session.signIn(demo, 'demo-password', VERSION);
    assert.equal(sim.counters().getOrganisation, 1);
    assert.deepEqual(
      { ...account.dialect?.signatureForms?.[host], learnedAt: 0 },
      { form: 'reference', learnedAt: 0, afterRefusal: false },
    );
    assert.deepEqual({ ...account.dialect?.organisations, learnedAt: 0 }, { shape: 'object', count: 1, learnedAt: 0 });
  });

  it('leading-slash: sign-in re-signs once, remembers it per host and with the account; later requests cost nothing extra, even after a restart', async () => {
    sim.setDialect({ signature: 'leading-slash' });
    const session = make();
    const news: DialectNews[] = [];
    session.dialect.onDidLearn((n) => news.push(n));
    const account = await session.signIn(demo, 'demo-password', VERSION);
    assert.equal(sim.counters().getOrganisation, 2, 'the reference form was refused (40102), the other accepted');
    assert.equal(account.dialect?.signatureForms?.[host]?.form, 'leadingSlash');
    assert.equal(account.dialect?.signatureForms?.[host]?.afterRefusal, true);
    assert.deepEqual(
      news.map((n) => n.kind),
      ['signatureForm', 'organisations'],
    );

    await session.current().api.listRentedNumbers(sim0.orgId);
    assert.equal(sim.counters().listNumbers, 1, 'learned per host: the numbers host needs no second try');

    // Another window (or the next start): a new session and a new client, from SecretStorage alone.
    const restarted = make();
    await restarted.restore();
    await restarted.current().api.listRentedNumbers(sim0.orgId);
    assert.equal(sim.counters().listNumbers, 2, 'kept with the account: one request');
  });

  it('signing out of the last account forgets what was learned: the next sign-in starts from the reference', async () => {
    sim.setDialect({ signature: 'leading-slash' });
    const session = make();
    await session.signIn(demo, 'demo-password', VERSION);
    assert.equal(session.dialect.snapshot({ api: host, portalApi: host }).form?.form, 'leadingSlash');
    await session.signOutAll();
    assert.deepEqual(session.dialect.snapshot({ api: host, portalApi: host }), {
      form: undefined,
      portalForm: undefined,
      scope: undefined,
    });

    sim.setDialect({ signature: 'reference' });
    sim.resetCounters();
    const account = await session.signIn(demo, 'demo-password', VERSION);
    assert.equal(sim.counters().getOrganisation, 1, 'no try in a form learned for an account that is gone');
    assert.equal(account.dialect?.signatureForms?.[host]?.form, 'reference');
  });

  it('both forms refused: the instance key or secret is refused, said plainly', async () => {
    const session = make();
    await session.signIn(demo, 'demo-password', VERSION);
    sim.setDialect({ signature: 'leading-slash' });
    const account = session.active!;
    const broken = client().instance({ id: account.instanceId, secret: Buffer.from('not it').toString('base64') });
    await assert.rejects(
      broken.listRentedNumbers(sim0.orgId),
      (e: Error & { errorCode?: number }) =>
        e.errorCode === 40102 && /instance key or secret/.test(e.message) && !/[Ss]ign in again/.test(e.message),
    );
  });

  it('several organisations: sign-in asks which; the account remembers the choice and the list', async () => {
    sim.setDialect({ organisations: 'several' });
    const session = make();
    const offered: Organisation[][] = [];
    const steps: SignInStep[] = [];
    const account = await session.signIn(
      demo,
      'demo-password',
      VERSION,
      undefined,
      (s) => steps.push(s),
      async (orgs) => {
        offered.push([...orgs]);
        return orgs.find((o) => o.name === 'Acme Europe')!;
      },
    );
    assert.deepEqual(
      offered[0].map((o) => [o.id, o.name, o.countryId]),
      [
        [sim0.orgId, 'Acme', 'US'],
        [sim0.europeOrgId, 'Acme Europe', 'GB'],
      ],
    );
    assert.deepEqual(steps, ['login', 'createInstance', 'getOrganisation', 'chooseOrganisation', 'store']);
    assert.equal(account.organisationId, sim0.europeOrgId);
    assert.deepEqual(
      account.organisations?.map((o) => o.id),
      [sim0.orgId, sim0.europeOrgId],
    );
    assert.deepEqual({ ...account.dialect?.organisations, learnedAt: 0 }, { shape: 'list', count: 2, learnedAt: 0 });
    const numbers = await session.current().api.listRentedNumbers(sim0.europeOrgId);
    assert.deepEqual(
      numbers.map((n) => n.number),
      [sim0.europeNumbers.london, sim0.europeNumbers.berlin],
    );

    // Signing in again (a session expired): the choice is remembered, nobody is asked.
    const again = await session.signIn(demo, 'demo-password', VERSION, undefined, undefined, async () =>
      assert.fail('asked again'),
    );
    assert.equal(again.organisationId, sim0.europeOrgId);
  });

  it('Switch Account to another organisation of the login: same instance, no password, kept with the account', async () => {
    sim.setDialect({ organisations: 'several' });
    const session = make();
    const account = await session.signIn(demo, 'demo-password', VERSION, undefined, undefined, async (orgs) => orgs[0]);
    let changes = 0;
    session.onDidChange(() => changes++);
    sim.resetCounters();
    await session.switchTo(account.id, sim0.europeOrgId);
    assert.equal(changes, 1);
    assert.equal(session.active?.organisationId, sim0.europeOrgId);
    assert.equal(session.active?.organisationName, 'Acme Europe');
    assert.equal(session.active?.instanceId, account.instanceId, "the login's instance");
    assert.equal(stored().organisationId, sim0.europeOrgId);
    const listed = await session.current().api.listRentedNumbers(session.current().organisationId);
    assert.equal(listed.length, 2);
    const c = sim.counters();
    assert.deepEqual([c.login, c.createInstance, c.listNumbers], [0, 0, 1], 'no new sign-in');
    await assert.rejects(session.switchTo(account.id, '1234'), /not one of this login/);
  });

  it('the assign scope learned on a host is kept with the account and known after a restart', async () => {
    const session = make();
    await session.signIn(demo, 'demo-password', VERSION);
    const scope = session.current().assignScope!;
    assert.equal(scope.get(), undefined);
    scope.learn({
      scope: 'wholeSet',
      learnedAt: 1234,
      evidence: { appKey: sim0.smsApp, capability: 'voice', removed: [1] },
    });
    await until(() => stored()?.dialect?.assignScopes?.[host]?.scope === 'wholeSet', 'the scope kept with the account');
    assert.equal(stored().dialect.assignScopes[host].scope, 'wholeSet');
    const restarted = make();
    await restarted.restore();
    assert.equal(restarted.current().assignScope!.get()?.scope, 'wholeSet');
  });

  it('chooseOrganisation: none is an error, one needs no question, the remembered one wins, else the chooser', async () => {
    const a = { id: '1', name: 'A' };
    const b = { id: '2', name: 'B' };
    await assert.rejects(chooseOrganisation([], undefined), NoOrganisationError);
    assert.equal(await chooseOrganisation([a], '2', async () => assert.fail('asked')), a);
    assert.equal(await chooseOrganisation([a, b], '2', async () => assert.fail('asked')), b);
    assert.equal(await chooseOrganisation([a, b], '9', async () => b), b);
    assert.equal(await chooseOrganisation([a, b], undefined), a, 'nobody to ask: the first');
  });
});
