// Everything about being signed in: the commands, the context key, the status bar, the
// Accounts-menu provider, the expiry notice and the sync with other windows.
import * as vscode from 'vscode';
import { Commands, ContextKeys } from '../../constants';
import type { Services } from '../../services';
import { registerAuthProvider, SinchAuthenticationProvider } from './authProvider';
import { ExpiryWatcher, realClock, type ExpiryNotice } from '../expiryWatcher';
import { registerCommand } from '../../platform/vscode/runCommand';
import { registerAccountStatusBar } from './statusBar';
import { signIn, type SignInArgs } from './signIn';
import { signOut, type SignOutArgs } from './signOut';
import { switchAccount } from './switchAccount';
import { testConnection } from './testConnection';
import { l10n } from '../../platform/l10n';
import { followUpTitle } from '../../platform/errors';
import { isRecord } from '../../platform/isRecord';
import { describeNews } from '../dialectNews';
import { config } from '../../platform/vscode/config';
import { SignedInElsewhereError, signedInHere } from '../accountEndpoints';
import type { AccountStatusFacts } from '../accountStatusFacts';

/**
 * Registers the session features. The numbers model is not called from here: it listens to
 * session.onDidChange, which every sign-in, switch and sign-out fires.
 */
export function registerSessionFeatures(services: Services, deps: { statusFacts: AccountStatusFacts }): void {
  const { context, session } = services;
  const setSignedIn = () => void vscode.commands.executeCommand('setContext', ContextKeys.signedIn, session.signedIn);
  // False until restore() has read SecretStorage (it fires onDidChange when it finds accounts).
  setSignedIn();

  const provider = new SinchAuthenticationProvider(session, async (identity) => {
    try {
      return await signIn(services, { identity });
    } catch {
      return undefined; // cancelled: the provider reports "did not complete"
    }
  });

  context.subscriptions.push(
    session.onDidChange(setSignedIn),
    registerAccountStatusBar(services, deps.statusFacts),
    provider,
    registerAuthProvider(provider),
    new ExpiryWatcher(session, (notice) => showExpiryNotice(services, notice), {
      ...realClock,
      now: services.now,
    }),
    // Another window signed in or out: reload from SecretStorage (no network).
    session.dialect.onDidLearn((news) => services.log.info(describeNews(news))),
    context.secrets.onDidChange((e) => {
      if (e.key.startsWith('sinchNumbers.'))
        void session.restore().catch((err) => services.log.error(err instanceof Error ? err : String(err)));
    }),
    // A dev container or a profile changed the endpoint settings: the account stays where it signed in.
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (config.affectsClient(e)) warnIfSignedInElsewhere(services);
    }),
    registerCommand(services, Commands.signIn, (args?: SignInArgs) =>
      signIn(services, isRecord(args) ? args : undefined),
    ),
    registerCommand(services, Commands.signOut, (args?: SignOutArgs) =>
      signOut(services, isRecord(args) ? args : undefined),
    ),
    registerCommand(services, Commands.switchAccount, () => switchAccount(services)),
    registerCommand(services, Commands.testConnection, () => testConnection(services)),
    registerCommand(services, Commands.showLog, () => services.log.show()),
  );
}

/** The one prompt per session end; not awaited by the watcher, so a toast left open blocks nothing. */
function showExpiryNotice(services: Services, notice: ExpiryNotice): void {
  const { account } = notice;
  const text =
    notice.kind === 'expired'
      ? l10n.t(
          'Your Sinch session expired. Sign in again as {0} to see current data; until then the last data loaded is shown.',
          account.identity.endpoint,
        )
      : l10n.t(
          'Your Sinch session for {0} ends in {1} minutes. Sign in again to keep working without interruption.',
          account.organisationName || account.organisationId,
          Math.max(1, Math.round((notice.msLeft ?? 0) / 60_000)),
        );
  services.log.info(`Session ${notice.kind} for organisation ${account.organisationId}.`);
  const signIn = () =>
    vscode.commands.executeCommand(Commands.signIn, { identity: account.identity.endpoint } satisfies SignInArgs);
  services.messages.show({ severity: 'warning', text, buttons: [{ title: followUpTitle('signIn'), run: signIn }] });
}

/**
 * Once per change of the endpoint settings: when they no longer name the hosts the active
 * account signed in at, its requests are not sent (session.current() refuses); say so and
 * offer to sign in at the new hosts.
 */
function warnIfSignedInElsewhere(services: Services): void {
  const account = services.session.active;
  if (!account) return;
  let current;
  try {
    current = services.clients.get().endpoints;
  } catch {
    return; // unusable settings: Sign In and Test Connection say why
  }
  if (signedInHere(account, current)) return;
  const error = new SignedInElsewhereError(account, current);
  services.log.warn(
    'The endpoint settings changed; the active account signed in at other hosts is not used until it signs in again.',
  );
  services.messages.show({
    severity: 'warning',
    text: error.message,
    buttons: services.messages.followUps(['signIn']),
  });
}
