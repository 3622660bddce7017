// The one polling helper of the tests (unit, integration, e2e): for state that nothing can be
// awaited on directly (the simulator's model, the extension's, a combination of tree rows).

/**
 * Polls `predicate` until it returns a truthy value and returns it; throws after `timeout` ms
 * (default 30 s) with `what` and the last error. `interval` is the pause between two polls
 * (default 25 ms; make it longer when one poll is costly, such as reading the page).
 */
export async function waitUntil<T>(
  predicate: () => T | Promise<T>,
  options: { timeout?: number; what?: string; interval?: number } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + (options.timeout ?? 30_000);
  let last: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value;
      last = undefined;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out waiting for ${options.what ?? 'a condition'}${last ? `: ${last instanceof Error ? last.message : String(last)}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.interval ?? 25));
  }
}
