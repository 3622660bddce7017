// What the assign flows need from the editor, as one port: vscode/register.ts builds it from the
// services, the unit tests over an in-memory Sinch. No vscode here, so the flows run in plain Node.
import type { Prompter } from '../platform/prompter';
import type { ActiveSession } from '../session/sessionManager';
import type { RentedNumber } from '../sinch/types';
import type { AssignmentWriter } from './assignmentWriter';
import type { Notices } from './notices';

export interface AssignEnvironment {
  prompter: Prompter;
  session: { current(): ActiveSession; noteError(error: unknown): void };
  /** The Numbers view's list. `fresh`: read after this call, even when a refresh started before is still running. */
  model: {
    readonly numbers: readonly RentedNumber[] | undefined;
    refresh(options?: { fresh?: boolean }): Promise<readonly RentedNumber[]>;
  };
  /** The setting sinchNumbers.applicationLabels: key → the name the user gave it. */
  labels(): Readonly<Record<string, string>>;
  /** Applications added by key in the tree (they hold no number yet). */
  addedApplications(organisationId: string): readonly string[];
  /** Selects the numbers in the Numbers view. */
  revealNumbers(numbers: readonly number[]): Promise<void>;
  /** Names of the open documents that use any of these numbers (the confirmations say so). */
  documentsReferencing(numbers: readonly number[]): string[];
  log: { warn(message: string): void; show(): void };
  /** Runs `task` under a cancellable notification progress; `signal` aborts when the user cancels. */
  withProgress<T>(
    title: string,
    task: (report: (message: string) => void, signal: AbortSignal) => Promise<T>,
  ): Promise<T>;
  /** The caller's signal combined with the extension's lifetime. */
  signal(caller?: AbortSignal): AbortSignal;
  /** Runs a message button's work; its error is shown once, with a Retry that runs that work again. */
  runFollowUp(work: () => unknown): Promise<void>;
  signIn(): Promise<void>;
  openProxySettings(): Promise<void>;
  /** Copy Error Details: code, message, reference, endpoint and time of a failed request, for Sinch support. */
  copyErrorDetails(error: unknown): Promise<void>;
}

/** An application the numbers go to: its key, and its label when the user gave it one. */
export interface Target {
  key: string;
  label?: string;
}

/** What an assign command was invoked on (vscode/invocation.ts reads it from the arguments). */
export interface Invocation {
  /** Numbers taken from the number nodes a menu acts on. */
  nodes?: RentedNumber[];
  /** Numbers given as values (`{ numbers }` after a checkout, or a plain list). */
  values?: number[];
  /** An application node was the target (its menu). */
  application?: Target;
}

/** What every flow function works with: the editor, the one writer, and the messages left open. */
export interface AssignDeps {
  env: AssignEnvironment;
  /** Shared by every assign path, so the per-application queue and the journal of our changes are too. */
  writer: AssignmentWriter;
  notices: Notices;
}
