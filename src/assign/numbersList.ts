// The organisation's numbers as the assign flows read them: the Numbers view's list, loaded
// once when the tree has not, and read again after each change.
import type { RentedNumber } from '../sinch/types';
import type { AssignDeps } from './assignEnvironment';

/** The model's numbers, loaded once if the tree has not loaded them yet. */
export async function loadNumbers({ env }: AssignDeps): Promise<readonly RentedNumber[]> {
  const known = env.model.numbers;
  if (known && known.length > 0) return known;
  try {
    return await env.model.refresh();
  } catch (error) {
    env.session.noteError(error);
    throw error;
  }
}

/** A read of the list that starts after our changes so far (the journal then knows the list holds them). */
export function readAfterChanges({ env, writer }: AssignDeps): Promise<readonly RentedNumber[]> {
  // fresh: a refresh already in flight started before our write; one more follows it.
  return writer.refreshed(() => env.model.refresh({ fresh: true }));
}

/** readAfterChanges after a change: its failure must not turn a done change into an error. */
export async function refreshAfterChange(deps: AssignDeps): Promise<void> {
  try {
    await readAfterChanges(deps);
  } catch (error) {
    deps.env.session.noteError(error);
    deps.env.log.warn(
      `Refreshing the numbers after a change failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The list's current copy of each number (a tree node may hold an older one). */
export function currentCopies(numbers: readonly RentedNumber[], all: readonly RentedNumber[]): RentedNumber[] {
  const byNumber = new Map(all.map((n) => [n.number, n]));
  return numbers.map((n) => byNumber.get(n.number) ?? n);
}
