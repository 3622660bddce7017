// Credentials go only where the user signed in. The endpoint settings change under a signed-in
// account (as a dev container's machine settings would): from the simulator at 127.0.0.1 to the
// same simulator as "localhost", another host name. Nothing signed goes anywhere until the user
// signs in there; the prompts then name the host; Open Sinch Dashboard opens only https.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { StoredAccount } from '../../src/session/account';
import { DEMO, waitUntil, freshStart, scriptedUser, signInDemo, simulator } from './support';

const ENDPOINTS = ['userApi', 'api', 'portalApi'] as const;

/** The VS Code server's machine settings file (<user-data>/Machine/settings.json). */
function machineSettingsFile(api: ExtensionApi): string {
  const userDir = path.dirname(path.dirname(api.services.context.globalStorageUri.fsPath));
  return path.join(path.dirname(userDir), 'Machine', 'settings.json');
}

/** Rewrites the machine settings file with all three endpoints at once, as a dev container supplies them. */
async function pointEndpointsAt(api: ExtensionApi, base: string): Promise<void> {
  const file = machineSettingsFile(api);
  const settings = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  for (const k of ENDPOINTS) settings[`sinchNumbers.endpoints.${k}`] = base;
  fs.writeFileSync(file, JSON.stringify(settings, null, 2));
  await waitUntil(() => api.services.clients.get().endpoints.api === base, {
    timeout: 10_000,
    what: `the client to use ${base}`,
  });
}

async function requestsSent(): Promise<number> {
  return Object.values(await simulator.counters()).reduce((a, b) => a + b, 0);
}

describe('reliability: credentials go only where the user signed in', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  const here = () => simulator.url();
  const elsewhere = () => simulator.url().replace('127.0.0.1', 'localhost');
  const hostOf = (url: string) => new URL(url).host;

  before(async () => {
    api = await freshStart();
    await vscode.commands.executeCommand('sinchNumbers.numbers.focus');
  });
  after(async () => {
    await pointEndpointsAt(api, here());
    await api.services.session.signOutAll();
    await vscode.workspace
      .getConfiguration('sinchNumbers')
      .update('dashboardUrl', undefined, vscode.ConfigurationTarget.Global);
  });

  it('endpoints moved to another host: a warning with Sign In, and not one signed request to either host', async () => {
    const account = await signInDemo();
    assert.equal(account.endpoints?.api, here(), 'the account remembers where it signed in');
    await api.model.refresh({ fresh: true });
    const user = await scriptedUser();
    await pointEndpointsAt(api, elsewhere());

    const warning = (await waitUntil(() => user.shown.find((m) => /endpoint settings now point to/.test(m.text)), {
      timeout: 5000,
      what: 'the warning',
    }))!;
    assert.equal(
      warning.text,
      `${DEMO.email} is signed in at ${hostOf(here())}, but the endpoint settings now point to ${hostOf(elsewhere())}. Its credentials are not sent there: sign in at ${hostOf(elsewhere())}, or change the settings back.`,
    );
    assert.deepEqual([warning.severity, warning.actions], ['warning', ['Sign In']]);

    await simulator.resetCounters();
    await vscode.commands.executeCommand('sinchNumbers.refresh');
    assert.match(
      api.view.treeView?.message ?? '',
      /Couldn't refresh the numbers: demo@example\.com is signed in at 127\.0\.0\.1:\d+, but the endpoint settings now point to localhost:\d+\..*may be out of date/,
    );
    const first = api.view.provider?.getChildren()[0];
    assert.equal(first?.kind === 'message' && first.command?.command, 'sinchNumbers.signIn', 'the tree offers Sign In');
    await vscode.commands.executeCommand('sinchNumbers.rentNumbers');
    await vscode.commands.executeCommand('sinchNumbers.testConnection');
    const refusals = await waitUntil(() => user.shown.filter((m) => m.severity === 'error'), {
      timeout: 5000,
      what: 'the commands to say why',
    });
    assert.ok(
      refusals.length >= 2 &&
        refusals.every(
          (m) => /is signed in at .* Its credentials are not sent there/.test(m.text) && m.actions.includes('Sign In'),
        ),
      user.transcript(),
    );
    assert.equal(user.asked.length, 0, 'no flow started');
    assert.equal(
      user.shown.filter((m) => m.severity === 'warning').length,
      1,
      'one warning for one change of the settings',
    );
    assert.equal(await requestsSent(), 0, 'not one request, to the old host or the new one');
  });

  it('Sign In there names the host in both boxes; afterwards the account works there', async () => {
    const user = await scriptedUser();
    user.thenInput(DEMO.email).thenInput(DEMO.password);
    const account = await vscode.commands.executeCommand<StoredAccount | undefined>('sinchNumbers.signIn', {
      identity: DEMO.email,
    });
    assert.ok(account, user.transcript());
    assert.equal(user.asked[0].title, `Sign In to Sinch at ${hostOf(elsewhere())}`);
    assert.equal(user.asked[1].prompt, `The password of ${DEMO.email}, sent to ${hostOf(elsewhere())}`);
    assert.equal(account.endpoints?.api, elsewhere());
    await api.model.refresh({ fresh: true });
    assert.equal(api.model.lastError, undefined);
    assert.ok((await simulator.counters()).listNumbers >= 1);
  });

  it('Open Sinch Dashboard refuses anything but https (http only to this computer) before opening', async () => {
    const user = await scriptedUser();
    const opened: string[] = [];
    const original = vscode.env.openExternal;
    // Record instead of opening a browser; the extension calls vscode.env.openExternal.
    (vscode.env as { openExternal: typeof original }).openExternal = async (uri) => {
      opened.push(uri.toString(true));
      return true;
    };
    try {
      const section = vscode.workspace.getConfiguration('sinchNumbers');
      await section.update('dashboardUrl', 'javascript:alert(1)', vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('sinchNumbers.openDashboard');
      await waitUntil(() => user.shown.length > 0, { timeout: 5000, what: 'the refusal' });
      // Messages' guard shows the refused value with its scheme's colon made full-width: no URI.
      assert.match(
        user.shown[0].text,
        /sinchNumbers\.dashboardUrl must be an https address .*not "javascript\uff1aalert\(1\)"/,
      );
      await section.update('dashboardUrl', 'https://dashboard.sinch.com/numbers', vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('sinchNumbers.openDashboard');
      assert.deepEqual(opened, ['https://dashboard.sinch.com/numbers']);
    } finally {
      (vscode.env as { openExternal: typeof original }).openExternal = original;
    }
  });
});
