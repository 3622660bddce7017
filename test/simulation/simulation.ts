// The interleaving simulation: two or three windows of one machine, each running the product's
// plain assign and rent code, a colleague acting directly on Sinch, and faults, ordered by
// fast-check's scheduler on a virtual clock. After every step the invariants are checked; a
// failing schedule is shrunk by fast-check and printed with its seed.
import { AsyncLocalStorage } from 'node:async_hooks';
import fc from 'fast-check';
import { formatPhoneNumber } from '../../src/numbers/phoneFormat';
import type { Capability } from '../../src/sinch/types';
import { demo } from '../simulator/datasets';
import { SyncedStorage } from './simStorage';
import { FAULTS, SimSinch, VirtualClock, shortNumber, type Fault } from './simSinch';
import { SimUser, type Said } from './simUser';
import { SimWindow } from './window';
import { SimLocks } from './simLocks';

export const APPS = { ivr: demo.voiceApp, support: demo.supportApp, staging: demo.emptyApp } as const;
/** Voice-only numbers of the demo organisation: no capability question. */
export const VOICE = [14150005550, 14150005551, 33140000100, 442079460100] as const;
const APP_KEYS = Object.values(APPS);

export type Op =
  | { kind: 'drop'; numbers: number[]; app: string }
  | { kind: 'unassign'; number: number }
  | { kind: 'rent'; groupId: number; quantity: number }
  | { kind: 'reserve'; groupId: number; quantity: number }
  | { kind: 'checkoutCart' };

export type ColleagueOp = { kind: 'assign'; number: number; app: string } | { kind: 'unassign'; number: number };

export interface Scenario {
  windows: Op[][];
  colleague: ColleagueOp[];
  faults: Fault[];
  /** The user's answers to messages with buttons, in order (index into the buttons; past the end: dismiss). */
  presses: number[];
  /** How long the user keeps each confirmation open, in order (virtual ms). */
  thinks: number[];
  listLagMs: number;
  /** Per operation, in order: started while the window's previous operation still runs. */
  meanwhile: boolean[];
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('drop' as const),
      numbers: fc.uniqueArray(fc.constantFrom(...VOICE), { minLength: 1, maxLength: 2 }),
      app: fc.constantFrom(...APP_KEYS),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unassign' as const), number: fc.constantFrom(...VOICE) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('rent' as const),
      groupId: fc.constant(1),
      quantity: fc.integer({ min: 1, max: 2 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('reserve' as const),
      groupId: fc.constantFrom(1, 50),
      quantity: fc.constant(1),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'checkoutCart' as const }) },
);

const colleagueArb: fc.Arbitrary<ColleagueOp> = fc.oneof(
  fc.record({
    kind: fc.constant('assign' as const),
    number: fc.constantFrom(...VOICE),
    app: fc.constantFrom(...APP_KEYS),
  }),
  fc.record({ kind: fc.constant('unassign' as const), number: fc.constantFrom(...VOICE) }),
);

const faultArb: fc.Arbitrary<Fault> = fc.oneof(
  { weight: 12, arbitrary: fc.constant('none' as const) },
  { weight: 1, arbitrary: fc.constantFrom(...FAULTS.filter((f) => f !== 'none')) },
);

export const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  windows: fc.array(fc.array(opArb, { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 3 }),
  colleague: fc.array(colleagueArb, { maxLength: 3 }),
  faults: fc.array(faultArb, { maxLength: 40 }),
  presses: fc.array(fc.nat(3), { maxLength: 12 }),
  thinks: fc.array(fc.constantFrom(0, 0, 0, 90_000, 16 * 60_000), { maxLength: 8 }),
  listLagMs: fc.constantFrom(0, 0, 120_000),
  meanwhile: fc.array(fc.boolean(), { maxLength: 9 }),
});

/** What one schedule found. */
export interface RunResult {
  steps: number;
  violations: string[];
}

/** One accepted money confirmation: the numbers it named, and how many its reservations bought. */
interface Confirmation {
  id: number;
  window: string;
  op: number;
  quantity: number;
  bought: number;
}

/** Runs one scenario under one schedule; resolves with the violations found (none: the invariants held). */
export async function runScenario(sc: Scenario, s: fc.Scheduler): Promise<RunResult> {
  const clock = new VirtualClock(Date.UTC(2025, 5, 1, 12, 0, 0));
  let steps = 0;
  const violations: string[] = [];
  const step = (label: string) => s.schedule(Promise.resolve(label), label).then(() => undefined);
  // A reservation the cart forgets while Sinch still holds it, and the user did not discard it: a violation.
  const onCartWrite = (window: string, key: string, before: unknown, after: unknown) => {
    if (key !== 'cart') return;
    const ids = (v: unknown) =>
      new Map(
        (Array.isArray(v) ? (v as Array<{ referenceId: string; expiresAt: number }>) : []).map((i) => [
          i.referenceId,
          i,
        ]),
      );
    const kept = ids(after);
    for (const [id, item] of ids(before)) {
      if (kept.has(id) || item.expiresAt <= clock.now) continue;
      const held = sinch.state.reservations.get(id);
      if (held && held.expires > clock.now)
        violations.push(
          `${window} dropped the live reservation ${id} from the cart (Sinch holds it until ${new Date(held.expires).toISOString().slice(11, 19)})`,
        );
    }
  };
  const machine = { storage: new SyncedStorage(step, (...a) => onCartWrite(...a)), locks: new SimLocks(clock, step) };
  let pressIndex = 0;
  let thinkIndex = 0;
  const said: Said[] = [];

  // ---- money bookkeeping --------------------------------------------------------------
  // Per confirmation, not per operation: Reserve Again asks again, with its own total.
  const confirmations = new Map<number, Confirmation>();
  const shownConfirmation = new Map<Said, Confirmation>();
  /** Per operation: the confirmation accepted last (its reservations count against it). */
  const activeConfirmation = new Map<number, number>();
  const reservationConfirmation = new Map<string, number>();
  const reservationQuantity = new Map<string, number>();
  const consumed = new Set<string>();
  /** Per operation: an accepted confirmation that showed the total. */
  const confirmedMoney = new Set<number>();
  /** Per operation: the reservation ids it sent in a checkout. */
  const sentIds = new Map<number, Set<string>>();
  /** Per message: the ids its operation had sent when it was shown (what the message is about). */
  const sentWhenSaid = new Map<Said, Set<string>>();
  /** The user operation the running code works for (follow-ups included). */
  const opContext = new AsyncLocalStorage<number>();
  const currentOp = () => opContext.getStore() ?? 0;

  const sinch = new SimSinch(clock, step, sc.faults, sc.listLagMs, {
    onCheckoutSent: (_window, ids) => {
      const op = currentOp();
      sentIds.set(op, new Set([...(sentIds.get(op) ?? []), ...ids]));
    },
    onReserve: (_window, ref, quantity) => {
      reservationConfirmation.set(ref, activeConfirmation.get(currentOp()) ?? -1);
      reservationQuantity.set(ref, quantity);
    },
    beforeCheckout: (window) => {
      const op = currentOp();
      if (!confirmedMoney.has(op))
        violations.push(`${window} op ${op}: checkout sent without a confirmation showing the total`);
    },
    onCheckout: (_window, ids) => {
      for (const id of ids) {
        consumed.add(id);
        const c = confirmations.get(reservationConfirmation.get(id) ?? -1);
        if (!c) continue;
        c.bought += reservationQuantity.get(id) ?? 0;
        if (c.bought > c.quantity)
          violations.push(`${c.window} op ${c.op}: ${c.bought} numbers bought for one confirmation of ${c.quantity}`);
      }
    },
    onRead: (window, appKey) => lastRead.set(`${window} ${appKey}`, steps),
    onPut: (window, appKey, attempt, dropped) => {
      const readAt = lastRead.get(`${window} ${appKey}`) ?? -1;
      for (const n of dropped) {
        const byColleague = (colleagueOn.get(n) ?? []).some((x) => x.at >= readAt && x.app === appKey);
        if (!byColleague) continue;
        // Between a read and the first PUT built from it, the API cannot keep a colleague's change:
        // excused. A re-send of that body is not (a body built from a read is sent at most once).
        if (attempt === 0) excused.set(n, steps);
        else
          violations.push(
            `${window}: a re-sent PUT to ${where(appKey)} dropped ${formatPhoneNumber(n)}, which the colleague put there after the read the body was built from`,
          );
      }
    },
  });
  /** Per window and application: the step of Sinch's last answer to a read of it. */
  const lastRead = new Map<string, number>();
  /** Numbers a first PUT dropped that a colleague put there after its read: the step. */
  const excused = new Map<number, number>();

  // ---- who touched which number, when ---------------------------------------------------
  const initial = new Map([...sinch.state.numbers.values()].map((n) => [n.number, n.applicationKey]));
  /** Per number: the operations involving it (start and end step) and the colleague's changes (step, where to). */
  const opsOn = new Map<number, Array<{ op: number; start: number; end: number }>>();
  const colleagueOn = new Map<number, Array<{ at: number; app: string | undefined }>>();
  const opStart = new Map<number, number>();
  const claims: Array<{ op: number; window: string; numbers: number[]; app: string; at: number; text: string }> = [];
  const undone = new Set<number>();

  const heard = (m: Said) => {
    said.push(m);
    const op = m.op;
    sentWhenSaid.set(m, new Set(sentIds.get(op) ?? []));
    if (m.modal && /Total: /.test(m.detail ?? '')) {
      confirmedMoney.add(op); // accepted below, unless dismissed
      const quantity = Number(/(\d+) numbers?\b/.exec(m.text)?.[1] ?? 0);
      shownConfirmation.set(m, { id: shownConfirmation.size + 1, window: m.window, op, quantity, bought: 0 });
    }
    const spec = opSpec.get(op);
    if (!spec || m.modal) return;
    if (spec.kind === 'drop' && m.severity === 'info' && /^(Assigned|Moved) /.test(m.text)) {
      claims.push({ op, window: m.window, numbers: spec.numbers, app: spec.app, at: steps, text: m.text });
    }
  };
  const pressed = (m: Said) => {
    if (m.modal && /Total: /.test(m.detail ?? '') && m.pressed === undefined) confirmedMoney.delete(m.op);
    const c = shownConfirmation.get(m);
    if (c && m.pressed !== undefined) {
      confirmations.set(c.id, c);
      activeConfirmation.set(m.op, c.id);
    }
    if (m.pressed === 'Undo' || m.pressed === 'Restore') undone.add(m.op);
  };

  const opSpec = new Map<number, Op>();
  let nextOp = 1;
  const windows: SimWindow[] = sc.windows.map((_ops, i) => {
    const name = `w${i + 1}`;
    let pressesThisOp = 0;
    let lastOp = 0;
    const user = new SimUser(
      name,
      step,
      {
        modal: (_text, actions) => {
          const spec = opSpec.get(currentOp());
          if (actions.includes('Add to Cart')) return spec?.kind === 'reserve' ? 'Add to Cart' : 'Rent';
          return actions[0];
        },
        press: (_text, actions) => {
          const op = currentOp();
          if (op !== lastOp) {
            lastOp = op;
            pressesThisOp = 0;
          }
          if (actions.length === 0 || pressesThisOp >= 2) return undefined;
          const pick = sc.presses[pressIndex++ % Math.max(1, sc.presses.length)] ?? 99;
          if (pick >= actions.length) return undefined;
          pressesThisOp++;
          return actions[pick];
        },
        thinkMs: () => sc.thinks[thinkIndex++] ?? 0,
      },
      (m) => heard(m),
      (ms) => sinch.passTime(ms, `${name} user thinks`),
      () => steps,
      currentOp,
      pressed,
    );
    return new SimWindow(name, sinch, user, machine, randomFrom(sc.faults.length + i));
  });

  let opIndex = 0;
  const runWindow = async (w: SimWindow, ops: Op[]) => {
    const running: Promise<void>[] = [];
    for (const op of ops) {
      const meanwhile = sc.meanwhile[opIndex++] === true;
      if (!meanwhile) await Promise.all(running);
      running.push(runOne(w, op));
    }
    await Promise.all(running);
  };
  const runOne = async (w: SimWindow, op: Op) => {
    {
      const id = nextOp++;
      opSpec.set(id, op);
      const numbers = op.kind === 'drop' ? op.numbers : op.kind === 'unassign' ? [op.number] : [];
      await step(`${w.name} starts op ${id} ${describe(op)}`);
      const start = steps;
      opStart.set(id, start);
      await opContext.run(id, () => w.run(() => runOp(w, op)));
      for (const n of numbers) opsOn.set(n, [...(opsOn.get(n) ?? []), { op: id, start, end: steps }]);
    }
  };
  const runOp = (w: SimWindow, op: Op): Promise<unknown> => {
    switch (op.kind) {
      case 'drop':
        return w.assign.dropOnApplication(op.numbers, { key: op.app });
      case 'unassign':
        return w.assign.dropOnUnassigned([op.number]);
      case 'rent':
      case 'reserve':
        return w.rent.rentNumbers({ groupId: op.groupId, quantity: op.quantity });
      case 'checkoutCart':
        return w.rent.checkoutCart();
    }
  };
  const colleague = async (c: ColleagueOp) => {
    await step(`colleague ${c.kind} ${shortNumber(c.number)}${c.kind === 'assign' ? ` → ${c.app.slice(0, 4)}` : ''}`);
    const n = sinch.state.numbers.get(c.number);
    if (!n) return;
    if (c.kind === 'unassign') {
      if (n.applicationKey) sinch.state.unassign(sinch.user, n.applicationKey, String(c.number));
    } else {
      // The dashboard's own assign: atomic on Sinch's side.
      const cap: Capability = 'voice';
      sinch.state.assign(sinch.user, c.app, cap, { numbers: [...sinch.on(c.app), c.number] });
    }
    colleagueOn.set(c.number, [...(colleagueOn.get(c.number) ?? []), { at: steps, app: sinch.whereIs(c.number) }]);
  };

  const done = Promise.all([
    ...windows.map((w, i) => runWindow(w, sc.windows[i])),
    ...sc.colleague.map((c) => colleague(c)),
  ]);
  let finished = false;
  void done.then(() => (finished = true));

  // ---- the schedule, one step at a time ---------------------------------------------------
  for (let idle = 0; !finished && idle < 5;) {
    if (s.count() === 0) {
      idle++;
      await new Promise((r) => setImmediate(r));
      continue;
    }
    idle = 0;
    await s.waitNext(1);
    steps++;
    if (violations.length > 0 || steps > 5000) break;
  }
  if (!finished && violations.length === 0)
    violations.push(`the run did not finish: ${steps} steps, nothing left to schedule`);
  while ((sinch.inFlight > 0 || machine.storage.pending > 0) && s.count() > 0) {
    await s.waitNext(1);
    steps++;
  }

  // ---- at the end: what the user was told, and what is left held -------------------------
  if (violations.length === 0) {
    const toldSince = (n: number, since: number) =>
      said.some(
        (m) => m.at >= since && m.severity !== 'info' && (m.text + (m.detail ?? '')).includes(formatPhoneNumber(n)),
      );
    for (const c of claims) {
      if (undone.has(c.op)) continue;
      const since = opStart.get(c.op) ?? 0;
      for (const n of c.numbers) {
        if (sinch.whereIs(n) === c.app) continue;
        const byOthers =
          (opsOn.get(n) ?? []).some((o) => o.op !== c.op && o.end >= since) ||
          (colleagueOn.get(n) ?? []).some((x) => x.at >= since);
        if (byOthers || toldSince(n, c.at)) continue;
        violations.push(
          `${c.window} op ${c.op} was told "${c.text}", but ${formatPhoneNumber(n)} is ${where(sinch.whereIs(n))} and nobody here moved it`,
        );
      }
    }
    for (const [n, app] of initial) {
      if (!VOICE.includes(n as (typeof VOICE)[number])) continue;
      const last = (colleagueOn.get(n) ?? []).at(-1);
      // After an operation of this user on the number, its claims say where it should be.
      if ((opsOn.get(n) ?? []).some((o) => o.end >= (last?.at ?? 0))) continue;
      const expected = last ? last.app : app;
      const now = sinch.whereIs(n);
      if (now === expected || toldSince(n, last?.at ?? 0)) continue;
      if (last && (excused.get(n) ?? -1) >= last.at) continue;
      violations.push(
        `${formatPhoneNumber(n)} should be ${where(expected)} (${last ? 'the colleague put it there' : 'as it was'}), but is ${where(now)}: nobody asked, nobody was told`,
      );
    }
    for (const m of said) {
      // What it says of the reservations its operation had sent by then (not of a later Reserve Again's).
      const used = [...(sentWhenSaid.get(m) ?? [])].filter((id) => consumed.has(id));
      if (used.length === 0) continue;
      if (m.modal) {
        if (/earlier reservation expired/.test(m.detail ?? ''))
          violations.push(
            `${m.window} op ${m.op} was asked to buy again "because the earlier reservation expired", but it was used`,
          );
        continue;
      }
      if (/charged nothing|nothing was charged/i.test(m.text) && !/Discarded/.test(m.text))
        violations.push(`${m.window} op ${m.op} was told "${m.text}", but its checkout went through`);
      if (/\bexpired\b/.test(m.text + (m.detail ?? '')) && !/or it expired|or expired|expired early/.test(m.text))
        violations.push(`${m.window} op ${m.op} was told "${m.text}", but its reservation was used`);
    }
    for (const w of windows) {
      for (const k of [...APP_KEYS, ...VOICE.map(String)]) {
        if (w.assign.writer.queue.busy(k) || w.assign.writer.numberQueue.busy(k))
          violations.push(`${w.name} still holds the queue of ${k}`);
      }
      for (const k of machine.locks.heldBy(w.name)) violations.push(`${w.name} still holds the machine lock ${k}`);
      for (const item of machine.storage.get<Array<{ checkout?: { state: string; window: string } }>>(w.name, 'cart') ??
        []) {
        if (item.checkout?.state === 'checkingOut' && item.checkout.window === w.name)
          violations.push(`${w.name} left a checkout claim on the cart`);
      }
    }
  }
  for (const w of windows) w.dispose();
  return { steps, violations };
}

function where(app: string | undefined): string {
  if (app === undefined) return 'unassigned';
  const name = Object.entries(APPS).find(([, k]) => k === app)?.[0];
  return `on ${name ?? app.slice(0, 8)}`;
}

export function describe(op: Op): string {
  switch (op.kind) {
    case 'drop':
      return `drop ${op.numbers.map(shortNumber).join(',')} on ${where(op.app).replace('on ', '')}`;
    case 'unassign':
      return `unassign ${shortNumber(op.number)}`;
    case 'rent':
      return `rent ${op.quantity} of group ${op.groupId}`;
    case 'reserve':
      return `reserve ${op.quantity} of group ${op.groupId} into the cart`;
    case 'checkoutCart':
      return 'check out the cart';
  }
}

/** A small seeded generator for backoff jitter and Retry-After values. */
function randomFrom(seed: number): () => number {
  let a = (seed * 2654435761) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The property: every scenario, under every schedule, keeps the invariants. */
export function interleavingProperty(onRun?: (r: RunResult) => void) {
  return fc.asyncProperty(scenarioArb, fc.scheduler(), async (sc, s) => {
    const r = await runScenario(sc, s);
    onRun?.(r);
    if (r.violations.length > 0) throw new Error(r.violations.join('\n'));
  });
}
