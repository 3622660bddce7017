/**
 * The simulator's model and every operation on it. Operations are synchronous, so each one is
 * atomic with respect to concurrent requests, and they validate everything before changing
 * anything: a failed request leaves the model exactly as it was (all or nothing).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { SinchError, messages } from './errors';
import { referenceDialect, type Dialect } from './dialect';

export type Capability = 'sms' | 'voice';
export const capabilities: readonly Capability[] = ['sms', 'voice'];

export interface Money {
  amount: number;
  currencyId: string;
}

export interface User {
  id: number;
  email: string;
  /** E.164 with '+', the user's second identity. */
  phone?: string;
  password: string;
  firstName: string;
  lastName: string;
  orgId: string;
  /** Further organisations the user belongs to; they count only in the `several` organisations dialect. */
  otherOrgIds?: string[];
}

export interface Organisation {
  id: string;
  name: string;
  website?: string;
  phone?: string;
  countryId?: string;
  vatnumber?: string;
  /** false: checkout answers 42200 "Accounting not set up". */
  accounting: boolean;
}

export interface NumberGroup {
  groupId: number;
  country: string;
  countryId: string;
  city: string;
  type: string;
  /** Numbers still free: reservations hold (subtract) availability until they expire. */
  availability: number;
  areaCode: string;
  cost: Money;
  capabilities: Capability[];
  /** How numbers of this group are made: prefix + suffix zero-padded to suffixDigits. */
  numberPrefix: string;
  suffixDigits: number;
  firstSuffix: number;
}

export interface Reservation {
  referenceId: string;
  orgId: string;
  groupId: number;
  quantity: number;
  capabilities: Capability[];
  created: number;
  expires: number;
}

export interface RentedNumber {
  /** E.164 digits without '+', as a JSON integer on the wire. */
  number: number;
  orgId: string;
  groupId: number;
  capabilities: Capability[];
  applicationKey?: string;
  countryId: string;
  city: string;
  country: string;
  areaCode: string;
  expires: string;
  cost: Money;
}

export interface Application {
  key: string;
  orgId: string;
  name: string;
}

export interface Instance {
  id: string;
  secret: string;
  userId: number;
  created: number;
  expires: number;
}

/** The wire shapes (what the API answers). */
export type WireNumberGroup = Omit<NumberGroup, 'numberPrefix' | 'suffixDigits' | 'firstSuffix'>;
export type WireNumber = Omit<RentedNumber, 'orgId'>;
export type WireOrganisation = Omit<Organisation, 'accounting'>;

/** Credit is kept in USD; a group priced in another currency is converted at this fixed rate. */
export const usdPerUnit: Record<string, number> = { USD: 1, EUR: 1.1 };

const cents = (amount: number) => Math.round(amount * 100);

export interface StateSnapshot {
  numbers: WireNumber[];
  applications: Application[];
  reservations: Reservation[];
  groups: WireNumberGroup[];
  credit: Record<string, number>;
  instances: number;
  activeInstances: number;
}

export class SimulatorState {
  readonly users: User[] = [];
  readonly organisations = new Map<string, Organisation>();
  readonly groups = new Map<number, NumberGroup>();
  readonly numbers = new Map<number, RentedNumber>();
  readonly applications = new Map<string, Application>();
  readonly reservations = new Map<string, Reservation>();
  /** USD per organisation id. */
  readonly credit = new Map<string, number>();
  /** Sessions: kept across dataset resets (see clearData). */
  readonly instances = new Map<string, Instance>();
  /** How this server reads the points the sources disagree on; kept across dataset resets. */
  dialect: Dialect = { ...referenceDialect };
  private readonly nextSuffix = new Map<number, number>();
  /** The numbers in number order, built on the first list after a change (a list of 200,000 is answered often). */
  private sorted: RentedNumber[] | undefined;

  constructor(
    /** Model time (lifetimes, expiry dates); the clock offset does not move it. */
    readonly now: () => number,
    public reservationTtlMs: number,
  ) {}

  /**
   * Drops all data but the sessions, so a signed-in client stays signed in across a reset
   * as long as its user exists in the new dataset.
   */
  clearData(): void {
    this.users.length = 0;
    for (const m of [
      this.organisations,
      this.groups,
      this.numbers,
      this.applications,
      this.reservations,
      this.credit,
      this.nextSuffix,
    ]) {
      m.clear();
    }
    this.sorted = undefined;
  }

  // ---- sessions -------------------------------------------------------------------------

  /** 40100 for an unknown user or a wrong password: the two must be indistinguishable. */
  login(type: string, identity: string, password: unknown): User {
    const user = this.findUser(type, identity);
    if (!user || typeof password !== 'string' || password !== user.password) {
      throw new SinchError(40100, 'Invalid identity or password.');
    }
    return user;
  }

  findUser(type: string, identity: string): User | undefined {
    if (type === 'email') {
      const wanted = identity.toLowerCase();
      return this.users.find((u) => u.email.toLowerCase() === wanted);
    }
    if (type === 'number') {
      const digits = identity.replace(/^\+/, '');
      return this.users.find((u) => u.phone !== undefined && u.phone.replace(/^\+/, '') === digits);
    }
    return undefined;
  }

  createInstance(user: User, ttlSeconds: number): Instance {
    const created = this.now();
    const instance: Instance = {
      id: randomUUID(),
      secret: randomBytes(16).toString('base64'),
      userId: user.id,
      created,
      expires: created + ttlSeconds * 1000,
    };
    this.instances.set(instance.id, instance);
    return instance;
  }

  /** The live instance and its user; 40100 when unknown, expired, or its user is gone. */
  resolveInstance(instanceId: string): { instance: Instance; user: User } {
    const instance = this.instances.get(instanceId);
    if (!instance) throw new SinchError(40100, 'Unknown instance.');
    if (this.now() >= instance.expires) throw new SinchError(40100, 'The instance has expired; create a new one.');
    const user = this.users.find((u) => u.id === instance.userId);
    if (!user) throw new SinchError(40100, 'Unknown instance.');
    return { instance, user };
  }

  expireInstances(): void {
    const now = this.now();
    for (const i of this.instances.values()) i.expires = Math.min(i.expires, now);
  }

  // ---- organisation ---------------------------------------------------------------------

  organisationOf(user: User): WireOrganisation {
    if (!this.organisations.has(user.orgId)) throw new SinchError(40400, 'The user has no organisation.');
    return this.wireOrganisation(user.orgId);
  }

  private wireOrganisation(orgId: string): WireOrganisation {
    const org = this.organisations.get(orgId)!;
    const wire: WireOrganisation = { id: org.id, name: org.name };
    for (const k of ['website', 'phone', 'countryId', 'vatnumber'] as const) {
      if (org[k] !== undefined) wire[k] = org[k];
    }
    return wire;
  }

  /** The organisations the user owns: the first, and in the `several` dialect the others too. */
  memberships(user: User): string[] {
    return this.dialect.organisations === 'several' ? [user.orgId, ...(user.otherOrgIds ?? [])] : [user.orgId];
  }

  /** GET /v1/organisations in the dialect: one object, or a list. */
  organisationsAnswer(user: User): WireOrganisation | WireOrganisation[] {
    if (this.dialect.organisations === 'object') return this.organisationOf(user);
    const orgs = this.memberships(user).filter((id) => this.organisations.has(id));
    return orgs.map((id) => this.wireOrganisation(id));
  }

  /** 40300 for any organisation but the caller's, existing or not (no existence oracle). */
  requireOwnOrganisation(user: User, orgId: string): void {
    if (!this.memberships(user).includes(orgId)) throw new SinchError(40300, messages.notOwner(orgId));
  }

  // ---- shop -----------------------------------------------------------------------------

  listShop(type: string | undefined): WireNumberGroup[] {
    this.sweepReservations();
    if (type !== undefined && !isCapability(type)) throw new SinchError(40001, messages.invalidNumberType(type));
    return [...this.groups.values()]
      .filter((g) => type === undefined || g.capabilities.includes(type as Capability))
      .map(wireGroup);
  }

  reserve(orgId: string, body: unknown): { referenceId: string } {
    this.sweepReservations();
    const b = requireObject(body);
    let groupId = b.groupId;
    if (Array.isArray(groupId)) {
      if (groupId.length > 1) throw new SinchError(40003, messages.tooManyGroups);
      groupId = groupId[0];
    }
    if (groupId === undefined || groupId === null) throw new SinchError(40002, messages.noGroupIds);
    const group = typeof groupId === 'number' ? this.groups.get(groupId) : undefined;
    if (!group) throw new SinchError(40003, messages.invalidGroup(JSON.stringify(groupId)));

    // Missing or empty capabilities mean "what the group has" (the document's own signed
    // example reserves without them).
    let caps: Capability[];
    if (b.capabilities === undefined || b.capabilities === null) {
      caps = [...group.capabilities];
    } else if (!Array.isArray(b.capabilities)) {
      throw new SinchError(40001, messages.invalidCapability(JSON.stringify(b.capabilities)));
    } else {
      for (const c of b.capabilities) {
        if (typeof c !== 'string' || !isCapability(c) || !group.capabilities.includes(c)) {
          throw new SinchError(40001, messages.invalidCapability(typeof c === 'string' ? c : JSON.stringify(c)));
        }
      }
      caps = b.capabilities.length === 0 ? [...group.capabilities] : sortCaps(b.capabilities as Capability[]);
    }

    const q = b.quantity;
    if (typeof q !== 'number' || !Number.isInteger(q) || q < 1 || q > group.availability) {
      throw new SinchError(
        40003,
        group.availability === 0
          ? `Invalid quantity ${JSON.stringify(q)}: number group ${group.groupId} has no numbers available.`
          : `Invalid quantity ${JSON.stringify(q)}: must be a whole number from 1 to ${group.availability} (available in number group ${group.groupId}).`,
      );
    }

    const created = this.now();
    const reservation: Reservation = {
      referenceId: randomUUID(),
      orgId,
      groupId: group.groupId,
      quantity: q,
      capabilities: caps,
      created,
      expires: created + this.reservationTtlMs,
    };
    group.availability -= q;
    this.reservations.set(reservation.referenceId, reservation);
    return { referenceId: reservation.referenceId };
  }

  /**
   * All or nothing: every reservation must be the org's and live (40400), the org must have
   * accounting (42200) and enough credit for all of them (40200); only then is anything changed.
   * Consumed reservations are deleted, so repeating a checkout can never buy twice.
   */
  checkout(orgId: string, body: unknown): void {
    this.sweepReservations();
    const b = requireObject(body);
    if (b.referenceIds === undefined || b.referenceIds === null) {
      throw new SinchError(40002, 'No referenceIds specified');
    }
    if (!Array.isArray(b.referenceIds) || b.referenceIds.some((r) => typeof r !== 'string')) {
      throw new SinchError(40001, 'referenceIds must be an array of strings.');
    }
    const ids = [...new Set(b.referenceIds as string[])];
    if (ids.length === 0) throw new SinchError(40002, 'No referenceIds specified');
    const reservations = ids.map((id) => this.reservations.get(id));
    if (reservations.some((r) => !r || r.orgId !== orgId)) {
      throw new SinchError(40400, messages.reservationNotFound);
    }
    const live = reservations as Reservation[];
    const org = this.organisations.get(orgId);
    if (!org || !org.accounting) throw new SinchError(42200, messages.noAccounting);

    const totalCents = live.reduce((sum, r) => {
      const g = this.groups.get(r.groupId)!;
      return sum + r.quantity * cents(g.cost.amount * (usdPerUnit[g.cost.currencyId] ?? 1));
    }, 0);
    const creditCents = cents(this.credit.get(orgId) ?? 0);
    if (totalCents > creditCents) throw new SinchError(40200, messages.notEnoughCredit);

    this.credit.set(orgId, (creditCents - totalCents) / 100);
    // A rental runs for a year: a new number should not look like it is about to lapse.
    const expires = formatExpiry(addOneYear(this.now()));
    for (const r of live) {
      const group = this.groups.get(r.groupId)!;
      for (let i = 0; i < r.quantity; i++) {
        this.addNumber(rentedNumber(group, this.allocateNumber(group), orgId, r.capabilities, expires));
      }
      this.reservations.delete(r.referenceId);
    }
  }

  /** Expired reservations stop existing and give their numbers back to the shop. */
  sweepReservations(): void {
    const now = this.now();
    for (const r of [...this.reservations.values()]) {
      if (now >= r.expires) {
        this.reservations.delete(r.referenceId);
        const g = this.groups.get(r.groupId);
        if (g) g.availability += r.quantity;
      }
    }
  }

  /** Applies to existing reservations too, so a test can expire one it already holds. */
  setReservationTtl(ms: number): void {
    this.reservationTtlMs = ms;
    for (const r of this.reservations.values()) r.expires = r.created + ms;
  }

  // ---- numbers and applications ----------------------------------------------------------

  listNumbers(orgId: string): WireNumber[] {
    return this.numbersOfOrganisation(orgId).map(wireNumber);
  }

  /** The organisation's numbers in number order, as held (not copied): the server streams them through `wireNumber`. */
  numbersOfOrganisation(orgId: string): RentedNumber[] {
    if (this.sorted?.length !== this.numbers.size) this.sorted = sortNumbers([...this.numbers.values()]);
    return this.sorted.filter((n) => n.orgId === orgId);
  }

  /** Another organisation's application is reported as not found, like an unknown one. */
  requireApplication(user: User, key: string): Application {
    const app = this.applications.get(key);
    if (!app || !this.memberships(user).includes(app.orgId))
      throw new SinchError(40400, messages.applicationNotFound(key));
    return app;
  }

  listApplicationNumbers(user: User, key: string): WireNumber[] {
    this.requireApplication(user, key);
    return this.numbersOf(key);
  }

  /**
   * Overwrite per capability: afterwards the application's numbers having `capability` are
   * exactly `numbers` (left-out ones are unassigned, ones on another application move here).
   * In the `whole-set` dialect the list replaces ALL of the application's numbers, whatever
   * their capabilities (the path's capability is not checked per number there).
   * Answers all the application's numbers.
   */
  assign(user: User, key: string, capability: string, body: unknown): WireNumber[] {
    if (!isCapability(capability)) throw new SinchError(40001, messages.invalidNumberType(capability));
    const app = this.requireApplication(user, key);
    const wholeSet = this.dialect.assignScope === 'whole-set';
    const b = requireObject(body);
    if (b.numbers === undefined || b.numbers === null) throw new SinchError(40002, 'No numbers specified');
    if (!Array.isArray(b.numbers)) throw new SinchError(40001, 'numbers must be an array of numbers.');
    const wanted = new Set<number>();
    for (const n of b.numbers) {
      if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0) {
        throw new SinchError(
          40003,
          `Invalid number: ${JSON.stringify(n)}. Numbers are JSON integers of E.164 digits without '+'.`,
        );
      }
      const rented = this.numbers.get(n);
      if (!rented || rented.orgId !== app.orgId) throw new SinchError(40003, `Invalid number: ${n}`);
      if (!wholeSet && !rented.capabilities.includes(capability)) {
        throw new SinchError(40001, `The number ${n} does not have the capability '${capability}'.`);
      }
      wanted.add(n);
    }
    for (const n of this.numbers.values()) {
      if (n.applicationKey === app.key && (wholeSet || n.capabilities.includes(capability)) && !wanted.has(n.number)) {
        delete n.applicationKey;
      }
    }
    for (const n of wanted) this.numbers.get(n)!.applicationKey = app.key;
    return this.numbersOf(app.key);
  }

  /** Idempotent: a number that is not on the application (or not rented at all) is fine. */
  unassign(user: User, key: string, numberSegment: string): void {
    const number = parseNumberSegment(numberSegment);
    const app = this.requireApplication(user, key);
    const n = this.numbers.get(number);
    if (n && n.applicationKey === app.key) delete n.applicationKey;
  }

  private numbersOf(key: string): WireNumber[] {
    return sortNumbers([...this.numbers.values()].filter((n) => n.applicationKey === key)).map(wireNumber);
  }

  // ---- building data (datasets, checkout) -----------------------------------------------

  addNumber(n: RentedNumber): void {
    if (this.numbers.has(n.number)) throw new Error(`duplicate number ${n.number}`);
    this.numbers.set(n.number, n);
    this.sorted = undefined;
  }

  /** The group's next number not yet rented: deterministic, never a duplicate. */
  allocateNumber(group: NumberGroup): number {
    // prefix · 10^digits + suffix: the digits of prefix + zero-padded suffix, without building text.
    const base = Number(group.numberPrefix) * 10 ** group.suffixDigits;
    let suffix = this.nextSuffix.get(group.groupId) ?? group.firstSuffix;
    while (this.numbers.has(base + suffix)) suffix++;
    this.nextSuffix.set(group.groupId, suffix + 1);
    // A suffix that outgrew its digits is appended as text, as it always was.
    return suffix < 10 ** group.suffixDigits ? base + suffix : Number(group.numberPrefix + String(suffix));
  }

  snapshot(): StateSnapshot {
    this.sweepReservations();
    const now = this.now();
    const instances = [...this.instances.values()];
    return {
      numbers: sortNumbers([...this.numbers.values()]).map((n) => Object.assign(wireNumber(n), { orgId: n.orgId })),
      applications: [...this.applications.values()],
      reservations: [...this.reservations.values()],
      groups: [...this.groups.values()].map(wireGroup),
      credit: Object.fromEntries(this.credit),
      instances: instances.length,
      activeInstances: instances.filter((i) => now < i.expires).length,
    };
  }
}

/** The {number} path segment: E.164 digits without '+', else 40003. */
export function parseNumberSegment(segment: string): number {
  if (!/^[1-9]\d{0,14}$/.test(segment)) throw new SinchError(40003, messages.invalidNumberPath);
  return Number(segment);
}

export function isCapability(s: string): s is Capability {
  return (capabilities as readonly string[]).includes(s);
}

/** A rented number of a group (applicationKey left unset: unassigned). */
export function rentedNumber(
  group: NumberGroup,
  number: number,
  orgId: string,
  caps: Capability[],
  expires: string,
): RentedNumber {
  return {
    number,
    orgId,
    groupId: group.groupId,
    capabilities: caps.slice(),
    countryId: group.countryId,
    city: group.city,
    country: group.country,
    areaCode: group.areaCode,
    expires,
    cost: { amount: group.cost.amount, currencyId: group.cost.currencyId },
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
/** "2015-12-31T" per day since 1970: a dataset of 200,000 numbers spans a few hundred days. */
const datePrefixes = new Map<number, string>();

/** The document's format: 2015-12-31T23:59:59+00:00. */
export function formatExpiry(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let prefix = datePrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    // Years outside 0000–9999 have a longer ISO form: not cached, formatted in full.
    if (prefix.length !== 11) return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', '+00:00');
    datePrefixes.set(day, prefix);
  }
  const seconds = Math.floor((ms - day * DAY_MS) / 1000);
  return `${prefix}${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}+00:00`;
}

export function addOneYear(ms: number): number {
  const d = new Date(ms);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.getTime();
}

export function addOneMonth(ms: number): number {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.getTime();
}

function requireObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new SinchError(40001, 'The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}

function sortCaps(caps: Capability[]): Capability[] {
  return capabilities.filter((c) => caps.includes(c));
}

function sortNumbers(ns: RentedNumber[]): RentedNumber[] {
  return ns.sort((a, b) => a.number - b.number);
}

function wireGroup(g: NumberGroup): WireNumberGroup {
  return {
    groupId: g.groupId,
    country: g.country,
    countryId: g.countryId,
    city: g.city,
    type: g.type,
    availability: g.availability,
    areaCode: g.areaCode,
    cost: { ...g.cost },
    capabilities: [...g.capabilities],
  };
}

/**
 * applicationKey appears only when the number is assigned, in the document's field order.
 * Two plain literals rather than spreads: listing 20,000 numbers is on the benchmark's path.
 */
export function wireNumber(n: RentedNumber): WireNumber {
  const cost = { amount: n.cost.amount, currencyId: n.cost.currencyId };
  return n.applicationKey === undefined
    ? {
        number: n.number,
        groupId: n.groupId,
        capabilities: n.capabilities.slice(),
        countryId: n.countryId,
        city: n.city,
        country: n.country,
        areaCode: n.areaCode,
        expires: n.expires,
        cost,
      }
    : {
        number: n.number,
        groupId: n.groupId,
        capabilities: n.capabilities.slice(),
        applicationKey: n.applicationKey,
        countryId: n.countryId,
        city: n.city,
        country: n.country,
        areaCode: n.areaCode,
        expires: n.expires,
        cost,
      };
}
