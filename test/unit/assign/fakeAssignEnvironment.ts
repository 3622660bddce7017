// The assign flows in plain Node: an AssignEnvironment over the in-memory Sinch (fakeSinch.ts)
// and the scripted FakePrompter, recording what the editor was asked to do.
import { AssignCommands } from '../../../src/assign/assignCommands';
import type { AssignEnvironment } from '../../../src/assign/assignEnvironment';
import type { RentedNumber } from '../../../src/sinch/types';
import { FakePrompter } from '../../support/fakePrompter';
import { aNumber, anAccount, APP_A, APP_B } from '../../support/builders';
import { FakeSinch } from './fakeSinch';
import { testMessages } from '../../support/testMessages';
import type { ActivityEntry } from '../../../src/numbers/activity';

export const ORG = '8888123';
export const FREE_VOICE = 14150005550;
export const ON_APP_A = 14150005551;
/** SMS and voice, unassigned. */
export const FREE_BOTH = 493012340100;
/** SMS only, unassigned. */
export const FREE_SMS = 4685550100;
/** SMS and voice, on APP_B. */
export const B_BOTH = 14150005552;
/** SMS only, on APP_B. */
export const B_SMS = [15045550100, 15045550101];

/** The simulator's demo organisation, in short: two applications, numbers free and taken. */
export function demoNumbers(): RentedNumber[] {
  return [
    aNumber({ number: FREE_VOICE, capabilities: ['voice'] }),
    aNumber({ number: ON_APP_A, capabilities: ['voice'], applicationKey: APP_A }),
    aNumber({ number: FREE_BOTH, capabilities: ['sms', 'voice'], city: 'BERLIN', country: 'DE', countryId: 'DE' }),
    aNumber({ number: FREE_SMS, capabilities: ['sms'], city: 'STOCKHOLM', country: 'SE', countryId: 'SE' }),
    aNumber({ number: B_BOTH, capabilities: ['sms', 'voice'], applicationKey: APP_B }),
    ...B_SMS.map((number) => aNumber({ number, capabilities: ['sms'], applicationKey: APP_B, city: 'NEW ORLEANS' })),
  ];
}

export function assignHarness(
  options: { numbers?: RentedNumber[]; labels?: Record<string, string>; added?: string[] } = {},
) {
  const sinch = new FakeSinch(options.numbers ?? demoNumbers());
  const api = sinch.api();
  const prompter = new FakePrompter();
  const cancel = new AbortController();
  const record = {
    noted: [] as unknown[],
    /** Titles of the progress notifications, in order. */
    progress: [] as string[],
    revealed: [] as number[][],
    /** Open documents and the numbers they use (documentsReferencing). */
    openDocuments: [] as Array<{ name: string; numbers: number[] }>,
    refreshes: 0,
    logShown: 0,
    signIns: 0,
    proxySettings: 0,
    /** What Copy Error Details put on the clipboard. */
    copied: [] as string[],
    warnings: [] as string[],
    /** What the flows wrote to the activity journal. */
    activity: [] as ActivityEntry[],
  };
  let list: readonly RentedNumber[] | undefined;
  const env: AssignEnvironment = {
    prompter,
    activity: { record: (e) => record.activity.push(e) },
    messages: testMessages(prompter, record),
    session: {
      current: () => ({ organisationId: ORG, account: anAccount({ organisationId: ORG }), api }),
      noteError: (e) => {
        record.noted.push(e);
      },
    },
    model: {
      get numbers() {
        return list;
      },
      refresh: async () => {
        record.refreshes++;
        list = await api.listRentedNumbers(ORG);
        return list;
      },
    },
    labels: () => options.labels ?? {},
    addedApplications: () => options.added ?? [],
    revealNumbers: async (n) => {
      record.revealed.push([...n]);
    },
    documentsReferencing: (numbers) =>
      record.openDocuments.filter((d) => numbers.some((n) => d.numbers.includes(n))).map((d) => d.name),
    log: {
      info: () => undefined,
      warn: (m) => {
        record.warnings.push(m);
      },
      show: () => {
        record.logShown++;
      },
    },
    withProgress: async (title, task) => {
      record.progress.push(title);
      return task(() => undefined, cancel.signal);
    },
    signal: (caller) => caller ?? new AbortController().signal,
    now: () => Date.now(),
  };
  const commands = new AssignCommands(env);
  return {
    sinch,
    prompter,
    record,
    commands,
    env,
    cancel,
    /** The tree has loaded the list; Sinch's request log starts after it. */
    async loaded(): Promise<void> {
      await env.model.refresh();
      sinch.calls.length = 0;
    },
    /** The number as a tree node shows it (the list's copy). */
    node(number: number): RentedNumber {
      const n = (list ?? []).find((m) => m.number === number);
      if (!n) throw new Error(`no number ${number} in the list`);
      return n;
    },
    /** The last message that was not a modal. */
    get last() {
      return prompter.shown.filter((m) => !m.modal).at(-1);
    },
    get modals() {
      return prompter.shown.filter((m) => m.modal);
    },
  };
}

export { APP_A, APP_B };
