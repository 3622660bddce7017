// The secrets scan: a whole session (a wrong password, sign in, refresh through a 503, rent,
// assign, unassign, Test Connection, sign out) at trace log level, then everything the extension
// or VS Code keeps outside SecretStorage is searched for the password, the user token, the
// instance secret and any Authorization value, as they are and base64- or URL-encoded.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { SinchClient } from '../../src/sinch/client';
import { ownedSecretKeys } from '../../src/session/accountStore';
import { DEMO, DEMO_APP, waitUntil, EXTENSION_ID, freshStart, numberNode, scriptedUser, simulator } from './support';

const FREE_VOICE = 14150005550;
const ON_DEMO_APP = 14150005551;
const WRONG_PASSWORD = 'wrong-Pa$$word/ü';
const APPLICATION_KEY = '669762D5-2B10-44E0-8418-BC9EE4457555';

interface Needle {
  what: string;
  text: string;
}
interface Haystack {
  where: string;
  text: string;
}

/** The substrings any base64 encoding containing `s` must contain, whatever its alignment. */
function base64Cores(s: string): string[] {
  const bytes = Buffer.from(s, 'utf8');
  const out: string[] = [];
  for (let pad = 0; pad < 3; pad++) {
    const encoded = Buffer.concat([Buffer.alloc(pad, 0x41), bytes]).toString('base64');
    // Characters touched by the padding or by whatever follows are dropped.
    const start = Math.ceil((pad * 4) / 3);
    const end = Math.floor(((pad + bytes.length) * 4) / 3);
    const core = encoded.slice(start, end);
    if (core.length >= 8) out.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...new Set(out)];
}

/** A secret as it is, URL-encoded (both ways) and base64-encoded (standard and URL alphabets). */
function variants(what: string, secret: string): Needle[] {
  const forms = new Map<string, string>([[secret, 'plain']]);
  forms.set(encodeURIComponent(secret), 'URL-encoded');
  forms.set(encodeURIComponent(secret).replace(/%20/g, '+'), 'form-encoded');
  forms.set(JSON.stringify(secret).slice(1, -1), 'JSON-escaped');
  for (const core of base64Cores(secret)) forms.set(core, 'base64');
  return [...forms].map(([text, how]) => ({ what: `${what} (${how})`, text }));
}

function findings(needles: readonly Needle[], haystacks: readonly Haystack[]): string[] {
  const found: string[] = [];
  for (const h of haystacks) {
    for (const n of needles) if (h.text.includes(n.text)) found.push(`${n.what} in ${h.where}`);
    // The shapes, whatever their value: a user token, an Instance or User Authorization value.
    if (/eyJhcHBsaWNhdGlvbktleSI6[A-Za-z0-9+/=]*:/.test(h.text))
      found.push(`a user token (base64 JSON with applicationKey) in ${h.where}`);
    if (/Instance [^\s:"]+:[A-Za-z0-9+/=]{20,}/.test(h.text))
      found.push(`an Instance Authorization value in ${h.where}`);
    if (/User [A-Za-z0-9+/=]{20,}/.test(h.text)) found.push(`a User Authorization value in ${h.where}`);
  }
  return found;
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(p));
    else if (entry.isFile()) out.push(p);
  }
  return out;
}

function readFiles(label: string, files: readonly string[]): Haystack[] {
  // Binary files (SQLite) are read as latin1 so any UTF-8 secret's bytes still match as text.
  return files.map((f) => ({
    where: `${label}: ${f}`,
    text: fs.readFileSync(f).toString('latin1') + '\n' + fs.readFileSync(f, 'utf8'),
  }));
}

describe('reliability: secrets scan', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let levelBefore: vscode.LogLevel | undefined;

  /** The Output view's own "Set Log Level" for our channel (the level a user picks from its gear menu). */
  async function setChannelLevel(level: vscode.LogLevel): Promise<void> {
    const channel = api.services.log.channel;
    await waitUntil(
      async () => {
        channel.show(true); // the command acts on the channel the Output view shows
        await vscode.commands.executeCommand(`workbench.action.output.activeOutputLogLevel.${level}`);
        return channel.logLevel === level;
      },
      { timeout: 10_000, what: `the log channel at level ${level}` },
    );
  }

  before(async () => {
    api = await freshStart();
  });

  after(async () => {
    if (levelBefore !== undefined) await setChannelLevel(levelBefore);
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await simulator.faults.clear();
    await simulator.reset('demo');
    await api.services.session.signOutAll();
  });

  it('after a whole session at trace level, no secret is anywhere outside SecretStorage', async () => {
    const { log, context, session } = api.services;
    levelBefore = log.channel.logLevel;
    const t0 = Date.now();
    await setChannelLevel(vscode.LogLevel.Trace);
    console.log(`      log channel at trace in ${Date.now() - t0} ms (was ${vscode.LogLevel[levelBefore]})`);

    // Everything written to the log channel, whatever reaches the file.
    const channel = log.channel as unknown as Record<string, (...a: unknown[]) => void>;
    const lines: string[] = [];
    const originals = new Map<string, (...a: unknown[]) => void>();
    for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'appendLine', 'append', 'replace']) {
      originals.set(level, channel[level]);
      channel[level] = (...a: unknown[]) => {
        lines.push(
          a
            .map((x) =>
              x instanceof Error
                ? `${x.name}: ${x.message}\n${x.stack ?? ''}`
                : typeof x === 'string'
                  ? x
                  : JSON.stringify(x),
            )
            .join(' '),
        );
        return originals.get(level)!.apply(log.channel, a);
      };
    }

    let instanceSecret: string;
    let instanceId: string;
    /** Test Connection's report (the document its Show Report opens). */
    const reports: string[] = [];
    const user = await scriptedUser();
    try {
      // A wrong password first (its value must not leak either), then the right one.
      user.thenInput(DEMO.email).thenInput(WRONG_PASSWORD).thenInput(DEMO.email).thenInput(DEMO.password);
      await vscode.commands.executeCommand('sinchNumbers.signIn');
      assert.ok(session.signedIn, user.transcript());
      const account = session.active!;
      instanceSecret = account.instanceSecret;
      instanceId = account.instanceId;
      assert.ok(instanceSecret.length >= 20);

      await vscode.commands.executeCommand('sinchNumbers.numbers.focus');
      await waitUntil(() => !api.model.loading, { timeout: 5000, what: 'the first refresh' });
      await simulator.faults.inject('listNumbers', { kind: 'unavailable' }); // a retry, logged at debug
      await vscode.commands.executeCommand('sinchNumbers.refresh');
      assert.equal(api.model.lastError, undefined);

      user.thenPick('Paris').thenInput('1').thenModal('Rent');
      await vscode.commands.executeCommand('sinchNumbers.rentNumbers');
      assert.ok(
        user.shown.some((m) => /^Rented/.test(m.text)),
        user.transcript(),
      );

      const free = numberNode(api, FREE_VOICE);
      user.thenPick(DEMO_APP);
      await vscode.commands.executeCommand('sinchNumbers.assignNumbers', free, [free]);
      assert.ok(
        user.shown.some((m) => /^Assigned/.test(m.text)),
        user.transcript(),
      );

      const onApp = numberNode(api, ON_DEMO_APP);
      user.thenModal('Unassign');
      await vscode.commands.executeCommand('sinchNumbers.unassignNumbers', onApp, [onApp]);
      assert.ok(
        user.shown.some((m) => /^Unassigned/.test(m.text)),
        user.transcript(),
      );

      const tested = (await vscode.commands.executeCommand('sinchNumbers.testConnection')) as { report: string };
      reports.push(tested.report);
      user.thenModal('Sign Out');
      await vscode.commands.executeCommand('sinchNumbers.signOut');
      assert.equal(session.signedIn, false);
    } finally {
      for (const [level, f] of originals) channel[level] = f;
    }

    // A user token of our own, to know its shape (the extension's is never kept anywhere).
    const client = new SinchClient({
      endpoints: { userApi: simulator.url(), api: simulator.url(), portalApi: simulator.url() },
    });
    const ownToken = (await client.login({ type: 'email', endpoint: DEMO.email }, DEMO.password)).authorization;
    assert.ok(ownToken.startsWith('eyJhcHBsaWNhdGlvbktleSI6'), 'a token is base64 JSON starting with applicationKey');

    // ---- where to look
    const marker = `secrets-scan-end-${Date.now()}`;
    log.info(marker);
    const logDir = context.logUri.fsPath;
    const logFile = (await waitUntil(
      () => filesUnder(logDir).find((f) => fs.readFileSync(f, 'utf8').includes(marker)),
      { timeout: 10_000, what: `the log file under ${logDir} to be flushed` },
    )) as string;
    const logText = fs.readFileSync(logFile, 'utf8');
    assert.match(
      logText,
      /\[trace\] GET \/v1\/organisations\/id\/8888123\/numbers → 200/,
      'trace lines reached the file',
    );
    assert.match(
      logText,
      /\[debug\] GET \/v1\/organisations\/id\/8888123\/numbers → 503/,
      'debug lines reached the file',
    );
    // The logs of the whole session (every channel and process), beside ours.
    const logsRoot = path.dirname(path.dirname(logDir));

    const globalStorage = context.globalStorageUri.fsPath;
    const userDir = path.dirname(path.dirname(globalStorage)); // <user-data>/User
    const dataDir = path.dirname(userDir);
    const workspaceSettings = (vscode.workspace.workspaceFolders ?? []).map((f) =>
      path.join(f.uri.fsPath, '.vscode', 'settings.json'),
    );
    const settingsFiles = [
      path.join(userDir, 'settings.json'),
      path.join(dataDir, 'Machine', 'settings.json'),
      ...workspaceSettings,
    ].filter((f) => fs.existsSync(f));
    assert.ok(
      settingsFiles.some((f) => f.endsWith(path.join('Machine', 'settings.json'))),
      `the machine settings are at ${dataDir}/Machine`,
    );

    const memento = (m: vscode.Memento) =>
      m
        .keys()
        .map((k) => `${k}=${JSON.stringify(m.get(k))}`)
        .join('\n');
    const properties = Object.keys(
      vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.configuration.properties as Record<
        string,
        unknown
      >,
    );
    const settingScopes = properties
      .map((k) => `${k}=${JSON.stringify(vscode.workspace.getConfiguration().inspect(k))}`)
      .join('\n');

    const storageFiles = [
      ...filesUnder(globalStorage),
      ...(context.storageUri ? filesUnder(context.storageUri.fsPath) : []),
      // globalState and workspaceState live in these databases.
      ...filesUnder(path.join(userDir, 'globalStorage')).filter((f) => /state\.vscdb/.test(f)),
      ...filesUnder(path.join(userDir, 'workspaceStorage')).filter((f) => /state\.vscdb/.test(f)),
    ];
    const logFiles = filesUnder(logsRoot);
    const haystacks: Haystack[] = [
      { where: 'globalState', text: memento(context.globalState) },
      { where: 'workspaceState', text: memento(context.workspaceState) },
      { where: 'settings (every scope of every sinchNumbers.* setting)', text: settingScopes },
      { where: 'the log channel (every call)', text: lines.join('\n') },
      { where: "Test Connection's report", text: reports.join('\n') },
      ...readFiles('settings file', settingsFiles),
      ...readFiles('storage', [...new Set(storageFiles)]),
      ...readFiles('log file', logFiles),
    ];

    const needles: Needle[] = [
      ...variants('the password', DEMO.password),
      ...variants('the wrong password', WRONG_PASSWORD),
      ...variants('the instance secret', instanceSecret),
      ...variants('an Instance Authorization', `Instance ${instanceId}:`),
      ...variants('the Application Authorization', `Application ${APPLICATION_KEY}`),
      ...variants('the application key', APPLICATION_KEY),
      ...variants('a user token', ownToken),
      ...variants('a user token prefix', ownToken.slice(0, 40)),
    ];

    // The detector finds each secret where it is (a positive control), then nothing where it must not be.
    for (const planted of [DEMO.password, instanceSecret, ownToken, `Instance ${instanceId}:abc`]) {
      const forms = [
        planted,
        encodeURIComponent(planted),
        Buffer.from(`x${planted}y`).toString('base64'),
        Buffer.from(`xy${planted}`).toString('base64url'),
      ];
      for (const form of forms)
        assert.ok(
          findings(needles, [{ where: 'control', text: `before ${form} after` }]).length > 0,
          `the scan would find ${form}`,
        );
    }
    const found = findings(needles, haystacks);
    const bytes = haystacks.reduce((n, h) => n + h.text.length, 0);
    console.log(
      `      log folder ${logsRoot}; user data ${dataDir}; storage ${globalStorage} (${fs.existsSync(globalStorage) ? 'exists' : 'never created'})`,
    );
    console.log(
      `      scanned ${haystacks.length} places (${settingsFiles.length} settings files, ${storageFiles.length} storage files, ${logFiles.length} log files incl. ${path.basename(logFile)}; ${lines.length} log calls), ${(bytes / 1024).toFixed(0)} KiB, for ${needles.length} needles: ${found.length} found`,
    );
    assert.deepEqual(found, [], 'no secret outside SecretStorage');

    // And the identity is masked in the log's request lines.
    assert.ok(!lines.some((l) => l.includes(DEMO.email)), 'the email is never logged in full');
    // Sign-out removed every key the extension owns.
    for (const key of ownedSecretKeys([`email:${DEMO.email}`]))
      assert.equal(await context.secrets.get(key), undefined, key);
  });
});
