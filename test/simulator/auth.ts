/**
 * The three Sinch authorization schemes, implemented from
 * docs/api/signing.md and docs/api/decisions.md and deliberately NOT shared with src/sinch:
 * a second, independent implementation is what catches a client that signs the wrong bytes.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SinchError, messages } from './errors';
import type { Scheme } from './routes';
import type { Dialect } from './dialect';

/** The public "number administration" key; the only key log in accepts. */
export const ADMINISTRATION_KEY = '669762D5-2B10-44E0-8418-BC9EE4457555';

/** How far x-timestamp may be from the server clock before 40101. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/** Base64(MD5(body bytes)), or '' when there is no body. */
export function contentMd5(body: Buffer | string): string {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  if (bytes.length === 0) return '';
  return createHash('md5').update(bytes).digest('base64');
}

export interface SignedRequest {
  method: string;
  /** The Content-Type header value as sent ('' when absent). */
  contentType: string;
  /** The x-timestamp header value, exactly as sent. */
  timestamp: string;
  /** The URL path as sent, with its leading slash, without the query. */
  path: string;
  body: Buffer | string;
}

/**
 * VERB \n Content-MD5 \n Content-Type \n x-timestamp:{ts} \n resource, where the resource is the
 * path without its leading slash (the reference) or, in the `leading-slash` dialect, with it.
 */
export function stringToSign(req: SignedRequest, form: Dialect['signature'] = 'reference'): string {
  const bare = req.path.startsWith('/') ? req.path.slice(1) : req.path;
  const resource = form === 'leading-slash' ? `/${bare}` : bare;
  return [req.method, contentMd5(req.body), req.contentType, `x-timestamp:${req.timestamp}`, resource].join('\n');
}

/** Base64(HMAC-SHA256(key = Base64-Decode(secret), UTF8(StringToSign))). */
export function instanceSignature(
  secretBase64: string,
  req: SignedRequest,
  form: Dialect['signature'] = 'reference',
): string {
  return createHmac('sha256', Buffer.from(secretBase64, 'base64'))
    .update(stringToSign(req, form), 'utf8')
    .digest('base64');
}

/** Constant-time comparison, so the simulator does not model a timing oracle. Only `form` verifies: a server signs one way. */
export function signatureMatches(
  secretBase64: string,
  req: SignedRequest,
  signature: string,
  form: Dialect['signature'] = 'reference',
): boolean {
  const expected = Buffer.from(instanceSignature(secretBase64, req, form), 'utf8');
  const actual = Buffer.from(signature, 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export interface ParsedAuthorization {
  scheme: Scheme;
  credentials: string;
}

/** Missing or malformed (not one of the three schemes, no credentials) is 40100. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization {
  const m = header === undefined ? null : /^(Application|User|Instance) +(\S+)$/i.exec(header.trim());
  if (!m) throw new SinchError(40100, 'The Authorization header is missing or malformed.');
  return { scheme: m[1].toLowerCase() as Scheme, credentials: m[2] };
}

export function requireScheme(parsed: ParsedAuthorization, scheme: Scheme): void {
  if (parsed.scheme !== scheme) throw new SinchError(40301, messages.invalidScheme(scheme));
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * 40101 when x-timestamp is missing, not ISO-8601 or more than 15 minutes off the server clock.
 * Strict ISO-8601 on purpose: a client sending `Date.toUTCString()` has a bug.
 */
export function checkTimestamp(header: string | undefined, serverNow: number): void {
  if (header === undefined || header === '') {
    throw new SinchError(40101, 'The x-timestamp header is missing.');
  }
  const ts = ISO_8601.test(header) ? Date.parse(header) : NaN;
  if (Number.isNaN(ts)) {
    throw new SinchError(40101, `The x-timestamp header '${header}' is not an ISO-8601 time.`);
  }
  if (Math.abs(ts - serverNow) > MAX_CLOCK_SKEW_MS) {
    throw new SinchError(
      40101,
      `The x-timestamp ${header} is more than 15 minutes off the server time ${new Date(serverNow).toISOString()}.`,
    );
  }
}

/** `Instance {id}:{signature}`; the signature is base64 and may itself contain no ':'. */
export function parseInstanceCredentials(credentials: string): { instanceId: string; signature: string } {
  const i = credentials.indexOf(':');
  if (i <= 0 || i === credentials.length - 1) {
    throw new SinchError(40100, 'The Instance authorization must be {instanceId}:{signature}.');
  }
  return { instanceId: credentials.slice(0, i), signature: credentials.slice(i + 1) };
}

export interface TokenIdentity {
  type: string;
  endpoint: string;
}

/**
 * Mints and checks log-in tokens in the shape the document shows:
 * Base64(JSON {applicationKey, identity:{type, endpoint}, created}) + ":" + Base64(HMAC(payload)).
 * The key lives as long as the simulator, so tokens survive a dataset reset.
 */
export class UserTokens {
  private readonly key = randomBytes(32);

  mint(identity: TokenIdentity, created: Date): string {
    const json = JSON.stringify({ applicationKey: ADMINISTRATION_KEY, identity, created: created.toISOString() });
    const payload = Buffer.from(json, 'utf8').toString('base64');
    return `${payload}:${this.mac(payload)}`;
  }

  /** The identity a token was minted for, or undefined when it is not one of ours. */
  verify(token: string): TokenIdentity | undefined {
    const i = token.indexOf(':');
    if (i <= 0) return undefined;
    const payload = token.slice(0, i);
    const mac = Buffer.from(token.slice(i + 1), 'utf8');
    const expected = Buffer.from(this.mac(payload), 'utf8');
    if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) return undefined;
    try {
      const parsed = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as { identity?: TokenIdentity };
      const identity = parsed.identity;
      if (!identity || typeof identity.type !== 'string' || typeof identity.endpoint !== 'string') return undefined;
      return identity;
    } catch {
      return undefined;
    }
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload, 'utf8').digest('base64');
  }
}
