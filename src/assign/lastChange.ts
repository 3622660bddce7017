// The last change this window made to assignments, kept so that Undo Last Change can undo it
// after the toast with its Undo button is gone. One change at a time: a newer one replaces it,
// and the toast's Undo and the command both run the same undo, once.

/** One change that can still be undone, and where it left each number it touched. */
export interface UndoableChange {
  organisation: { id: string; name?: string };
  /** Each number the change touched, and the application it left it on (undefined: unassigned). */
  left: ReadonlyArray<{ number: number; applicationKey?: string }>;
  /** The same work as the toast's Undo button. */
  undo: () => Promise<void>;
}

export class LastChange {
  private change: UndoableChange | undefined;

  /** `changed(true)` while there is a change to undo (the palette's and view's context key). */
  constructor(private readonly changed: (canUndo: boolean) => void = () => undefined) {}

  get current(): UndoableChange | undefined {
    return this.change;
  }

  record(change: UndoableChange): void {
    this.change = change;
    this.changed(true);
  }

  /** Takes the change out (it is being undone); false when it is no longer the last one. */
  take(change: UndoableChange): boolean {
    if (this.change !== change) return false;
    this.change = undefined;
    this.changed(false);
    return true;
  }

  /** The toast's Undo: forgets the change, then undoes it (an older toast's Undo still undoes its own change). */
  undoing(change: UndoableChange): () => Promise<void> {
    return () => {
      this.take(change);
      return change.undo();
    };
  }
}
