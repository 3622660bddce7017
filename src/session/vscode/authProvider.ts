import * as vscode from 'vscode';
import { AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL } from '../../constants';
import type { StoredAccount } from '../account';
import type { SessionManager } from '../sessionManager';
import { l10n } from '../../platform/l10n';

/**
 * The session VS Code sees for one stored account. `accessToken` is deliberately NOT the
 * instance secret: sessions are handed to any extension the user grants access to, and
 * VS Code keeps them in its own caches, so the secret would leave SecretStorage. The
 * account id is an opaque, non-secret value; nothing can sign a Sinch request with it.
 */
export function toAuthenticationSession(account: StoredAccount): vscode.AuthenticationSession {
  return {
    id: account.id,
    accessToken: account.id,
    account: { id: account.id, label: account.identity.endpoint },
    scopes: [],
  };
}

/**
 * Puts the signed-in Sinch accounts in VS Code's Accounts menu (one session per stored
 * account), so they can be seen and signed out there; signing in from there runs our flow.
 */
export class SinchAuthenticationProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  private known = new Map<string, vscode.AuthenticationSession>();
  private readonly subscription: { dispose(): unknown };

  constructor(
    private readonly session: SessionManager,
    /** Runs the sign-in flow; resolves undefined when it failed or was cancelled. */
    private readonly signIn: (identity?: string) => Promise<StoredAccount | undefined>,
  ) {
    this.known = this.snapshot();
    this.subscription = session.onDidChange(() => this.publish());
  }

  async getSessions(
    _scopes: readonly string[] | undefined,
    options?: vscode.AuthenticationProviderSessionOptions,
  ): Promise<vscode.AuthenticationSession[]> {
    // Sinch has no scopes: every account's session answers any request.
    const all = this.session.accounts.map(toAuthenticationSession);
    return options?.account
      ? all.filter((s) => s.account.id === options.account?.id || s.account.label === options.account?.label)
      : all;
  }

  async createSession(
    _scopes: readonly string[],
    options?: vscode.AuthenticationProviderSessionOptions,
  ): Promise<vscode.AuthenticationSession> {
    const account = await this.signIn(options?.account?.label);
    if (!account) throw new Error(l10n.t('Signing in to Sinch did not complete.'));
    this.publish();
    return toAuthenticationSession(account);
  }

  async removeSession(sessionId: string): Promise<void> {
    if (this.session.accounts.some((a) => a.id === sessionId)) await this.session.signOut(sessionId);
    this.publish();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  /** Tells VS Code what was added, removed or changed since the last time (once per change). */
  private publish(): void {
    const next = this.snapshot();
    const added = [...next.values()].filter((s) => !this.known.has(s.id));
    const removed = [...this.known.values()].filter((s) => !next.has(s.id));
    const changed = [...next.values()].filter((s) => {
      const before = this.known.get(s.id);
      return before !== undefined && before.account.label !== s.account.label;
    });
    this.known = next;
    if (added.length || removed.length || changed.length) this.changed.fire({ added, removed, changed });
  }

  private snapshot(): Map<string, vscode.AuthenticationSession> {
    return new Map(this.session.accounts.map((a) => [a.id, toAuthenticationSession(a)]));
  }
}

/** Registers the provider under the id the manifest declares (`contributes.authentication`). */
export function registerAuthProvider(provider: SinchAuthenticationProvider): vscode.Disposable {
  return vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, provider, {
    supportsMultipleAccounts: true,
  });
}
