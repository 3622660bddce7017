import * as os from 'node:os';
import * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { Services } from '../../services';
import type { StoredAccount } from '../account';
import type { SignInStep } from '../sessionManager';
import { classifySignInFailure, identityProblem, type SignInAction, type SignInFailure } from '../signInErrors';
import { askOrganisation } from '../organisationChoice';
import { parseIdentity } from '../../sinch/guards';
import type { Endpoints, Identity, InstanceVersion } from '../../sinch/types';
import { customHosts, hostsOf } from '../accountEndpoints';
import { BACK, type Back } from '../../platform/prompter';
import { errorSummary, UserCancelled } from '../../platform/errors';
import { withCancellableProgress } from '../../platform/vscode/progress';
import { l10n } from '../../platform/l10n';
import type { Button } from '../../platform/messages';

/** The optional argument of `sinchNumbers.signIn` (the expiry prompt pre-fills the identity). */
export interface SignInArgs {
  identity?: string;
}

/** What this host is, for the instance's mandatory `version` (honest values, nothing secret). */
export function hostVersion(): InstanceVersion {
  return { os: `${os.type()} ${os.release()} (${process.arch})`, platform: `VS Code ${vscode.version}` };
}

function stepText(step: SignInStep): string {
  switch (step) {
    case 'login':
      return l10n.t('Checking the email or phone number and password…');
    case 'createInstance':
      return l10n.t('Opening a session…');
    case 'getOrganisation':
      return l10n.t('Reading your organisation…');
    case 'chooseOrganisation':
      return l10n.t('Choosing the organisation…');
    case 'store':
      return l10n.t('Saving the session in the secret storage…');
  }
}

/**
 * Asks for the identity, then the password; logs in, creates an instance and reads the
 * organisation under one cancellable progress. A wrong password brings the boxes back with
 * the identity kept. Resolves the account, or undefined when it failed (already shown);
 * throws UserCancelled on Escape.
 */
export async function signIn(services: Services, args?: SignInArgs): Promise<StoredAccount | undefined> {
  let identityText = typeof args?.identity === 'string' ? args.identity.trim() : '';

  // Unusable endpoints (e.g. plain http to another host): say so before anyone types a password.
  let endpoints: Endpoints;
  try {
    endpoints = services.clients.get().endpoints;
  } catch (error) {
    return fail(services, classifySignInFailure(error, undefined), identityText);
  }

  let notice: string | undefined;
  for (;;) {
    const credentials = await askCredentials(services, endpoints, identityText, notice);
    identityText = credentials.typed;
    if (credentials.password === BACK) {
      notice = undefined;
      continue;
    }
    const { identity, password } = credentials;
    let step: SignInStep | undefined;
    try {
      const account = await withCancellableProgress(services, l10n.t('Signing in to Sinch'), (report, signal) =>
        services.session.signIn(
          identity,
          password,
          hostVersion(),
          signal,
          (s) => {
            step = s;
            report(stepText(s));
          },
          askOrganisation(services.prompter),
        ),
      );
      services.log.info(`Signed in to organisation ${account.organisationName ?? ''} (${account.organisationId}).`);
      return account;
    } catch (error) {
      const failure = classifySignInFailure(error, step);
      if (failure.kind === 'cancelled') throw new UserCancelled();
      if (failure.kind === 'wrongCredentials') {
        services.log.info('Sign-in refused: wrong email, phone number or password.');
        notice = l10n.t(
          'Email or password is incorrect. Check the email address or phone number, then enter the password again.',
        );
        continue;
      }
      services.log.error(`Sign-in failed at ${step ?? 'start'}: ${errorSummary(error)}`);
      return fail(services, failure, identityText, error);
    }
  }
}

/**
 * The two boxes: identity (checked inline), then the password (masked). Back from the
 * password gives password BACK, so the caller asks for the identity again (keeping what was
 * typed); Escape throws UserCancelled. Hosts other than Sinch's own are named in both.
 */
async function askCredentials(
  services: Services,
  endpoints: Endpoints,
  identityText: string,
  notice: string | undefined,
): Promise<{ identity: Identity; typed: string; password: string | Back }> {
  const hosts = customHosts(endpoints);
  const title = hosts ? l10n.t('Sign In to Sinch at {0}', hosts) : l10n.t('Sign In to Sinch');
  let typed = identityText;
  for (;;) {
    const answer = await services.prompter.input({
      title,
      step: 1,
      totalSteps: 2,
      prompt: notice ?? l10n.t('The email address or phone number of your Sinch account'),
      placeholder: l10n.t('name@example.com or +12055500000'),
      value: typed,
      validate: identityProblem,
    });
    if (answer === undefined) throw new UserCancelled();
    if (answer !== BACK) {
      typed = answer.trim();
      break;
    }
  }
  const identity = parseIdentity(typed);
  const password = await services.prompter.input({
    title,
    step: 2,
    totalSteps: 2,
    prompt: passwordPrompt(identity, hosts ? hostsOf(endpoints, ['userApi']) : undefined),
    password: true,
    validate: (v) => (v === '' ? l10n.t('Enter your password.') : undefined),
  });
  if (password === undefined) throw new UserCancelled();
  return { identity, typed, password };
}

/** What the password box says; `host` is where the password goes, when it is not Sinch's own. */
function passwordPrompt(identity: Identity, host: string | undefined): string {
  if (identity.type === 'email')
    return host
      ? l10n.t('The password of {0}, sent to {1}', identity.endpoint, host)
      : l10n.t('The password of {0}', identity.endpoint);
  return host
    ? l10n.t('The password of the account with number {0}, sent to {1}', identity.endpoint, host)
    : l10n.t('The password of the account with number {0}', identity.endpoint);
}

/** The buttons of a failed sign-in: Try Again and the endpoint settings are its own; the rest are the shared follow-ups. */
function signInButtons(
  services: Services,
  actions: readonly SignInAction[],
  identity: string,
  error: unknown,
): Button[] {
  return actions.flatMap((action): Button[] => {
    if (action === 'tryAgain')
      return [
        {
          title: l10n.t('Try Again'),
          run: () => vscode.commands.executeCommand(Commands.signIn, { identity } satisfies SignInArgs),
        },
      ];
    if (action === 'openEndpointSettings') return [{ title: l10n.t('Open Settings'), run: openEndpointSettings }];
    return services.messages.followUps([action === 'openProxySettings' ? 'proxySettings' : action], undefined, error);
  });
}

/** The endpoint settings, where an unusable endpoint is mended. */
export function openEndpointSettings(): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openSettings', 'sinchNumbers.endpoints');
}

/** Shows the failure with its ways forward; not awaited, so the command returns at once. */
function fail(services: Services, failure: SignInFailure, identity: string, error?: unknown): undefined {
  if (failure.kind === 'failed')
    services.messages.show({
      severity: 'error',
      text: failure.text,
      buttons: signInButtons(services, failure.actions, identity, error),
    });
  return undefined;
}
