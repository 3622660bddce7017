/**
 * Fault injection: a queue of faults, each for one endpoint (or '*') and a number of requests,
 * consumed in injection order.
 */
import { STATUS_CODES } from 'node:http';
import { errorBody, messages } from './errors';
import { endpointNames, type EndpointName } from './routes';

export type Fault =
  | { kind: 'unavailable' }
  | { kind: 'status'; status: number; errorCode?: number; message?: string }
  | { kind: 'rateLimit'; retryAfterSeconds: number }
  | { kind: 'html'; status?: number }
  | { kind: 'html200' }
  | { kind: 'empty200' }
  | { kind: 'truncated' }
  | { kind: 'oversized' }
  | { kind: 'wrongShape' }
  /** Answers with this JSON body (status 200 by default): hostile or odd data, as a server could send it. */
  | { kind: 'json'; status?: number; body: unknown }
  /** The connection breaks before Sinch handles the request; `afterMs` after it arrived (what others do meanwhile is seen first). */
  | { kind: 'resetBefore'; afterMs?: number }
  | { kind: 'resetAfter' }
  | { kind: 'hang' }
  | { kind: 'hangAfter' }
  | { kind: 'delay'; ms: number }
  | { kind: 'slow'; bytesPerSecond: number };

export type FaultKind = Fault['kind'];

/** Faults whose request is handled normally (auth included) before the fault shapes the outcome. */
export const afterFaults: ReadonlySet<FaultKind> = new Set(['truncated', 'resetAfter', 'hangAfter']);

interface Entry {
  endpoint: EndpointName | '*';
  fault: Fault;
  remaining: number;
}

export class FaultQueue {
  private entries: Entry[] = [];

  inject(endpoint: EndpointName | '*', fault: Fault, times = 1): void {
    if (endpoint !== '*' && !endpointNames.includes(endpoint))
      throw new Error(`Unknown endpoint '${String(endpoint)}'.`);
    validateFault(fault);
    if (!Number.isInteger(times) || times < 1)
      throw new Error(`times must be a whole number >= 1, not ${String(times)}.`);
    this.entries.push({ endpoint, fault, remaining: times });
  }

  clear(): void {
    this.entries = [];
  }

  /** The fault for this request, if any; consumes one use of the first matching entry. */
  take(endpoint: EndpointName): Fault | undefined {
    const i = this.entries.findIndex((e) => e.endpoint === '*' || e.endpoint === endpoint);
    if (i < 0) return undefined;
    const entry = this.entries[i];
    if (--entry.remaining === 0) this.entries.splice(i, 1);
    return entry.fault;
  }

  pending(): { endpoint: EndpointName | '*'; fault: Fault; remaining: number }[] {
    return this.entries.map((e) => ({ ...e }));
  }
}

/** Throws a readable error for anything that is not a well-formed Fault (input from HTTP). */
export function validateFault(fault: unknown): asserts fault is Fault {
  const f = fault as Record<string, unknown> | null;
  if (typeof f !== 'object' || f === null || typeof f.kind !== 'string')
    throw new Error('fault must be an object with a kind.');
  const nonNegative = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  const httpStatus = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 100 && v <= 599;
  switch (f.kind) {
    case 'status':
      if (!httpStatus(f.status)) throw new Error('status fault needs a status from 100 to 599.');
      if (f.errorCode !== undefined && !Number.isInteger(f.errorCode)) throw new Error('errorCode must be an integer.');
      if (f.message !== undefined && typeof f.message !== 'string') throw new Error('message must be a string.');
      return;
    case 'rateLimit':
      if (!nonNegative(f.retryAfterSeconds)) throw new Error('rateLimit fault needs retryAfterSeconds >= 0.');
      return;
    case 'html':
      if (f.status !== undefined && !httpStatus(f.status))
        throw new Error('html fault status must be from 100 to 599.');
      return;
    case 'delay':
      if (!nonNegative(f.ms)) throw new Error('delay fault needs ms >= 0.');
      return;
    case 'json':
      if (!('body' in f)) throw new Error('json fault needs a body.');
      if (f.status !== undefined && !httpStatus(f.status))
        throw new Error('json fault status must be from 100 to 599.');
      return;
    case 'slow':
      if (typeof f.bytesPerSecond !== 'number' || !(f.bytesPerSecond >= 1))
        throw new Error('slow fault needs bytesPerSecond >= 1.');
      return;
    case 'resetBefore':
      if (f.afterMs !== undefined && !nonNegative(f.afterMs)) throw new Error('resetBefore afterMs must be >= 0.');
      return;
    case 'unavailable':
    case 'html200':
    case 'empty200':
    case 'truncated':
    case 'oversized':
    case 'wrongShape':
    case 'resetAfter':
    case 'hang':
    case 'hangAfter':
      return;
    default:
      throw new Error(`Unknown fault kind '${f.kind}'.`);
  }
}

export interface CannedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const json = (status: number, value: unknown, headers: Record<string, string> = {}): CannedResponse => ({
  status,
  headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  body: Buffer.from(JSON.stringify(value), 'utf8'),
});

const htmlPage = (status: number): CannedResponse => {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    body: Buffer.from(
      `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>nginx</center></body></html>\n`,
      'utf8',
    ),
  };
};

let oversizedBody: Buffer | undefined;
/** ~10 MB of valid, right-shaped JSON, so only a size limit (not a parser) can stop it. Built once. */
function oversized(): Buffer {
  if (!oversizedBody) {
    const item = JSON.stringify({
      number: 14150000000,
      groupId: 13,
      capabilities: ['voice'],
      countryId: 'US',
      city: 'SAN FRANCISCO',
      country: 'US',
      areaCode: '415',
      expires: '2015-12-31T23:59:59+00:00',
      cost: { amount: 0, currencyId: 'USD' },
    });
    const count = Math.ceil((10 * 1024 * 1024) / (item.length + 1));
    oversizedBody = Buffer.from(`[${new Array<string>(count).fill(item).join(',')}]`, 'utf8');
  }
  return oversizedBody;
}

/** The response of a fault that replaces the whole exchange; undefined for the others. */
export function cannedResponse(fault: Fault): CannedResponse | undefined {
  switch (fault.kind) {
    case 'unavailable':
      return json(503, errorBody(50300, messages.unavailable));
    case 'status': {
      const errorCode = fault.errorCode ?? fault.status * 100;
      return json(fault.status, errorBody(errorCode, fault.message ?? STATUS_CODES[fault.status] ?? 'Error'));
    }
    case 'rateLimit':
      return json(429, errorBody(42900, 'Too many requests; try again later.'), {
        'Retry-After': String(fault.retryAfterSeconds),
      });
    case 'html':
      return htmlPage(fault.status ?? 502);
    case 'html200':
      return htmlPage(200);
    case 'empty200':
      return { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: Buffer.alloc(0) };
    case 'oversized':
      return { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: oversized() };
    case 'wrongShape':
      return json(200, { unexpected: true });
    case 'json':
      return json(fault.status ?? 200, fault.body);
    default:
      return undefined;
  }
}
