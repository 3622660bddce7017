import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { AccountStore, ownedSecretKeys } from '../../src/session/accountStore';
import { SecretKeys } from '../../src/constants';
import { resolveEndpoints } from '../../src/session/endpoints';
import { SessionManager } from '../../src/session/sessionManager';
import type { StoredAccount } from '../../src/session/account';
import type { FakePrompter } from '../support/fakePrompter';
import { DEMO, waitUntil, freshStart, scriptedUser, signInDemo, simulator } from './support';

const OTHER = { email: 'other@example.com', password: 'other-password', orgId: '9999001', orgName: 'Globex' };
/** Every SecretStorage key the extension may have written for the accounts of these tests. */
const OWNED_KEYS = ownedSecretKeys([`email:${DEMO.email}`, `email:${OTHER.email}`, `number:${DEMO.number}`]);

async function keysLeft(api: ExtensionApi): Promise<string[]> {
  const found = await Promise.all(
    OWNED_KEYS.map(async (k) => ((await api.services.context.secrets.get(k)) === undefined ? undefined : k)),
  );
  return found.filter((k): k is string => k !== undefined);
}

async function run<T = unknown>(command: string, ...args: unknown[]): Promise<T> {
  return vscode.commands.executeCommand<T>(command, ...args);
}

/** Every value VS Code keeps for the extension outside SecretStorage, as one string. */
function everythingOutsideSecretStorage(api: ExtensionApi): string {
  const { globalState, workspaceState } = api.services.context;
  const dump = (m: vscode.Memento) =>
    m
      .keys()
      .map((k) => `${k}=${JSON.stringify(m.get(k))}`)
      .join('\n');
  const settings = JSON.stringify(vscode.workspace.getConfiguration('sinchNumbers'));
  return [dump(globalState), dump(workspaceState), settings].join('\n');
}

/** Captures every line written to the extension's log while `fn` runs (whatever the log level). */
async function captureLog<T>(api: ExtensionApi, fn: () => Promise<T>): Promise<{ value: T; lines: string[] }> {
  const channel = api.services.log.channel as unknown as Record<string, (...a: unknown[]) => void>;
  const lines: string[] = [];
  const originals = new Map<string, (...a: unknown[]) => void>();
  for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'appendLine', 'append']) {
    originals.set(level, channel[level]);
    channel[level] = (...a: unknown[]) => {
      lines.push(a.map((x) => (x instanceof Error ? `${x.name}: ${x.message}` : String(x))).join(' '));
      return originals.get(level)!.apply(api.services.log.channel, a);
    };
  }
  try {
    return { value: await fn(), lines };
  } finally {
    for (const [level, f] of originals) channel[level] = f;
  }
}

async function signInThroughCommand(
  user: FakePrompter,
  identity: string,
  password: string,
): Promise<StoredAccount | undefined> {
  user.thenInput(identity).thenInput(password);
  return run<StoredAccount | undefined>('sinchNumbers.signIn');
}

describe('session: sign in and stay signed in', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  beforeEach(async () => {
    api = await freshStart();
  });
  afterEach(async () => {
    await simulator.setClockOffset(0);
  });

  it('signs in through the command: two inputs, password masked, secrets only in SecretStorage', async () => {
    const user = await scriptedUser();
    const { value: account, lines } = await captureLog(api, () =>
      signInThroughCommand(user, DEMO.email, DEMO.password),
    );
    assert.ok(account, user.transcript());
    assert.equal(account.organisationId, DEMO.orgId);
    assert.equal(account.organisationName, DEMO.orgName);
    assert.deepEqual(
      user.asked.map((a) => [a.kind, a.step, a.totalSteps, !!a.password]),
      [
        ['input', 1, 2, false],
        ['input', 2, 2, true],
      ],
    );
    assert.match(user.asked[0].title ?? '', /Sign In/);
    assert.equal(user.shown.length, 0, `no message on success:\n${user.transcript()}`);
    assert.equal(api.services.session.active?.id, 'email:demo@example.com');

    // The secret is where it belongs...
    const secret = api.services.session.active!.instanceSecret;
    const values = await Promise.all(OWNED_KEYS.map((k) => api.services.context.secrets.get(k)));
    const stored = values.filter((v) => v?.includes(secret));
    assert.equal(stored.length, 1, 'one key holds the account');
    assert.ok(!values.some((v) => v?.includes(DEMO.password)), 'the password is never stored');
    assert.equal(await api.services.context.secrets.get(SecretKeys.activeAccount), account.id);
    // ...and nowhere else: not in globalState, workspaceState, settings or the log.
    const outside = everythingOutsideSecretStorage(api);
    for (const s of [secret, DEMO.password]) {
      assert.ok(!outside.includes(s), 'secret found outside SecretStorage');
      assert.ok(!lines.some((l) => l.includes(s)), 'secret found in the log');
    }
    assert.ok(!lines.some((l) => l.includes(DEMO.email)), `the log masks the identity:\n${lines.join('\n')}`);

    // The Accounts menu sees the account (the provider answers getSessions).
    const accounts = await vscode.authentication.getAccounts('sinch');
    assert.deepEqual(
      accounts.map((a) => a.label),
      [DEMO.email],
    );
  });

  it('checks the identity inline before asking for the password', async () => {
    const user = await scriptedUser();
    user.thenInput('demo@').thenInput('   ').thenInput(DEMO.email).thenInput(DEMO.password);
    const account = await run<StoredAccount>('sinchNumbers.signIn');
    assert.equal(account.organisationId, DEMO.orgId);
    assert.equal(user.asked[0].validation?.length, 2);
    assert.match(user.asked[0].validation![0], /neither an email address nor a phone number/);
  });

  it('a wrong password says "Email or password is incorrect" and asks again with the identity kept', async () => {
    const user = await scriptedUser();
    user.thenInput(DEMO.email).thenInput('wrong-password').thenInput(DEMO.email).thenInput(DEMO.password);
    const account = await run<StoredAccount>('sinchNumbers.signIn');
    assert.equal(account?.organisationId, DEMO.orgId, user.transcript());
    assert.equal(user.asked.length, 4);
    const again = user.asked[2];
    assert.equal(again.step, 1);
    assert.equal(again.value, DEMO.email, 'identity pre-filled');
    assert.match(again.prompt ?? '', /Email or password is incorrect/);
    assert.equal(user.asked[3].password, true);
    assert.equal(user.shown.filter((m) => m.severity === 'error').length, 0, 'no error toast: the box itself says why');
    const c = await simulator.counters();
    assert.equal(c.login, 2);
    assert.equal(c.createInstance, 1);
  });

  it('Escape after a wrong password cancels silently and stores nothing', async () => {
    const user = await scriptedUser();
    user.thenInput(DEMO.email).thenInput('wrong-password').thenInput(undefined);
    assert.equal(await run('sinchNumbers.signIn'), undefined);
    assert.equal(user.shown.length, 0);
    assert.equal(api.services.session.signedIn, false);
    assert.deepEqual(await keysLeft(api), []);
  });

  it('the command argument pre-fills the identity, and the user confirms or changes it in the box', async () => {
    const user = await scriptedUser();
    user.thenInput(DEMO.email).thenInput(DEMO.password);
    await run('sinchNumbers.signIn', { identity: DEMO.email });
    assert.deepEqual(
      [user.asked[0].step, user.asked[0].value, user.asked[0].password],
      [1, DEMO.email, undefined],
      'the identity box is shown, pre-filled',
    );
    // Another extension or a command: link suggests an identity; the person signs in as what the box holds.
    const next = await scriptedUser();
    next.thenInput(OTHER.email).thenInput(OTHER.password);
    const account = await run<StoredAccount | undefined>('sinchNumbers.signIn', { identity: DEMO.email });
    assert.equal(next.asked[0].value, DEMO.email);
    assert.equal(account?.id, `email:${OTHER.email}`, next.transcript());
    // Escape in the pre-filled box signs nobody in.
    const third = await scriptedUser();
    third.thenInput(undefined);
    assert.equal(await run('sinchNumbers.signIn', { identity: 'someone@example.com' }), undefined);
    assert.equal(api.services.session.accounts.length, 2);
  });

  it('Sign Out with an account argument (another extension, a command: link) still asks, naming the account', async () => {
    await signInDemo();
    await signInDemo({ type: 'email', endpoint: OTHER.email }, OTHER.password);
    const user = await scriptedUser();
    user.thenModal(undefined);
    await run('sinchNumbers.signOut', { accountId: `email:${DEMO.email}` });
    assert.deepEqual(
      user.shown.map((m) => [m.modal, m.text]),
      [[true, `Sign out of ${DEMO.orgName} (${DEMO.email})?`]],
    );
    assert.equal(api.services.session.accounts.length, 2, 'Cancel keeps it');
    user.thenModal('Sign Out');
    await run('sinchNumbers.signOut', { accountId: `email:${DEMO.email}` });
    assert.deepEqual(
      api.services.session.accounts.map((a) => a.id),
      [`email:${OTHER.email}`],
    );
    assert.equal(user.asked.length, 0, 'the argument chose the account; the modal confirmed it');
  });

  it('signs in with a number identity', async () => {
    const user = await scriptedUser();
    const account = await signInThroughCommand(user, DEMO.number, DEMO.password);
    assert.equal(account?.organisationId, DEMO.orgId, user.transcript());
    assert.equal(account?.id, 'number:+12055500000');
    assert.match(user.asked[1].prompt ?? '', /\+12055500000/);
  });

  it('other failures get their own message: Sinch unavailable, then Try Again pre-fills the identity', async () => {
    const user = await scriptedUser();
    // Sent once: the password is not repeated after Sinch answered (retryPolicy.ts); the user's Try Again is.
    await simulator.faults.inject('login', {
      kind: 'status',
      status: 503,
      errorCode: 50300,
      message: 'Down for maintenance',
    });
    user.onToast(/cannot sign you in right now/, 'Try Again');
    user.thenInput(DEMO.email).thenInput(DEMO.password).thenInput(DEMO.email).thenInput(DEMO.password);
    assert.equal(await run('sinchNumbers.signIn'), undefined);
    assert.match(
      user.shown[0]?.text ?? '',
      /Sinch cannot sign you in right now\. Sinch is unavailable right now \(503\)/,
      user.transcript(),
    );
    assert.deepEqual(user.shown[0].actions, ['Try Again', 'Show Log', 'Copy Error Details']);
    // Try Again ran the command again with the identity pre-filled.
    await waitUntil(() => api.services.session.signedIn, { timeout: 10_000, what: 'the second attempt' });
    assert.equal(user.asked[2].value, DEMO.email);
    assert.equal((await simulator.counters()).login, 2, 'one log-in per attempt the user made');
  });

  it('a network failure says the connection failed', async () => {
    const user = await scriptedUser();
    await simulator.faults.inject('login', { kind: 'resetBefore' }, 4);
    user.thenInput(DEMO.email).thenInput(DEMO.password);
    await run('sinchNumbers.signIn');
    assert.match(user.shown[0]?.text ?? '', /Could not reach Sinch to sign in\./, user.transcript());
    assert.equal(api.services.session.signedIn, false);
  });

  it('a server clock in 2100 is not followed: the password is sent once and the message says a clock is wrong', async () => {
    await simulator.setClockOffset(Date.UTC(2100, 0, 1) - Date.now());
    const user = await scriptedUser();
    assert.equal(await signInThroughCommand(user, DEMO.email, DEMO.password), undefined);
    assert.match(
      user.shown[0]?.text ?? '',
      /^Could not sign in to Sinch\. Sinch rejected the request time \(401\): Sinch's clock reads 2100-01-01 \d\d:\d\d UTC and this computer's \d{4}-.* UTC, \d+ years apart\. One of the two clocks is wrong/,
      user.transcript(),
    );
    assert.equal((await simulator.counters()).login, 1);
    assert.equal(api.services.clients.get().clockOffsetMs, 0);
    assert.equal(api.services.session.signedIn, false);
  });

  it('restores after a reload without any request', async () => {
    await signInDemo();
    await signInDemo({ type: 'email', endpoint: OTHER.email }, OTHER.password);
    await simulator.resetCounters();
    const reloaded = new SessionManager(new AccountStore(api.services.context.secrets), () =>
      api.services.clients.get(),
    );
    await reloaded.restore();
    assert.deepEqual(reloaded.accounts.map((a) => a.organisationId).sort(), [DEMO.orgId, OTHER.orgId]);
    assert.equal(reloaded.active?.organisationId, OTHER.orgId);
    const counters = await simulator.counters();
    assert.ok(
      Object.values(counters).every((n) => n === 0),
      JSON.stringify(counters),
    );
    reloaded.dispose();
  });

  it('an expired session prompts once however many requests fail, and Sign In comes back pre-filled', async () => {
    await signInDemo();
    const user = await scriptedUser();
    await simulator.expireInstances();
    const { api: sinch, organisationId } = api.services.session.current();
    const attempts = [
      sinch.getOrganisations(),
      sinch.listRentedNumbers(organisationId),
      sinch.listShopGroups(organisationId),
      sinch.getOrganisations(),
    ];
    for (const r of await Promise.allSettled(attempts)) {
      assert.equal(r.status, 'rejected');
      api.services.session.noteError((r as PromiseRejectedResult).reason);
    }
    await waitUntil(() => user.shown.some((m) => /Your Sinch session expired/.test(m.text)), {
      timeout: 5000,
      what: 'the expiry prompt',
    });
    // No pause to see whether more prompts come: one more request fails after the prompt, and
    // what the expiry set off (the view's reload) is waited for; then there is still one prompt.
    api.services.session.noteError(await sinch.getOrganisations().catch((e: unknown) => e));
    await waitUntil(() => !api.model.loading, { timeout: 10_000, what: 'the views to settle after the expiry' });
    const prompts = user.shown.filter((m) => /Your Sinch session expired/.test(m.text));
    assert.equal(prompts.length, 1, user.transcript());
    assert.deepEqual(prompts[0].actions, ['Sign In']);
    assert.equal(api.services.session.isMarkedExpired(), true);
    assert.equal(api.services.session.signedIn, true, 'still signed in: the last data stays, marked stale');

    // Sign In from the prompt: the identity is pre-filled; afterwards the session works again.
    user.thenInput(DEMO.email).thenInput(DEMO.password);
    await run('sinchNumbers.signIn', { identity: DEMO.email });
    assert.equal(user.asked.at(-2)?.value, DEMO.email);
    assert.equal(api.services.session.isMarkedExpired(), false);
    await api.services.session.current().api.getOrganisations();
  });

  it('signing out removes every key the extension owns', async () => {
    await signInDemo();
    const user = await scriptedUser();
    user.thenModal('Sign Out');
    await run('sinchNumbers.signOut');
    assert.equal(user.asked.length, 0, 'one account: no pick');
    assert.deepEqual(
      user.shown.map((m) => [m.modal, m.text, m.actions]),
      [[true, `Sign out of ${DEMO.orgName} (${DEMO.email})?`, ['Sign Out']]],
      'a confirmation naming the account',
    );
    assert.equal(api.services.session.signedIn, false);
    assert.deepEqual(await keysLeft(api), []);
    assert.deepEqual(await vscode.authentication.getAccounts('sinch'), []);
  });

  it('two accounts: both in the Accounts menu, switch between them, sign out of one', async () => {
    const user = await scriptedUser();
    await signInThroughCommand(user, DEMO.email, DEMO.password);
    await signInThroughCommand(user, OTHER.email, OTHER.password);
    const { session } = api.services;
    assert.equal(session.accounts.length, 2);
    assert.equal(session.active?.organisationId, OTHER.orgId, 'the new account becomes active');
    assert.deepEqual((await vscode.authentication.getAccounts('sinch')).map((a) => a.label).sort(), [
      DEMO.email,
      OTHER.email,
    ]);

    let changes = 0;
    const sub = session.onDidChange(() => changes++);
    user.thenPick(/Acme/);
    await run('sinchNumbers.switchAccount');
    sub.dispose();
    assert.equal(session.active?.organisationId, DEMO.orgId);
    assert.equal(changes, 1, 'the switch fires one session change (the views listen to it)');
    const pick = user.asked.at(-1)!;
    assert.equal(pick.kind, 'pick');
    assert.deepEqual(
      pick.items!.filter((l) => l.startsWith('$(check)')),
      [`$(check) ${OTHER.orgName}`],
      'the active account is marked',
    );
    assert.ok(pick.items!.includes(`$(organization) ${DEMO.orgName}`));
    assert.match(pick.items!.at(-1)!, /Sign in to another account/);

    user.thenPick(OTHER.email);
    await run('sinchNumbers.signOut');
    assert.match(user.asked.at(-1)!.items!.at(-1)!, /All accounts/);
    assert.deepEqual(
      session.accounts.map((a) => a.organisationId),
      [DEMO.orgId],
    );
    const left = await Promise.all(OWNED_KEYS.map((k) => api.services.context.secrets.get(k)));
    assert.ok(!left.some((v) => v?.includes(OTHER.email)), 'nothing of the signed-out account is left');
  });

  it('follows sign-in and sign-out made by another window (SecretStorage changes)', async () => {
    const user = await scriptedUser();
    await signInThroughCommand(user, DEMO.email, DEMO.password);
    // Another window: its own SessionManager over the same SecretStorage.
    const otherWindow = new SessionManager(new AccountStore(api.services.context.secrets), () =>
      api.services.clients.get(),
    );
    await otherWindow.restore();
    await otherWindow.signIn({ type: 'email', endpoint: OTHER.email }, OTHER.password, {
      os: 'test',
      platform: 'another window',
    });
    await waitUntil(() => api.services.session.active?.organisationId === OTHER.orgId, {
      timeout: 5000,
      what: "the other window's sign-in",
    });
    assert.equal(api.services.session.accounts.length, 2);
    assert.deepEqual((await vscode.authentication.getAccounts('sinch')).map((a) => a.label).sort(), [
      DEMO.email,
      OTHER.email,
    ]);
    await otherWindow.signOutAll();
    await waitUntil(() => !api.services.session.signedIn, { timeout: 5000, what: "the other window's sign-out" });
    assert.deepEqual(await vscode.authentication.getAccounts('sinch'), []);
    otherWindow.dispose();
  });

  it('two windows signing in at the same moment: Sign Out › All accounts leaves no secret behind', async () => {
    // Two other windows: their own SessionManagers over the same SecretStorage, signing in at once
    // (each store starts from its own slot, so neither sign-in can take the other's place).
    const secrets = api.services.context.secrets;
    const windowA = new SessionManager(new AccountStore(secrets, () => 0.25), () => api.services.clients.get());
    const windowB = new SessionManager(new AccountStore(secrets, () => 0.75), () => api.services.clients.get());
    await Promise.all([
      windowA.signIn({ type: 'email', endpoint: DEMO.email }, DEMO.password, { os: 'test', platform: 'window A' }),
      windowB.signIn({ type: 'email', endpoint: OTHER.email }, OTHER.password, { os: 'test', platform: 'window B' }),
    ]);
    // This window follows both through SecretStorage.onDidChange, then signs out of all of them.
    await waitUntil(() => api.services.session.accounts.length === 2, {
      timeout: 5000,
      what: 'both accounts in this window',
    });
    const user = await scriptedUser();
    user.thenPick(/All accounts/);
    await run('sinchNumbers.signOut');
    assert.equal(api.services.session.signedIn, false, user.transcript());
    assert.deepEqual(await keysLeft(api), [], 'every key the extension ever wrote is gone');
    for (const w of [windowA, windowB]) {
      await w.restore();
      assert.equal(w.signedIn, false, 'the other windows see it');
      w.dispose();
    }
  });

  it('Test Connection: a short toast with the organisation; Show Report opens the round trip, clock offset and endpoints', async () => {
    await signInDemo();
    await simulator.setClockOffset(5 * 60_000);
    const user = await scriptedUser();
    user.onToast(/^Connected to Sinch/, 'Show Report');
    await simulator.resetCounters();
    const result = await run<{ text: string; report: string }>('sinchNumbers.testConnection');
    const counters = await simulator.counters();
    assert.equal(counters.login, 0, 'no log-in');
    assert.equal(counters.getOrganisation, 1);
    assert.equal(user.shown.length, 1, user.transcript());
    const m = user.shown[0];
    assert.equal(m.modal, false);
    assert.equal(m.text, 'Connected to Sinch as demo@example.com: organisation Acme (8888123).');
    assert.deepEqual(m.actions, ['Show Report']);
    const doc = await waitUntil(
      () => vscode.workspace.textDocuments.find((d) => /sinch-connection-.*\.txt$/.test(d.uri.path) && d.getText()),
      { timeout: 5000, what: 'the report document' },
    );
    assert.ok(doc);
    try {
      assert.equal(doc.uri.scheme, 'untitled');
      assert.equal(doc.languageId, 'plaintext');
      const text = doc.getText();
      assert.equal(text, result.report);
      assert.match(
        text,
        /^Connected to Sinch as demo@example\.com: organisation Acme \(8888123\)\.\nRound trip \d+ ms\.\n/,
      );
      assert.match(text, /\nClock offset: Sinch's clock is (4|5) min ahead of this computer's\.\n/);
      assert.match(
        text,
        new RegExp(`\\nEndpoints: ${simulator.url().replace(/[.:/]/g, '\\$&')} \\(all three APIs\\)\\.\\n`),
      );
    } finally {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('Test Connection with an expired session says so and prompts once', async () => {
    await signInDemo();
    await simulator.expireInstances();
    const user = await scriptedUser();
    await run('sinchNumbers.testConnection');
    await waitUntil(() => user.shown.length >= 2, { timeout: 5000, what: 'the error and the expiry prompt' });
    assert.ok(
      user.shown.some((m) => /no longer valid/.test(m.text)),
      user.transcript(),
    );
    assert.equal(user.shown.filter((m) => /Your Sinch session expired/.test(m.text)).length, 1);
  });

  it('http to a host other than this machine is refused, and the message says why', () => {
    assert.throws(
      () => resolveEndpoints((k) => (k === 'portalApi' ? 'http://portal.example.com' : undefined)),
      /sinchNumbers\.endpoints\.portalApi cannot be used: .* uses plain http to portal\.example\.com\. Credentials would travel unencrypted/,
    );
    assert.doesNotThrow(() => resolveEndpoints(() => simulator.url()));
  });

  it('Sign In and Test Connection surface an unusable endpoint setting before anything is sent', async () => {
    await signInDemo();
    const original = api.services.clients;
    // What the machine-scoped settings would give with endpoints.api = http://api.example.com.
    // The extension's own classes (api.testing): its errors must be instances of its own bundle's classes.
    api.services.clients = new api.testing.ClientProvider(
      () => ({
        endpoints: api.testing.resolveEndpoints((k) => (k === 'api' ? 'http://api.example.com' : undefined)),
        timeoutMs: 1000,
      }),
      () => undefined,
    );
    try {
      const user = await scriptedUser();
      await simulator.resetCounters();
      assert.equal(await run('sinchNumbers.signIn'), undefined);
      assert.equal(user.asked.length, 0, 'no one types a password that could not be sent safely');
      assert.match(
        user.shown[0]?.text ?? '',
        /^Cannot sign in: The setting sinchNumbers\.endpoints\.api cannot be used: .* uses plain http to api\.example\.com\. Credentials would travel unencrypted/,
        user.transcript(),
      );
      assert.deepEqual(user.shown[0].actions, ['Open Settings']);
      await run('sinchNumbers.testConnection');
      assert.match(
        user.shown[1]?.text ?? '',
        /^Cannot test the connection: The setting sinchNumbers\.endpoints\.api cannot be used: .* uses plain http/,
        user.transcript(),
      );
      const counters = await simulator.counters();
      assert.ok(
        Object.values(counters).every((n) => n === 0),
        JSON.stringify(counters),
      );
    } finally {
      api.services.clients = original;
    }
  });

  it('Show Log opens the log', async () => {
    let shown = 0;
    const original = api.services.log.show;
    api.services.log.show = () => {
      shown++;
    };
    try {
      await run('sinchNumbers.showLog');
    } finally {
      api.services.log.show = original;
    }
    assert.equal(shown, 1);
  });
});
