// Credentials go only where the user signed in: the account remembers its endpoints and
// session.current() refuses, before any request, when the settings name other hosts.
import assert from 'node:assert/strict';
import {
  accountEndpoints,
  customHosts,
  hostsOf,
  SignedInElsewhereError,
  signedInHere,
} from '../../../src/session/accountEndpoints';
import { parseStoredAccount } from '../../../src/session/account';
import { AccountStore } from '../../../src/session/accountStore';
import { SessionManager } from '../../../src/session/sessionManager';
import { SinchClient } from '../../../src/sinch/client';
import { DEFAULT_ENDPOINTS } from '../../../src/sinch/types';
import { NotSignedInError } from '../../../src/platform/errors';
import { describeError } from '../../../src/sinch/errorText';
import { anAccount } from '../../support/builders';
import { FakeSecrets } from '../../support/fakeSecrets';
import { startSimulator, type Simulator } from '../../simulator';

const VERSION = { os: 'test', platform: 'unit' };
const at = (base: string) => ({ userApi: base, api: base, portalApi: base });

describe('session: an account is used only where it signed in', () => {
  it('compares the hosts signed requests go to (API and portal API)', () => {
    const account = anAccount({ endpoints: at('http://127.0.0.1:4010') });
    assert.equal(signedInHere(account, at('http://127.0.0.1:4010')), true);
    assert.equal(
      signedInHere(account, { ...at('http://127.0.0.1:4010'), userApi: 'https://login.example.com' }),
      true,
      'the log-in host carries no instance signature',
    );
    assert.equal(signedInHere(account, { ...at('http://127.0.0.1:4010'), api: 'https://api.example.com' }), false);
    assert.equal(
      signedInHere(account, { ...at('http://127.0.0.1:4010'), portalApi: 'https://portal.example.com' }),
      false,
    );
  });

  it("an account kept before endpoints were recorded belongs to Sinch's own hosts", () => {
    const legacy = anAccount();
    assert.equal(legacy.endpoints, undefined);
    assert.deepEqual(accountEndpoints(legacy), DEFAULT_ENDPOINTS);
    assert.equal(signedInHere(legacy, DEFAULT_ENDPOINTS), true);
    assert.equal(signedInHere(legacy, at('http://127.0.0.1:4010')), false);
  });

  it("names hosts only when they are not Sinch's own, each once", () => {
    assert.equal(customHosts(DEFAULT_ENDPOINTS), undefined);
    assert.equal(customHosts(at('http://127.0.0.1:4010')), '127.0.0.1:4010');
    assert.equal(
      hostsOf({ userApi: 'https://u.example.com', api: 'https://a.example.com', portalApi: 'https://a.example.com' }),
      'u.example.com, a.example.com',
    );
  });

  it('the refusal says where it signed in, where the settings point, and offers Sign In', () => {
    const e = new SignedInElsewhereError(anAccount(), at('https://evil.example'));
    assert.ok(e instanceof NotSignedInError);
    assert.equal(
      e.message,
      'demo@example.com is signed in at api.sinch.com, portalapi.sinch.com, but the endpoint settings now point to evil.example. Its credentials are not sent there: sign in at evil.example, or change the settings back.',
    );
    assert.deepEqual(describeError(e).followUps, ['signIn']);
  });

  it('a stored account keeps its endpoints; a damaged record of them makes it unreadable', () => {
    const stored = JSON.stringify(anAccount({ endpoints: at('http://127.0.0.1:4010') }));
    assert.deepEqual(parseStoredAccount(stored)?.endpoints, at('http://127.0.0.1:4010'));
    assert.equal(parseStoredAccount(JSON.stringify({ ...anAccount(), endpoints: { api: 7 } })), undefined);
  });

  describe('against the simulator', () => {
    let sim: Simulator;
    before(async () => {
      sim = await startSimulator({ port: 0 });
    });
    after(async () => {
      await sim.close();
    });

    it('after the settings move to another host, nothing signed is sent anywhere until the user signs in there', async () => {
      const here = new SinchClient({ endpoints: at(sim.url) });
      const elsewhere = new SinchClient({ endpoints: at(sim.url.replace('127.0.0.1', 'localhost')) });
      let client = here;
      const session = new SessionManager(new AccountStore(new FakeSecrets()), () => client);
      const account = await session.signIn({ type: 'email', endpoint: 'demo@example.com' }, 'demo-password', VERSION);
      assert.deepEqual(account.endpoints, at(sim.url));
      client = elsewhere;
      sim.resetCounters();
      assert.throws(() => session.current(), SignedInElsewhereError);
      assert.ok(
        Object.values(sim.counters()).every((n) => n === 0),
        'not one request',
      );
      await session.signIn({ type: 'email', endpoint: 'demo@example.com' }, 'demo-password', VERSION);
      assert.equal((await session.current().api.getOrganisations()).organisations[0].id, '8888123');
      assert.deepEqual(session.active?.endpoints, elsewhere.endpoints, 'the account now belongs there');
    });
  });
});
