// What a feature's flows need from the editor, as one port shared by every feature: each
// feature's environment is this plus its own few needs. numbers/vscode/editor.ts builds it from
// the services; the unit tests build it over an in-memory Sinch. No vscode here.
import type { Messages } from '../platform/messages';
import type { Prompter } from '../platform/prompter';
import type { ActiveSession } from '../session/sessionManager';
import type { RentedNumber } from '../sinch/types';
import type { ActivityRecorder } from './activity';

export interface Editor {
  prompter: Prompter;
  /** The one way to tell the user something with buttons (outcomes, failures, follow-ups). */
  messages: Messages;
  session: { current(): ActiveSession; noteError(error: unknown): void };
  /** The Numbers view's list. `fresh`: read after this call, even when a refresh started before is still running. */
  model: {
    readonly numbers: readonly RentedNumber[] | undefined;
    refresh(options?: { fresh?: boolean }): Promise<readonly RentedNumber[]>;
  };
  /** Selects the numbers in the Numbers view. */
  revealNumbers(numbers: readonly number[]): Promise<void>;
  log: { info(message: string): void; warn(message: string): void; show(): void };
  /** Runs `task` under a cancellable notification progress; `signal` aborts when the user cancels. */
  withProgress<T>(
    title: string,
    task: (report: (message: string) => void, signal: AbortSignal) => Promise<T>,
  ): Promise<T>;
  /** The caller's signal combined with the extension's lifetime. */
  signal(caller?: AbortSignal): AbortSignal;
  now(): number;
  /** The activity journal: every change that reached Sinch is recorded there, with its verdict and message. */
  activity: ActivityRecorder;
}
