// What Open Sinch Dashboard may hand to the browser: the setting is machine-scoped, but a dev
// container or a profile can still supply it, and openExternal opens any scheme.
import { isLoopback } from '../sinch/guards';
import { InputError } from '../platform/errors';
import { plainText } from '../platform/safeText';
import { l10n } from '../platform/l10n';

/**
 * Returns the dashboard URL when it is https (or http to this computer), without a user name
 * or password in it; otherwise throws InputError naming the setting and what is wrong.
 */
export function checkDashboardUrl(value: unknown): string {
  const text = typeof value === 'string' ? value.trim() : '';
  const shown = plainText(text, 80);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError(
      l10n.t('The setting sinchNumbers.dashboardUrl is not a web address: "{0}". Set it to an https address.', shown),
    );
  }
  const safeScheme = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
  if (!safeScheme) {
    throw new InputError(
      l10n.t(
        'The setting sinchNumbers.dashboardUrl must be an https address (http only to this computer), not "{0}".',
        shown,
      ),
    );
  }
  if (url.username !== '' || url.password !== '') {
    // "https://dashboard.sinch.com@evil.example" goes to evil.example.
    throw new InputError(
      l10n.t(
        'The setting sinchNumbers.dashboardUrl must not contain a user name or password: "{0}" would open {1}.',
        shown,
        url.host,
      ),
    );
  }
  return url.href;
}
