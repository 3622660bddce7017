// globalState for the simulation as VS Code has it: each window reads and writes its own copy,
// and a write reaches the other windows later (a step of the schedule), last writer wins. So a
// read-modify-write of the cart in one window can race another window's.
import type { KeyValueStorage } from '../../src/platform/keyValueStorage';
import type { Step } from './simSinch';

export class SyncedStorage {
  private readonly copies = new Map<string, Map<string, unknown>>();
  /** Writes not yet seen by every window: the run is over only when none is left. */
  pending = 0;

  constructor(
    private readonly step: Step,
    /** Told of every write a window makes, with the value it replaces in that window's copy. */
    private readonly onWrite: (window: string, key: string, before: unknown, after: unknown) => void = () => undefined,
  ) {}

  private copy(window: string): Map<string, unknown> {
    let c = this.copies.get(window);
    if (!c) this.copies.set(window, (c = new Map()));
    return c;
  }

  /** One window's globalState. */
  view(window: string): KeyValueStorage {
    return {
      get: <T>(key: string) => this.copy(window).get(key) as T | undefined,
      update: async (key: string, value: unknown) => {
        const stored = value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
        const mine = this.copy(window);
        this.onWrite(window, key, mine.get(key), stored);
        mine.set(key, stored);
        this.pending++;
        void this.step(`globalState of ${window} reaches the other windows`).then(() => {
          this.pending--;
          for (const [w, c] of this.copies) if (w !== window) c.set(key, stored);
        });
      },
    };
  }

  /** What `window` sees under `key` now. */
  get<T>(window: string, key: string): T | undefined {
    return this.copy(window).get(key) as T | undefined;
  }
}
