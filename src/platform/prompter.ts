// The port every flow asks the user through; the real prompter is vscode/vscodePrompter.ts.
// No vscode here, not even its types, so the flows run in plain Node tests.
import { UserCancelled } from './errors';

/** `QuickPickItemKind` values (the numbers VS Code uses), without importing vscode. */
export const PickItemKind = { Separator: -1, Default: 0 } as const;

/** What a quick pick shows for one item; structurally a `PickItem`. */
export interface PickItem {
  label: string;
  kind?: (typeof PickItemKind)[keyof typeof PickItemKind];
  description?: string;
  detail?: string;
  picked?: boolean;
  alwaysShow?: boolean;
}

/** Returned by a step when the user pressed the Back button. */
// Symbol.for: the same value in the extension bundle and in the test bundle.
export const BACK: unique symbol = Symbol.for('sinchNumbers.back') as any;
export type Back = typeof BACK;

export interface StepInfo {
  title: string;
  step?: number;
  totalSteps?: number;
}

export interface PickOptions<T extends PickItem> extends StepInfo {
  items: readonly T[];
  placeholder?: string;
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
  /** Items selected when a multi-select pick opens. */
  selected?: readonly T[];
  active?: T;
}

export interface InputOptions extends StepInfo {
  prompt?: string;
  placeholder?: string;
  value?: string;
  password?: boolean;
  /** Returns a message when the value cannot be accepted; the box stays open. */
  validate?: (value: string) => string | undefined;
}

export type Severity = 'info' | 'warning' | 'error';

export interface MessageOptions {
  modal?: boolean;
  detail?: string;
}

/**
 * Everything the extension asks of the user, behind one port. Commands talk to this, never
 * to `vscode.window` directly, so tests can script the answers (FakePrompter) and the flows
 * run without a person. Escape resolves `undefined`, Back resolves `BACK`: no step hangs.
 */
export interface Prompter {
  pick<T extends PickItem>(options: PickOptions<T>): Promise<T | Back | undefined>;
  pickMany<T extends PickItem>(options: PickOptions<T>): Promise<readonly T[] | Back | undefined>;
  input(options: InputOptions): Promise<string | Back | undefined>;
  /** Shows a message; resolves the chosen action's title, or undefined when dismissed. */
  message(severity: Severity, text: string, options: MessageOptions, ...actions: string[]): Promise<string | undefined>;
}

/** Returns the answer, or throws UserCancelled for Escape (keeps flows linear). */
export function orCancel<T>(value: T | undefined): T {
  if (value === undefined) throw new UserCancelled();
  return value;
}
