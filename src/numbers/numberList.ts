import type { NumberCollector } from '../sinch/client';
import { isValidPhoneNumber } from '../sinch/guards';
import type { Money, RentedNumber } from '../sinch/types';
import { digitsOf } from './phoneFormat';
import { SharedValues } from './sharedValues';

/** What a list knows about its numbers as a whole, gathered while they arrive. */
export interface ListFacts {
  /** The application keys as Sinch spelled them; `keyIndex` points into this (0: unassigned). */
  readonly keys: readonly (string | undefined)[];
  /** How many numbers have each of those keys. */
  readonly keyCounts: readonly number[];
  /** How many numbers have each price (numbers share their price objects). */
  readonly costs: ReadonlyMap<Money, number>;
  /** Values that are not phone numbers. */
  readonly invalid: number;
}

/**
 * The organisation's numbers as the model keeps them: the list as Sinch sent it (each number
 * one plain object whose repeated values are shared), and, per number in typed arrays, its
 * expiry as epoch ms (NaN when it has none or it cannot be read) and its application key's
 * position in `facts.keys`. All of it gathered once, while the list arrives.
 */
export class NumberList {
  /** The numbers by value, for lookups (built when first asked: 12 bytes a number). */
  private byValue: ValueIndex | undefined;
  /** For the few numbers Sinch lists more than once: index → 2, 3… (built with `byValue`). */
  private repeats: Map<number, number> | undefined;

  constructor(
    readonly numbers: readonly RentedNumber[],
    readonly expiresAt: Float64Array,
    readonly keyIndex: Uint32Array,
    readonly facts: ListFacts,
  ) {}

  /** A list already in hand (tests, a list read whole). */
  static of(numbers: readonly RentedNumber[]): NumberList {
    const builder = new NumberListBuilder();
    for (const n of numbers) builder.add(n);
    return builder.finish();
  }

  get size(): number {
    return this.numbers.length;
  }

  /** The tree id of the number at `index`: its digits, then `#2`, `#3`… for later listings of the same number. */
  idOf(index: number): string {
    const n = this.numbers[index].number;
    const digits = Number.isSafeInteger(n) ? String(n) : digitsOf(n);
    const times = (this.repeats ??= findRepeats(this.index())).get(index);
    return times === undefined ? digits : `${digits}#${times}`;
  }

  /** The index of the first listing of `value`, or -1 (a binary search). */
  indexOf(value: number): number {
    const { values, order } = this.index();
    let low = 0;
    let high = values.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (values[mid] < value) low = mid + 1;
      else high = mid;
    }
    return low < values.length && values[low] === value ? order[low] : -1;
  }

  private index(): ValueIndex {
    return (this.byValue ??= indexByValue(this.numbers));
  }
}

/** The values in ascending order, and where each is in the list (listings of one value in list order). */
interface ValueIndex {
  values: Float64Array;
  order: Uint32Array;
}

/** Sinch lists numbers in ascending order, so usually this only checks that they are. */
function indexByValue(numbers: readonly RentedNumber[]): ValueIndex {
  const order = new Uint32Array(numbers.length);
  let ascending = true;
  for (let i = 0; i < numbers.length; i++) {
    order[i] = i;
    if (i > 0 && numbers[i - 1].number > numbers[i].number) ascending = false;
  }
  if (!ascending) order.sort((a, b) => numbers[a].number - numbers[b].number || a - b);
  const values = new Float64Array(numbers.length);
  for (let k = 0; k < order.length; k++) values[k] = numbers[order[k]].number;
  return { values, order };
}

/**
 * Builds a NumberList while the list arrives (the collector of `streamRentedNumbers`): values
 * shared, expiries parsed, keys and prices tallied, so grouping has little left to do once
 * the last number is in.
 */
export class NumberListBuilder implements NumberCollector<NumberList> {
  readonly share = new SharedValues();
  private readonly numbers: RentedNumber[] = [];
  private expiresAt = new Float64Array(1024);
  private keyIndex = new Uint32Array(1024);
  private readonly keys: (string | undefined)[] = [undefined];
  private readonly keyCounts: number[] = [0];
  private readonly keyPositions = new Map<string, number>();
  private readonly costs = new Map<Money, number>();
  private lastCost: Money | undefined;
  private lastCostCount = 0;
  private invalid = 0;

  add(n: RentedNumber): void {
    const i = this.numbers.length;
    if (i === this.expiresAt.length) this.grow();
    this.expiresAt[i] = parseExpiry(n.expires) ?? NaN;
    const key = n.applicationKey;
    let at = 0;
    if (key) {
      at = this.keyPositions.get(key) ?? this.newKey(key);
      this.keyIndex[i] = at;
    }
    this.keyCounts[at]++;
    this.tallyCost(n.cost);
    if (!isValidPhoneNumber(n.number)) this.invalid++;
    this.numbers.push(n);
  }

  finish(): NumberList {
    this.tallyCost(undefined);
    const size = this.numbers.length;
    return new NumberList(this.numbers, this.expiresAt.slice(0, size), this.keyIndex.slice(0, size), {
      keys: this.keys,
      keyCounts: this.keyCounts,
      costs: this.costs,
      invalid: this.invalid,
    });
  }

  private newKey(key: string): number {
    const at = this.keys.push(key) - 1;
    this.keyCounts.push(0);
    this.keyPositions.set(key, at);
    return at;
  }

  /** Runs of one price are counted before they touch the map (most lists have a handful of prices). */
  private tallyCost(cost: Money | undefined): void {
    if (cost === this.lastCost) {
      this.lastCostCount++;
      return;
    }
    if (this.lastCost !== undefined && Number.isFinite(this.lastCost.amount)) {
      this.costs.set(this.lastCost, (this.costs.get(this.lastCost) ?? 0) + this.lastCostCount);
    }
    this.lastCost = cost;
    this.lastCostCount = 1;
  }

  private grow(): void {
    const expiresAt = new Float64Array(this.expiresAt.length * 2);
    expiresAt.set(this.expiresAt);
    this.expiresAt = expiresAt;
    const keyIndex = new Uint32Array(this.keyIndex.length * 2);
    keyIndex.set(this.keyIndex);
    this.keyIndex = keyIndex;
  }
}

/** Later listings of a number already listed: equal values sit side by side in the index, first listing first. */
function findRepeats({ values, order }: ValueIndex): Map<number, number> {
  const out = new Map<number, number>();
  let times = 1;
  for (let k = 1; k < values.length; k++) {
    times = values[k] === values[k - 1] ? times + 1 : 1;
    if (times > 1) out.set(order[k], times);
  }
  return out;
}

/**
 * Epoch ms of an ISO 8601 date, or undefined when missing or unreadable. The forms Sinch
 * sends (`2015-12-31T23:59:59+00:00`, `…Z`, with or without a fraction) are read digit by
 * digit, about twice as fast as Date.parse; anything else (and any doubt) goes to Date.parse.
 */
export function parseExpiry(expires: string | undefined): number | undefined {
  if (!expires) return undefined;
  const t = readIsoDateTime(expires);
  if (t === t) return t; // not NaN
  const parsed = Date.parse(expires);
  return Number.isFinite(parsed) ? parsed : undefined;
}

const MINUTE_MS = 60_000;

/** `YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM)`, years from 100, days up to 28 (the rest: NaN, for Date.parse). */
function readIsoDateTime(s: string): number {
  if (
    s.length < 20 ||
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58
  )
    return NaN;
  const century = twoDigits(s, 0);
  const year = century * 100 + twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  const hour = twoDigits(s, 11);
  const minute = twoDigits(s, 14);
  const second = twoDigits(s, 17);
  // twoDigits is -1 for a non-digit, which fails these ranges too.
  if (
    century < 1 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 28 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59
  )
    return NaN;
  let i = 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46) {
    const start = ++i;
    while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    if (i === start) return NaN;
    ms = Math.floor(Number(`0.${s.slice(start, i)}`) * 1000);
  }
  const sign = s.charCodeAt(i);
  let offset = 0;
  if (sign === 90 /* Z */ && i + 1 === s.length) offset = 0;
  else if ((sign === 43 || sign === 45) && i + 6 === s.length && s.charCodeAt(i + 3) === 58) {
    const h = twoDigits(s, i + 1);
    const m = twoDigits(s, i + 4);
    if (h < 0 || h > 23 || m < 0 || m > 59) return NaN;
    offset = (sign === 45 ? -1 : 1) * (h * 60 + m) * MINUTE_MS;
  } else return NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset;
}

function twoDigits(s: string, at: number): number {
  const a = s.charCodeAt(at) - 48;
  const b = s.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}
