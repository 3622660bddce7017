// No runtime vscode import: the model runs in plain Node unit tests too.
import { buildInventory, type Inventory } from './inventory';
import { NumberListBuilder, type NumberList } from './numberList';
import type { ClientProvider } from '../session/clientProvider';
import type { SessionManager } from '../session/sessionManager';
import type { ListProgress } from '../sinch/client';
import type { RentedNumber } from '../sinch/types';
import { Emitter } from '../platform/emitter';
import { SessionExpiredError } from '../platform/errors';

export interface RefreshOptions {
  /**
   * The caller needs data read after this call (it just changed something on Sinch): when a
   * refresh is already running, one more follows it, shared by every such caller.
   */
  fresh?: boolean;
}

/** The parts of the services the model uses (so tests can pass less). */
export interface ModelServices {
  session: SessionManager;
  clients: Pick<ClientProvider, 'signal'>;
  now(): number;
  log?: { warn(message: string): void };
}

/**
 * The organisation's rented numbers: the last good list, its grouping, and how the latest
 * refresh went. One request per refresh, whatever the number of applications; concurrent
 * refreshes share it. A failure keeps the last good data and marks it stale.
 */
export class NumbersModel {
  private readonly changed = new Emitter<void>();
  private readonly started = new Emitter<Promise<unknown>>();
  private readonly progressed = new Emitter<ListProgress>();
  /** Data, staleness or loading state changed. */
  readonly onDidChange = this.changed.event;
  /** A request started; the promise settles when it ends (the view shows progress for it). */
  readonly onDidStartRefresh = this.started.event;
  /** More of the list arrived (many times per refresh of a large organisation). */
  readonly onDidProgress = this.progressed.event;

  /** The last good list, or undefined before the first successful refresh (and after sign-out). */
  list: NumberList | undefined;
  /** `list` grouped by application; rebuilt on every refresh and settings change. */
  inventory: Inventory | undefined;
  /** How far the refresh in flight has got, undefined when none is running. */
  received: ListProgress | undefined;
  /** Whose numbers these are. */
  organisationId: string | undefined;
  /** When `numbers` was read (services.now()). */
  loadedAt: number | undefined;
  /** Why the latest refresh failed; undefined after a success. */
  lastError: unknown;
  /** Requests sent since activation (tests and benchmarks read it). */
  requestCount = 0;

  private expiryWarningDays = 30;
  private flight:
    | { promise: Promise<readonly RentedNumber[]>; abort: AbortController; generation: number; organisationId: string }
    | undefined;
  private followUp: Promise<readonly RentedNumber[]> | undefined;
  /** Bumped whenever the data's owner changes, so a late answer for the previous one is dropped. */
  private generation = 0;
  private readonly subscriptions: { dispose(): void }[];

  constructor(private readonly services: ModelServices) {
    this.subscriptions = [
      services.session.onDidChange(() => this.sessionChanged()),
      services.session.onDidExpire(() => this.changed.fire()),
    ];
  }

  get loading(): boolean {
    return this.flight !== undefined;
  }

  /** The numbers of the last good list (see `list`). */
  get numbers(): readonly RentedNumber[] | undefined {
    return this.list?.numbers;
  }

  /** True when the data shown is not known to be current: the last refresh failed, or the session expired. */
  get stale(): boolean {
    return this.numbers !== undefined && (this.lastError !== undefined || this.services.session.isMarkedExpired());
  }

  /** Reads the organisation's numbers (one request); see RefreshOptions for calls during a refresh. */
  refresh(options: RefreshOptions = {}): Promise<readonly RentedNumber[]> {
    if (this.flight) {
      if (!options.fresh) return this.flight.promise;
      const after = this.flight.promise.catch(() => undefined);
      return (this.followUp ??= after.then(() => {
        this.followUp = undefined;
        return this.refresh();
      }));
    }
    return this.start();
  }

  /** Sets the expiry warning window and regroups (no request). */
  configure(options: { expiryWarningDays: number }): void {
    if (options.expiryWarningDays === this.expiryWarningDays) return;
    this.expiryWarningDays = options.expiryWarningDays;
    this.rebuild();
  }

  /** Regroups the current data against the current clock (no request). */
  rebuild(): void {
    if (!this.list) return;
    this.inventory = buildInventory(this.list, { now: this.services.now(), expiryWarningDays: this.expiryWarningDays });
    this.changed.fire();
  }

  /** Forgets the data (sign-out, another organisation) and abandons a refresh in flight. */
  clear(): void {
    const had = this.numbers !== undefined || this.lastError !== undefined || this.flight !== undefined;
    this.generation++;
    this.flight?.abort.abort();
    this.flight = undefined;
    this.followUp = undefined;
    this.list = undefined;
    this.inventory = undefined;
    this.received = undefined;
    this.organisationId = undefined;
    this.loadedAt = undefined;
    this.lastError = undefined;
    if (had) this.changed.fire();
  }

  private start(): Promise<readonly RentedNumber[]> {
    const { session } = this.services;
    if (session.isMarkedExpired()) {
      this.lastError = new SessionExpiredError();
      this.changed.fire();
      return Promise.reject(this.lastError);
    }
    let current;
    try {
      current = session.current();
    } catch (e) {
      // Signed in, but not here (the endpoints changed): the view says so and offers Sign In.
      if (session.active) {
        this.lastError = e;
        this.changed.fire();
      }
      return Promise.reject(e);
    }
    const { api, organisationId } = current;
    if (this.organisationId !== undefined && this.organisationId !== organisationId) this.clear();
    const abort = new AbortController();
    const generation = this.generation;
    const run = async (): Promise<readonly RentedNumber[]> => {
      try {
        this.requestCount++;
        const list = await api.streamRentedNumbers(organisationId, () => new NumberListBuilder(), {
          signal: this.services.clients.signal(abort.signal),
          onProgress: (p) => this.noteProgress(generation, p),
        });
        if (generation !== this.generation) throw abandoned();
        this.list = list;
        this.organisationId = organisationId;
        this.loadedAt = this.services.now();
        this.lastError = undefined;
        this.inventory = buildInventory(list, { now: this.loadedAt, expiryWarningDays: this.expiryWarningDays });
        return list.numbers;
      } catch (error) {
        if (generation === this.generation && !abort.signal.aborted) {
          session.noteError(error);
          this.lastError = error;
          this.services.log?.warn(
            `Refreshing the numbers failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        throw error;
      } finally {
        if (this.flight === flight) {
          this.flight = undefined;
          this.received = undefined;
        }
        if (generation === this.generation) this.changed.fire();
      }
    };
    const flight = {
      promise: undefined as unknown as Promise<readonly RentedNumber[]>,
      abort,
      generation,
      organisationId,
    };
    this.flight = flight;
    flight.promise = run();
    this.changed.fire();
    this.started.fire(flight.promise);
    return flight.promise;
  }

  private noteProgress(generation: number, progress: ListProgress): void {
    if (generation !== this.generation) return;
    this.received = progress;
    this.progressed.fire(progress);
  }

  private sessionChanged(): void {
    const active = this.services.session.active;
    const owner = this.organisationId ?? this.flight?.organisationId;
    // Another organisation's numbers must never show under this one's name.
    if (!active || (owner !== undefined && active.organisationId !== owner)) this.clear();
    else this.changed.fire();
  }

  dispose(): void {
    this.clear();
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
    this.started.dispose();
    this.progressed.dispose();
  }
}

function abandoned(): Error {
  const e = new Error('The numbers were requested for a session that is no longer active.');
  e.name = 'AbortError';
  return e;
}
