/**
 * A minimal Sinch client for testing the simulator over real loopback HTTP. It signs with the
 * simulator's own auth.ts, whose golden-vector tests (auth.test.ts) pin it to the document.
 */
import { ADMINISTRATION_KEY, instanceSignature } from '../../simulator/auth';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../simulator';

export interface Res {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON, or undefined when the body is empty or not JSON. */
  json: any;
}

export async function toRes(r: Response): Promise<Res> {
  const text = await r.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: r.status, headers: r.headers, text, json };
}

export interface SignOptions {
  timestamp?: string;
  contentType?: string | null;
  leadingSlash?: boolean;
  /** The signature form to sign in (the simulator's dialect decides which it accepts). */
  form?: 'reference' | 'leading-slash';
  secret?: string;
  instanceId?: string;
  authorization?: string;
  signal?: AbortSignal;
}

export class TestClient {
  token?: string;
  instance?: { id: string; secret: string; expiresIn: number };

  constructor(
    readonly url: string,
    private readonly now: () => number = Date.now,
  ) {}

  timestamp(): string {
    return new Date(this.now()).toISOString();
  }

  async login(
    identity = 'demo@example.com',
    password = 'demo-password',
    opts: { type?: string; key?: string } = {},
  ): Promise<Res> {
    const res = await toRes(
      await fetch(`${this.url}/v1/users/${opts.type ?? 'email'}/${encodeURIComponent(identity)}/authentication`, {
        method: 'POST',
        headers: {
          Authorization: `Application ${opts.key ?? ADMINISTRATION_KEY}`,
          'x-timestamp': this.timestamp(),
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ password }),
      }),
    );
    if (res.status === 200) this.token = res.json.authorization;
    return res;
  }

  async createInstance(token = this.token, body?: unknown): Promise<Res> {
    const res = await toRes(
      await fetch(`${this.url}/v1/instance`, {
        method: 'POST',
        headers: {
          Authorization: `User ${token}`,
          'x-timestamp': this.timestamp(),
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(body ?? { authorization: token, version: { os: 'linux', platform: 'test' } }),
      }),
    );
    if (res.status === 200) this.instance = res.json;
    return res;
  }

  async signIn(identity = 'demo@example.com', password = 'demo-password'): Promise<this> {
    const login = await this.login(identity, password);
    if (login.status !== 200) throw new Error(`login failed: ${login.text}`);
    const inst = await this.createInstance();
    if (inst.status !== 200) throw new Error(`createInstance failed: ${inst.text}`);
    return this;
  }

  /** An instance-signed request, built the way the document says (or deliberately not). */
  async call(method: string, path: string, body?: unknown, opts: SignOptions = {}): Promise<Res> {
    return toRes(await this.rawCall(method, path, body, opts));
  }

  rawCall(method: string, path: string, body?: unknown, opts: SignOptions = {}): Promise<Response> {
    const bytes = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    const timestamp = opts.timestamp ?? this.timestamp();
    const contentType = opts.contentType === undefined ? 'application/json' : opts.contentType;
    // instanceSignature strips one leading slash, as the document says; the leading-slash
    // mistake is modelled by handing it one more.
    const signedPath = (opts.leadingSlash ? `/${path}` : path).split('?')[0];
    const signature = instanceSignature(
      opts.secret ?? this.instance!.secret,
      {
        method,
        contentType: contentType ?? '',
        timestamp,
        path: signedPath,
        body: bytes,
      },
      opts.form,
    );
    const headers: Record<string, string> = {
      Authorization: opts.authorization ?? `Instance ${opts.instanceId ?? this.instance!.id}:${signature}`,
      'x-timestamp': timestamp,
    };
    if (contentType !== null) headers['Content-Type'] = contentType;
    return fetch(`${this.url}${path}`, {
      method,
      headers,
      body: bytes === '' ? undefined : bytes,
      signal: opts.signal,
    });
  }
}

/** Starts a quiet simulator and a signed-in demo client; closes both after the suite. */
export function useSimulator(opts: SimulatorOptions = {}): { sim: Simulator; client: TestClient } {
  const ctx = {} as { sim: Simulator; client: TestClient };
  before(async () => {
    ctx.sim = await startSimulator(opts);
  });
  beforeEach(async () => {
    ctx.sim.reset(opts.dataset ?? 'demo');
    ctx.sim.faults.clear();
    ctx.sim.resetCounters();
    ctx.sim.setClockOffset(0);
    ctx.sim.setLatency(0);
    ctx.sim.setReservationTtl(opts.reservationTtlMs ?? 15 * 60 * 1000);
    ctx.client = await new TestClient(ctx.sim.url, opts.now).signIn();
  });
  after(async () => {
    await ctx.sim?.close();
  });
  return ctx;
}

export const ORG = '8888123';
export const SHOP = `/v1/organisations/id/${ORG}/numbers/shop`;
export const NUMBERS = `/v1/organisations/id/${ORG}/numbers`;
export const appNumbers = (key: string) => `/v1/applications/key/${key}/numbers`;
