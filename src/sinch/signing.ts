import { createHash, createHmac } from 'node:crypto';
import { NUMBER_ADMINISTRATION_KEY } from './types';

/**
 * Request signing for the three Sinch authorization schemes
 * (docs/api/signing.md). Every request the client sends is
 * built here, so what is signed and what is sent cannot drift apart.
 */

/** The Content-Type sent on every request: it is part of the string to sign, GET and DELETE included. */
export const CONTENT_TYPE = 'application/json';

/** `Content-MD5 = Base64(MD5(UTF8(body)))`, or `''` when the request has no body. */
export function contentMd5(body: string | undefined): string {
  if (body === undefined || body === '') return '';
  return createHash('md5').update(Buffer.from(body, 'utf8')).digest('base64');
}

/**
 * How the CanonicalizedResource is written: `reference` is the URL path without its leading
 * slash (the only form under which the reference's example signatures reproduce);
 * `leadingSlash` keeps it (`/v1/organisations`), as Sinch's signing library and its public
 * worked example do (docs/api/dialects.md).
 */
export type SignatureForm = 'reference' | 'leadingSlash';

/**
 * `Verb \n Content-MD5 \n Content-Type \n x-timestamp:{ts} \n CanonicalizedResource`,
 * where the resource is the URL path without the query, written in `form` (default: the reference's).
 */
export function stringToSign(
  method: string,
  contentMd5: string,
  contentType: string,
  timestamp: string,
  path: string,
  form: SignatureForm = 'reference',
): string {
  return [
    method.toUpperCase(),
    contentMd5,
    contentType,
    `x-timestamp:${timestamp}`,
    canonicalResource(path, form),
  ].join('\n');
}

/** `Base64(HMAC-SHA256(key = Base64-Decode(secret), UTF8(stringToSign)))`. */
export function instanceSignature(secretBase64: string, toSign: string): string {
  return createHmac('sha256', Buffer.from(secretBase64, 'base64')).update(toSign, 'utf8').digest('base64');
}

/**
 * Which `Authorization` header a request carries: `Application {key}` (log in),
 * `User {token}` (create instance) or `Instance {id}:{signature}` (everything else).
 */
export type AuthScheme =
  | { scheme: 'application' }
  | { scheme: 'user'; token: string }
  | { scheme: 'instance'; id: string; secret: string; form?: SignatureForm };

/**
 * The three headers of a Sinch request: `Authorization`, `x-timestamp` and
 * `Content-Type: application/json`. `path` is the path as sent (a query is ignored
 * for signing); `body` must be the exact string that will be sent.
 */
export function signedHeaders(
  request: { method: string; path: string; body?: string },
  auth: AuthScheme,
  timestamp: string,
): Record<string, string> {
  return {
    Authorization: authorization(request, auth, timestamp),
    'x-timestamp': timestamp,
    'Content-Type': CONTENT_TYPE,
  };
}

/** The `x-timestamp` form: ISO-8601 UTC with milliseconds (`2015-06-20T11:43:10.944Z`). */
export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}

function authorization(
  request: { method: string; path: string; body?: string },
  auth: AuthScheme,
  timestamp: string,
): string {
  switch (auth.scheme) {
    case 'application':
      return `Application ${NUMBER_ADMINISTRATION_KEY}`;
    case 'user':
      return `User ${auth.token}`;
    case 'instance': {
      const toSign = stringToSign(
        request.method,
        contentMd5(request.body),
        CONTENT_TYPE,
        timestamp,
        request.path,
        auth.form,
      );
      return `Instance ${auth.id}:${instanceSignature(auth.secret, toSign)}`;
    }
  }
}

function canonicalResource(path: string, form: SignatureForm): string {
  const q = path.indexOf('?');
  const bare = (q < 0 ? path : path.slice(0, q)).replace(/^\/+/, '');
  return form === 'leadingSlash' ? `/${bare}` : bare;
}
