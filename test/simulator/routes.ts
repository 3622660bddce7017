/**
 * The Sinch paths of all three hosts (user API, core API, portal API). They never collide,
 * so one table serves them all on one port.
 */
export type EndpointName =
  | 'login'
  | 'createInstance'
  | 'getOrganisation'
  | 'listShop'
  | 'reserve'
  | 'checkout'
  | 'listNumbers'
  | 'listAppNumbers'
  | 'assign'
  | 'unassign';

export const endpointNames: readonly EndpointName[] = [
  'login',
  'createInstance',
  'getOrganisation',
  'listShop',
  'reserve',
  'checkout',
  'listNumbers',
  'listAppNumbers',
  'assign',
  'unassign',
];

export type Scheme = 'application' | 'user' | 'instance';

export interface RouteMatch {
  endpoint: EndpointName;
  scheme: Scheme;
  /** URL-decoded path parameters. */
  params: Record<string, string>;
}

interface Route {
  method: string;
  endpoint: EndpointName;
  scheme: Scheme;
  /** Segments; `:name` captures one (decoded) segment. */
  pattern: string[];
}

const route = (method: string, path: string, endpoint: EndpointName, scheme: Scheme): Route => ({
  method,
  endpoint,
  scheme,
  pattern: path.split('/').filter(Boolean),
});

const routes: Route[] = [
  route('POST', '/v1/users/:type/:identity/authentication', 'login', 'application'),
  route('POST', '/v1/instance', 'createInstance', 'user'),
  route('GET', '/v1/organisations', 'getOrganisation', 'instance'),
  route('GET', '/v1/organisations/id/:orgId/numbers/shop', 'listShop', 'instance'),
  route('PUT', '/v1/organisations/id/:orgId/numbers/shop', 'reserve', 'instance'),
  route('POST', '/v1/organisations/id/:orgId/numbers/shop', 'checkout', 'instance'),
  route('GET', '/v1/organisations/id/:orgId/numbers', 'listNumbers', 'instance'),
  route('GET', '/v1/applications/key/:key/numbers', 'listAppNumbers', 'instance'),
  route('PUT', '/v1/applications/key/:key/numbers/:capability', 'assign', 'instance'),
  route('DELETE', '/v1/applications/key/:key/numbers/:number', 'unassign', 'instance'),
];

export type MatchResult =
  | { kind: 'match'; route: RouteMatch }
  /** The path exists, but not with this method. */
  | { kind: 'method' }
  | { kind: 'none' };

/**
 * Matches the raw path (no query). Segments are percent-decoded one by one, so an encoded
 * `/` inside an identity stays inside its segment. Empty segments (`//`, a trailing `/`)
 * never match: a client that builds such paths has a bug we want to see.
 */
export function matchRoute(method: string, rawPath: string): MatchResult {
  if (!rawPath.startsWith('/')) return { kind: 'none' };
  const raw = rawPath.slice(1).split('/');
  if (raw.some((s) => s === '')) return { kind: 'none' };
  let segments: string[];
  try {
    segments = raw.map((s) => decodeURIComponent(s));
  } catch {
    return { kind: 'none' };
  }
  let pathMatched = false;
  for (const r of routes) {
    const params = matchPattern(r.pattern, segments);
    if (!params) continue;
    if (r.method !== method) {
      pathMatched = true;
      continue;
    }
    return { kind: 'match', route: { endpoint: r.endpoint, scheme: r.scheme, params } };
  }
  return pathMatched ? { kind: 'method' } : { kind: 'none' };
}

function matchPattern(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i];
    if (p.startsWith(':')) params[p.slice(1)] = segments[i];
    else if (p !== segments[i]) return undefined;
  }
  return params;
}
