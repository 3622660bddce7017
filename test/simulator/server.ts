/**
 * The HTTP side: one request pipeline for every Sinch path (count -> read body -> fault ->
 * latency -> auth -> operation -> response) and the hand-off to the control paths.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import {
  ADMINISTRATION_KEY,
  checkTimestamp,
  parseAuthorization,
  parseInstanceCredentials,
  requireScheme,
  signatureMatches,
  type UserTokens,
} from './auth';
import { SinchError, errorBody } from './errors';
import { StreamedArray, writePieces } from './bodyWriter';
import { afterFaults, cannedResponse, type Fault, type FaultQueue } from './faults';
import { matchRoute, type EndpointName, type RouteMatch } from './routes';
import { wireNumber, type SimulatorState, type User } from './state';

/** Request bodies above this are refused with 413 before anything else looks at them. */
export const MAX_BODY_BYTES = 1024 * 1024;
export const CONTROL_PREFIX = '/__simulator/';

const tooLarge = (): Outcome => ({ status: 413, body: errorBody(41300, 'The request body is larger than 1 MB.') });

export interface Outcome {
  status: number;
  headers?: Record<string, string>;
  /** A JSON value, a list streamed as it is written, or raw bytes for canned fault responses; undefined for no body. */
  body?: unknown;
}

export interface PipelineContext {
  state: SimulatorState;
  faults: FaultQueue;
  tokens: UserTokens;
  counters: Record<EndpointName, number>;
  latencyMs(): number;
  instanceTtlSeconds(): number;
  /** The server's wall clock: model time plus the clock offset. */
  serverNow(): number;
  control(method: string, path: string, body: unknown): Outcome;
  log?: (line: string) => void;
}

export class SimulatorServer {
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly ctx: PipelineContext) {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => this.internalError(res, err));
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    // A malformed request line or headers: answer 400 instead of letting Node print or crash.
    this.server.on('clientError', (_err, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      else socket.destroy();
    });
  }

  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve((this.server.address() as { port: number }).port);
      });
    });
  }

  /** Stops listening and ends every connection, hung requests and pending delays included. */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const done = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    return done;
  }

  /** A delay that close() cancels (the waiting handler is then simply dropped). */
  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const query = new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1));

    if (path.startsWith(CONTROL_PREFIX)) {
      const body = await this.readBody(req);
      let outcome: Outcome;
      if (body === 'tooLarge') outcome = tooLarge();
      else {
        const parsed = parseJson(body);
        outcome = parsed.ok
          ? this.ctx.control(method, path, parsed.value)
          : { status: 400, body: errorBody(40001, parsed.message) };
      }
      this.send(res, outcome);
      return;
    }

    const match = matchRoute(method, path);
    if (match.kind !== 'match') {
      const body = await this.readBody(req);
      await this.sleep(this.ctx.latencyMs());
      this.send(
        res,
        body === 'tooLarge'
          ? tooLarge()
          : match.kind === 'method'
            ? { status: 405, body: errorBody(40500, `The method ${method} is not allowed on ${path}.`) }
            : { status: 404, body: errorBody(40400, `No such resource: ${method} ${path}`) },
      );
      this.logLine(method, path, res.statusCode, started);
      return;
    }

    const route = match.route;
    this.ctx.counters[route.endpoint]++;
    const body = await this.readBody(req);
    if (body === 'tooLarge') {
      await this.sleep(this.ctx.latencyMs());
      this.send(res, tooLarge());
      this.logLine(method, path, 413, started, route.endpoint);
      return;
    }

    const fault = this.ctx.faults.take(route.endpoint);
    await this.sleep(this.ctx.latencyMs());
    if (fault) {
      this.ctx.log?.(`fault ${fault.kind} on ${route.endpoint}`);
      if (fault.kind === 'resetBefore') {
        if (fault.afterMs) await this.sleep(fault.afterMs);
        return void req.socket.destroy();
      }
      if (fault.kind === 'hang') return; // close() ends it
      if (fault.kind === 'delay') await this.sleep(fault.ms);
      const canned = cannedResponse(fault);
      if (canned) {
        await this.respond(res, { status: canned.status, headers: canned.headers, body: canned.body }, fault);
        this.logLine(method, path, canned.status, started, route.endpoint);
        return;
      }
    }

    let outcome: Outcome;
    try {
      outcome = this.operate(route, req, method, path, query, body);
    } catch (err) {
      if (!(err instanceof SinchError)) throw err;
      outcome = { status: err.status, body: err.body() };
    }

    if (fault && afterFaults.has(fault.kind)) {
      if (fault.kind === 'resetAfter') return void req.socket.destroy();
      if (fault.kind === 'hangAfter') return;
      // truncated: the real JSON cut in half; 200 when the operation succeeded.
      const bytes = outcome.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(outcome.body), 'utf8');
      outcome = {
        status: outcome.status < 400 ? 200 : outcome.status,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: bytes.subarray(0, Math.floor(bytes.length / 2)),
      };
    }
    await this.respond(res, outcome, fault);
    this.logLine(method, path, outcome.status, started, route.endpoint);
  }

  /** Auth in the order: header shape (40100), scheme (40301), x-timestamp (40101), credentials. */
  private operate(
    route: RouteMatch,
    req: IncomingMessage,
    method: string,
    path: string,
    query: URLSearchParams,
    body: Buffer,
  ): Outcome {
    const { state, tokens } = this.ctx;
    const auth = parseAuthorization(header(req, 'authorization'));
    requireScheme(auth, route.scheme);
    const timestamp = header(req, 'x-timestamp');
    checkTimestamp(timestamp, this.ctx.serverNow());

    let user: User | undefined;
    if (route.scheme === 'application') {
      if (auth.credentials !== ADMINISTRATION_KEY) throw new SinchError(40100, 'Invalid application key.');
    } else if (route.scheme === 'user') {
      const identity = tokens.verify(auth.credentials);
      user = identity && state.findUser(identity.type, identity.endpoint);
      if (!user) throw new SinchError(40100, 'Invalid or unknown user authorization.');
    } else {
      const { instanceId, signature } = parseInstanceCredentials(auth.credentials);
      const resolved = state.resolveInstance(instanceId);
      const signed = { method, contentType: header(req, 'content-type') ?? '', timestamp: timestamp!, path, body };
      if (!signatureMatches(resolved.instance.secret, signed, signature, state.dialect.signature)) {
        throw new SinchError(40102, 'Invalid signature.');
      }
      user = resolved.user;
    }

    const p = route.params;
    const json = () => {
      const parsed = parseJson(body);
      if (!parsed.ok) throw new SinchError(40001, parsed.message);
      return parsed.value;
    };
    switch (route.endpoint) {
      case 'login':
        return { status: 200, body: this.login(p.type, p.identity, json()) };
      case 'createInstance':
        return { status: 200, body: this.createInstance(user!, auth.credentials, json()) };
      case 'getOrganisation':
        return { status: 200, body: state.organisationsAnswer(user!) };
      case 'listShop': {
        state.requireOwnOrganisation(user!, p.orgId);
        return { status: 200, body: state.listShop(query.get('type') ?? undefined) };
      }
      case 'reserve':
        state.requireOwnOrganisation(user!, p.orgId);
        return { status: 200, body: state.reserve(p.orgId, json()) };
      case 'checkout':
        state.requireOwnOrganisation(user!, p.orgId);
        state.checkout(p.orgId, json());
        return { status: 204 };
      case 'listNumbers':
        state.requireOwnOrganisation(user!, p.orgId);
        return { status: 200, body: new StreamedArray(state.numbersOfOrganisation(p.orgId), wireNumber) };
      case 'listAppNumbers':
        return { status: 200, body: new StreamedArray(state.listApplicationNumbers(user!, p.key)) };
      case 'assign':
        return { status: 200, body: state.assign(user!, p.key, p.capability, json()) };
      case 'unassign':
        state.unassign(user!, p.key, p.number);
        return { status: 204 };
    }
  }

  private login(type: string, identity: string, body: unknown): unknown {
    if (type !== 'email' && type !== 'number') {
      throw new SinchError(40001, `Invalid identity type '${type}'. Type must be one of: email, number.`);
    }
    const password = (body as { password?: unknown } | null)?.password;
    if (typeof password !== 'string') throw new SinchError(40001, 'The body must be {"password": string}.');
    const user = this.ctx.state.login(type, identity, password);
    const identities = [{ type: 'email', endpoint: user.email }];
    if (user.phone) identities.push({ type: 'number', endpoint: user.phone });
    const tokenIdentity = identities.find((i) => i.type === type)!;
    return {
      authorization: this.ctx.tokens.mint(tokenIdentity, new Date(this.ctx.state.now())),
      user: {
        id: user.id,
        identities,
        profile: {
          name: { first: user.firstName, last: user.lastName, full: `${user.firstName} ${user.lastName}` },
          contact: { email: user.email },
        },
      },
    };
  }

  private createInstance(user: User, headerToken: string, body: unknown): unknown {
    const b = (typeof body === 'object' && body !== null ? body : {}) as {
      authorization?: unknown;
      version?: { os?: unknown; platform?: unknown } | null;
    };
    if (typeof b.authorization !== 'string' || b.authorization === '') {
      throw new SinchError(40001, 'authorization is required.');
    }
    if (b.authorization !== headerToken) {
      throw new SinchError(40001, 'authorization in the body must be the one in the Authorization header.');
    }
    const v = b.version;
    if (
      typeof v !== 'object' ||
      v === null ||
      typeof v.os !== 'string' ||
      v.os === '' ||
      typeof v.platform !== 'string' ||
      v.platform === ''
    ) {
      throw new SinchError(40001, 'version {os, platform} is required.');
    }
    const ttl = this.ctx.instanceTtlSeconds();
    const instance = this.ctx.state.createInstance(user, ttl);
    return { id: instance.id, secret: instance.secret, expiresIn: ttl };
  }

  /** Reads the whole body, or 'tooLarge' past MAX_BODY_BYTES (the rest is drained unread). */
  private readBody(req: IncomingMessage): Promise<Buffer | 'tooLarge'> {
    const declared = Number(req.headers['content-length']);
    return new Promise((resolve) => {
      if (declared > MAX_BODY_BYTES) {
        req.resume();
        return resolve('tooLarge');
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      req.on('data', (chunk: Buffer) => {
        if (tooLarge) return;
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          tooLarge = true;
          chunks.length = 0;
          return resolve('tooLarge');
        }
        chunks.push(chunk);
      });
      req.on('end', () => {
        if (!tooLarge) resolve(Buffer.concat(chunks));
      });
      req.on('error', () => resolve(Buffer.alloc(0)));
    });
  }

  private send(res: ServerResponse, outcome: Outcome): void {
    if (res.destroyed || res.headersSent) return;
    const headers: Record<string, string> = { ...outcome.headers };
    // Every response carries the server clock (offset included), so a client can correct skew.
    headers.Date = new Date(this.ctx.serverNow()).toUTCString();
    let bytes: Buffer | undefined;
    if (Buffer.isBuffer(outcome.body)) bytes = outcome.body;
    else if (outcome.body !== undefined) {
      bytes = Buffer.from(JSON.stringify(outcome.body), 'utf8');
      headers['Content-Type'] ??= 'application/json; charset=utf-8';
    }
    if (outcome.status !== 204 && outcome.status !== 304) headers['Content-Length'] = String(bytes?.length ?? 0);
    res.writeHead(outcome.status, headers);
    res.end(outcome.status === 204 ? undefined : bytes);
  }

  /** Sends `outcome`: a list as a stream (chunked), anything under a `slow` fault paced; the rest at once. */
  private async respond(res: ServerResponse, outcome: Outcome, fault: Fault | undefined): Promise<void> {
    const bytesPerSecond = fault?.kind === 'slow' ? fault.bytesPerSecond : undefined;
    const streamed = outcome.body instanceof StreamedArray;
    if (!streamed && bytesPerSecond === undefined) return this.send(res, outcome);
    if (res.destroyed || res.headersSent) return;
    const headers: Record<string, string> = { ...outcome.headers, Date: new Date(this.ctx.serverNow()).toUTCString() };
    let pieces: Iterable<string | Buffer> = [];
    if (outcome.body instanceof StreamedArray) pieces = outcome.body.pieces();
    else if (Buffer.isBuffer(outcome.body)) pieces = [outcome.body];
    else if (outcome.body !== undefined) pieces = [JSON.stringify(outcome.body)];
    if (outcome.body !== undefined && !Buffer.isBuffer(outcome.body))
      headers['Content-Type'] ??= 'application/json; charset=utf-8';
    res.writeHead(outcome.status, headers);
    await writePieces(res, pieces, { bytesPerSecond, sleep: (ms) => this.sleep(ms) });
  }

  private internalError(res: ServerResponse, err: unknown): void {
    this.ctx.log?.(`simulator error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    this.send(res, { status: 500, body: errorBody(50000, 'Internal simulator error.') });
  }

  /** Method, path, status and time; the email in a log-in path is masked. */
  private logLine(method: string, path: string, status: number, started: number, endpoint?: EndpointName): void {
    if (!this.ctx.log) return;
    const shown = path.replace(/^(\/v1\/users\/[^/]+\/)[^/]+/, '$1***');
    this.ctx.log(`${method} ${shown} ${status} ${Date.now() - started} ms${endpoint ? ` (${endpoint})` : ''}`);
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

/** An empty body parses as undefined; invalid JSON is a message, never an exception. */
export function parseJson(body: Buffer): Parsed {
  if (body.length === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) as unknown };
  } catch (err) {
    return { ok: false, message: `The request body is not valid JSON: ${(err as Error).message}` };
  }
}
