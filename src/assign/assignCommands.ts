// The assign feature over its port: Assign to Application…, Move to Application…, Unassign from
// Application, and the tree's two drops. One writer serves them all.
import type { AssignDeps, AssignEnvironment, Invocation, Target } from './assignEnvironment';
import { dropOnApplication, runAssignCommand } from './assignFlow';
import { AssignmentWriter } from './assignmentWriter';
import { LastChange } from './lastChange';
import { undoLastChange } from './undoLastChange';
import type { AssignMode } from './assignQuestions';
import { dropOnUnassigned, runUnassignCommand } from './unassignFlow';

export class AssignCommands implements AssignDeps {
  readonly writer: AssignmentWriter;
  readonly lastChange = new LastChange((canUndo) => this.env.canUndoChanged?.(canUndo));

  constructor(readonly env: AssignEnvironment) {
    this.writer = new AssignmentWriter(() => env.now(), env.machineLocks);
  }

  assign(mode: AssignMode, invocation: Invocation): Promise<void> {
    return runAssignCommand(this, mode, invocation);
  }

  unassign(invocation: Invocation): Promise<void> {
    return runUnassignCommand(this, invocation);
  }

  dropOnApplication(numbers: readonly number[], application: Target): Promise<void> {
    return dropOnApplication(this, numbers, application);
  }

  dropOnUnassigned(numbers: readonly number[]): Promise<void> {
    return dropOnUnassigned(this, numbers);
  }

  /** Undo Last Change: the same undo as the last toast's Undo button, or why it cannot. */
  undoLastChange(): Promise<void> {
    return undoLastChange(this);
  }

  /** Resolves once every message shown so far is answered and its follow-up has finished (tests wait on it). */
  idle(): Promise<void> {
    return this.env.messages.idle();
  }
}
