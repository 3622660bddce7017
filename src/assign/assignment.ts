/**
 * The safe read-merge-write-verify for Sinch's assign endpoint. `PUT …/numbers/{capability}`
 * REPLACES the application's whole set of numbers having that capability, so an assign here
 * always sends the set read just before (current ∪ new), checks the answer holds every number
 * it should, and never sends a set built from data the user has not seen. Pure: no I/O, no vscode.
 */
import { isValidPhoneNumber } from '../sinch/guards';
import type { Capability, RentedNumber } from '../sinch/types';
import { normaliseKey, sameApplication } from '../numbers/applicationKey';
import { CAPABILITIES, capabilitiesOf } from '../numbers/capabilities';
import { MAX_LABEL } from '../numbers/applicationLabels';
import { plainText } from '../platform/safeText';

export function hasCapability(n: Pick<RentedNumber, 'capabilities'>, capability: Capability): boolean {
  return capabilitiesOf(n).includes(capability);
}

/** Capabilities every number has (intersection) and any number has (union), in CAPABILITIES order. */
export function capabilitySummary(numbers: readonly Pick<RentedNumber, 'capabilities'>[]): {
  common: Capability[];
  any: Capability[];
  count: Record<Capability, number>;
} {
  const count: Record<Capability, number> = { sms: 0, voice: 0 };
  for (const n of numbers) for (const c of capabilitiesOf(n)) count[c]++;
  return {
    common: numbers.length === 0 ? [] : CAPABILITIES.filter((c) => count[c] === numbers.length),
    any: CAPABILITIES.filter((c) => count[c] > 0),
    count,
  };
}

export function sortedUnique(numbers: Iterable<number>): number[] {
  return [...new Set(numbers)].sort((a, b) => a - b);
}

/** The numbers of an application's own listing having `capability` (the listing may omit applicationKey). */
export function withCapability(list: readonly RentedNumber[], capability: Capability): number[] {
  return sortedUnique(list.filter((n) => hasCapability(n, capability)).map((n) => n.number));
}

export interface SetChange {
  /** On the application now, not in what the user saw. */
  appeared: number[];
  /** In what the user saw, not on the application now. */
  disappeared: number[];
}

/** The difference between what the user saw and what is there now; undefined when they are equal. */
export function diffSets(seen: Iterable<number>, now: Iterable<number>): SetChange | undefined {
  const before = new Set(seen);
  const after = new Set(now);
  const appeared = sortedUnique([...after].filter((n) => !before.has(n)));
  const disappeared = sortedUnique([...before].filter((n) => !after.has(n)));
  return appeared.length === 0 && disappeared.length === 0 ? undefined : { appeared, disappeared };
}

/** What the user asked to assign, split by what can actually be sent for `capability`. */
export interface Selection {
  /** Valid numbers having the capability: these are sent. */
  eligible: RentedNumber[];
  /** Numbers without the capability: never sent (the user is told before anything is written). */
  lacking: RentedNumber[];
  /** Numbers the server sent that are not valid phone numbers (16+ digits): never sent back. */
  invalid: RentedNumber[];
}

export function partitionSelection(selected: readonly RentedNumber[], capability: Capability): Selection {
  const seen = new Set<number>();
  const out: Selection = { eligible: [], lacking: [], invalid: [] };
  for (const n of selected) {
    if (seen.has(n.number)) continue;
    seen.add(n.number);
    if (!isValidPhoneNumber(n.number)) out.invalid.push(n);
    else if (!hasCapability(n, capability)) out.lacking.push(n);
    else out.eligible.push(n);
  }
  return out;
}

/** Numbers that would leave another application if assigned to `appKey`, by that application. */
export function planMove(selected: readonly RentedNumber[], appKey: string): Map<string, RentedNumber[]> {
  const moves = new Map<string, RentedNumber[]>();
  for (const n of selected) {
    if (n.applicationKey === undefined || sameApplication(n.applicationKey, appKey)) continue;
    const list = moves.get(n.applicationKey) ?? [];
    list.push(n);
    moves.set(n.applicationKey, list);
  }
  return moves;
}

/** The one write of an assign, computed from the application's numbers read just before it. */
export interface WritePlan {
  /** The application's numbers having the capability, as read: what Undo and Restore write back. */
  previous: number[];
  /** previous ∪ adding: the body of the PUT, sorted. */
  send: number[];
  /** Eligible numbers not yet on the application with that capability. */
  adding: number[];
  /** Eligible numbers already there: nothing to do for them. */
  already: number[];
  /** Every number the application must hold afterwards, all capabilities: current ∪ adding. */
  expected: number[];
  /**
   * Numbers on the application with this capability that are not valid phone numbers. They
   * cannot be sent, and leaving them out of the PUT would unassign them: nothing may be written.
   */
  blocked: number[];
}

export function planWrite(
  current: readonly RentedNumber[],
  capability: Capability,
  eligible: readonly number[],
): WritePlan {
  const previous = withCapability(current, capability);
  const have = new Set(previous);
  const adding = sortedUnique(eligible.filter((n) => !have.has(n)));
  const already = sortedUnique(eligible.filter((n) => have.has(n)));
  return {
    previous,
    send: sortedUnique([...previous, ...adding]),
    adding,
    already,
    expected: sortedUnique([...current.map((n) => n.number), ...adding]),
    blocked: previous.filter((n) => !isValidPhoneNumber(n)),
  };
}

export interface Verification {
  ok: boolean;
  /** Expected on the application but absent from Sinch's answer. */
  missing: number[];
  /** Numbers in the answer that were not expected (someone else's change, or Sinch's): reported, not an error. */
  extra: number[];
}

/** Checks the application's numbers after a write hold every number expected. */
export function verify(expected: readonly number[], result: readonly Pick<RentedNumber, 'number'>[]): Verification {
  const got = new Set(result.map((n) => n.number));
  const want = new Set(expected);
  const missing = sortedUnique(expected.filter((n) => !got.has(n)));
  const extra = sortedUnique([...got].filter((n) => !want.has(n)));
  return { ok: missing.length === 0, missing, extra };
}

/**
 * The set that undoes our own change without touching anybody else's: whatever is there now,
 * less only the numbers we added, plus the numbers our write dropped that may come back. Not
 * the whole previous set: a number that left since went somewhere on purpose.
 */
export function restoreTarget(
  currentWithCapability: readonly number[],
  added: readonly number[],
  putBack: readonly number[] = [],
): number[] {
  const ours = new Set(added);
  return sortedUnique([...currentWithCapability.filter((n) => !ours.has(n)), ...putBack]);
}

/**
 * Groups numbers for re-assigning them with as few writes as possible: one capability every
 * number of a group has. Numbers with no assignable capability (or invalid) are left out.
 */
export function groupByCapability(
  numbers: readonly RentedNumber[],
): { capability: Capability; numbers: RentedNumber[] }[] {
  const groups: { capability: Capability; numbers: RentedNumber[] }[] = [];
  let rest = numbers.filter((n) => isValidPhoneNumber(n.number) && capabilitiesOf(n).length > 0);
  while (rest.length > 0) {
    const { count } = capabilitySummary(rest);
    const capability = CAPABILITIES.reduce((best, c) => (count[c] > count[best] ? c : best));
    groups.push({ capability, numbers: rest.filter((n) => hasCapability(n, capability)) });
    rest = rest.filter((n) => !hasCapability(n, capability));
  }
  return groups;
}

/** After an unassign: which numbers left as asked, which stayed, and which others vanished. */
export interface UnassignCheck {
  /** Asked to leave and gone. */
  removed: number[];
  /** Asked to leave but still there. */
  stillThere: number[];
  /** Not asked to leave, expected to stay, but gone: a warning naming each one. */
  disappeared: number[];
}

export function checkUnassign(
  seenBefore: readonly number[],
  asked: readonly number[],
  after: readonly Pick<RentedNumber, 'number'>[],
): UnassignCheck {
  const now = new Set(after.map((n) => n.number));
  const leaving = new Set(asked);
  return {
    removed: sortedUnique(asked.filter((n) => !now.has(n))),
    stillThere: sortedUnique(asked.filter((n) => now.has(n))),
    disappeared: sortedUnique(seenBefore.filter((n) => !leaving.has(n) && !now.has(n))),
  };
}

/**
 * Runs tasks one after the other per key (an application key): two assigns to one application
 * never interleave their read and write, so each re-reads what the previous one wrote. A failed
 * task does not block the ones behind it; different keys run in parallel.
 */
export class KeyedSerialQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    return this.runAll([key], task);
  }

  /** Runs `task` after every task already queued for any of `keys`; a later task on any of them waits for this one. */
  runAll<T>(keys: readonly string[], task: () => Promise<T>): Promise<T> {
    const ks = [...new Set(keys.map(normaliseKey))];
    const result = Promise.all(ks.map((k) => this.tails.get(k))).then(() => task());
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    for (const k of ks) this.tails.set(k, tail);
    void tail.then(() => {
      for (const k of ks) if (this.tails.get(k) === tail) this.tails.delete(k);
    });
    return result;
  }

  /** True while a task for `key` runs or waits. */
  busy(key: string): boolean {
    return this.tails.has(normaliseKey(key));
  }
}

interface JournalEntry {
  seq: number;
  appKey: string;
  added: Map<number, Capability[]>;
  removed: Set<number>;
}

/**
 * Our own changes, in order. A flow notes `mark()` when it takes the user's view from the
 * model; before writing, `adjust` adds the changes this extension itself made since, so a
 * second assign queued behind a first one does not mistake the first for somebody else's.
 */
export class AssignmentJournal {
  private seq = 0;
  private readonly entries: JournalEntry[] = [];

  constructor(private readonly limit = 200) {}

  /** Entries up to here are known to be in the numbers list (a refresh started after them succeeded). */
  private reflectedSeq = 0;

  mark(): number {
    return this.seq;
  }

  /**
   * The mark to take with a snapshot of the numbers list: the last entry the list is known to
   * hold. Applying an entry the list already holds changes nothing, so erring early is safe;
   * erring late would make our own change look like somebody else's.
   */
  snapshotMark(): number {
    return this.reflectedSeq;
  }

  /** A refresh of the list asked for after `seq` has succeeded. */
  reflect(seq: number): void {
    this.reflectedSeq = Math.max(this.reflectedSeq, Math.min(seq, this.seq));
  }

  record(
    appKey: string,
    change: { added?: readonly Pick<RentedNumber, 'number' | 'capabilities'>[]; removed?: readonly number[] },
  ): void {
    const added = new Map((change.added ?? []).map((n) => [n.number, capabilitiesOf(n)] as const));
    const removed = new Set(change.removed ?? []);
    if (added.size === 0 && removed.size === 0) return;
    this.entries.push({ seq: ++this.seq, appKey: normaliseKey(appKey), added, removed });
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  /**
   * What the user saw of the application's `capability` set (its whole set when no capability
   * is given) at `since`, with our own changes after it applied; undefined when the journal no
   * longer reaches back that far (then the caller treats the view as stale and asks).
   */
  adjust(appKey: string, seen: readonly number[], since: number, capability?: Capability): number[] | undefined {
    const first = this.entries[0];
    if (first !== undefined && first.seq > since + 1) return undefined;
    const key = normaliseKey(appKey);
    const set = new Set(seen);
    for (const e of this.entries) {
      if (e.seq <= since || e.appKey !== key) continue;
      for (const n of e.removed) set.delete(n);
      for (const [n, caps] of e.added) if (capability === undefined || caps.includes(capability)) set.add(n);
    }
    return sortedUnique(set);
  }
}

/** An application the user can pick: from the numbers on it, or only from a label in the settings. */
export interface KnownApplication {
  key: string;
  label?: string;
  /** How many of the organisation's numbers are on it. */
  count: number;
}

/** Applications in the numbers list plus the labelled and the added keys (UUID-shaped only), by label then key. */
export function knownApplications(
  numbers: readonly RentedNumber[],
  labels: Readonly<Record<string, string>>,
  isKey: (k: string) => boolean,
  added: readonly string[] = [],
): KnownApplication[] {
  const byKey = new Map<string, KnownApplication>();
  for (const key of added) {
    if (isKey(key)) byKey.set(normaliseKey(key), { key: key.trim(), count: 0 });
  }
  for (const n of numbers) {
    if (n.applicationKey === undefined) continue;
    const id = normaliseKey(n.applicationKey);
    const app = byKey.get(id) ?? { key: n.applicationKey.trim(), count: 0 };
    app.count++;
    byKey.set(id, app);
  }
  for (const [key, label] of Object.entries(labels)) {
    if (!isKey(key)) continue;
    const id = normaliseKey(key);
    const app = byKey.get(id) ?? { key: key.trim(), count: 0 };
    const name = plainText(label, MAX_LABEL);
    if (name) app.label = name;
    byKey.set(id, app);
  }
  return [...byKey.values()].sort(
    (a, b) => (a.label ?? '\uffff').localeCompare(b.label ?? '\uffff') || a.key.localeCompare(b.key),
  );
}
