/**
 * What may leave the client about a request: the log-in path carries the user's identity, and
 * node-fetch's errors quote whole URLs. Both go through here before they reach a log, an error
 * or the clipboard.
 */

const LOGIN_PATH = /^(\/?v1\/users\/(?:email|number)\/)([^/?#]+)(\/authentication.*)$/;

/**
 * Masks the identity in the log-in path `/v1/users/{type}/{identity}/authentication`
 * (`d***@example.com`, `+1205****000`); other paths carry no personal data and pass through.
 */
export function redactPath(path: string): string {
  const m = LOGIN_PATH.exec(path);
  if (!m) return path;
  return `${m[1]}${maskIdentity(safeDecode(m[2]))}${m[3]}`;
}

/**
 * node-fetch's errors quote the whole URL, and the log-in URL holds the email: keep the
 * cause for debugging, with every URL's path passed through `redactPath`.
 */
export function redactedCause(err: unknown): Error | undefined {
  if (!(err instanceof Error)) return undefined;
  const safe = new Error(
    err.message.replace(/https?:\/\/[^\s,]+/g, (u) => {
      try {
        const url = new URL(u);
        return `${url.origin}${redactPath(url.pathname)}`;
      } catch {
        return '<url>';
      }
    }),
  );
  safe.name = err.name;
  return safe;
}

function maskIdentity(identity: string): string {
  const at = identity.lastIndexOf('@');
  if (at >= 0) return `${identity.slice(0, Math.min(1, at))}***${identity.slice(at)}`;
  if (!/^\+?[\d\s-]+$/.test(identity)) return '***';
  const digits = identity.replace(/\D/g, '');
  if (digits.length >= 10) return `+${digits.slice(0, 4)}****${digits.slice(-3)}`;
  return `+${digits.slice(0, 1)}****${digits.slice(-1)}`;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
