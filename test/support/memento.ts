import type { KeyValueStorage } from '../../src/platform/keyValueStorage';

/** globalState in memory: values are stored as JSON, as VS Code stores them. */
export class InMemoryMemento implements KeyValueStorage {
  readonly data = new Map<string, unknown>();
  writes = 0;

  constructor(initial: Record<string, unknown> = {}) {
    for (const [key, value] of Object.entries(initial)) this.data.set(key, value);
  }

  keys(): readonly string[] {
    return [...this.data.keys()];
  }
  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.writes++;
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, JSON.parse(JSON.stringify(value)));
  }
}
