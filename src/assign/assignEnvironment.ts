// What the assign flows need from the editor: the shared Editor port plus the labels, the added
// applications and the open documents. vscode/register.ts builds it; the unit tests build it over an
// in-memory Sinch. No vscode here, so the flows run in plain Node.
import type { Editor } from '../numbers/editor';
import type { RentedNumber } from '../sinch/types';
import type { AssignmentWriter } from './assignmentWriter';
import type { MachineLocking } from '../platform/leaseLocks';
import type { LastChange } from './lastChange';

export interface AssignEnvironment extends Editor {
  /** The setting sinchNumbers.applicationLabels: key → the name the user gave it. */
  labels(): Readonly<Record<string, string>>;
  /** Applications added by key in the tree (they hold no number yet). */
  addedApplications(organisationId: string): readonly string[];
  /** Names of the open documents that use any of these numbers (the confirmations say so). */
  documentsReferencing(numbers: readonly number[]): string[];
  /** Writes to an application are serialised across the windows of this machine through these; absent: per window only. */
  machineLocks?: MachineLocking;
  /** Told whether there is a change Undo Last Change can undo (a context key in the editor). */
  canUndoChanged?(canUndo: boolean): void;
  /** Told that a write landed (the walkthrough's Assign step ticks on it). */
  assigned?(): void;
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

/** What every flow function works with: the editor and the one writer. */
export interface AssignDeps {
  env: AssignEnvironment;
  /** Shared by every assign path, so the per-application queue and the journal of our changes are too. */
  writer: AssignmentWriter;
  /** The last change made here, for Undo Last Change. */
  lastChange: LastChange;
}
