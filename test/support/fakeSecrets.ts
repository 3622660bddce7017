// An in-memory SecretStorage with switchable failures, for the session unit tests.
import type { SecretBackend } from '../../src/session/accountStore';

export class FakeSecrets implements SecretBackend {
  readonly data = new Map<string, string>();
  /** Every call, in order: "get key", "store key", "delete key". */
  readonly calls: string[] = [];
  fail: { get?: boolean; store?: boolean; delete?: boolean } = {};
  /** Each call takes this long (ms), or as long as the function says, so concurrent readers and writers interleave. */
  delayMs: number | (() => number) = 0;
  private readonly listeners = new Set<(e: { key: string }) => unknown>();

  async get(key: string): Promise<string | undefined> {
    this.calls.push(`get ${key}`);
    await this.pause();
    if (this.fail.get) throw new Error('keychain locked');
    return this.data.get(key);
  }

  async store(key: string, value: string): Promise<void> {
    this.calls.push(`store ${key}`);
    await this.pause();
    if (this.fail.store) throw new Error('keychain locked');
    this.data.set(key, value);
    this.emit(key);
  }

  async delete(key: string): Promise<void> {
    this.calls.push(`delete ${key}`);
    await this.pause();
    if (this.fail.delete) throw new Error('keychain locked');
    this.data.delete(key);
    this.emit(key);
  }

  onDidChange(listener: (e: { key: string }) => unknown): { dispose(): unknown } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private pause(): Promise<void> {
    const ms = typeof this.delayMs === 'function' ? this.delayMs() : this.delayMs;
    return ms ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
  }

  /** Like VS Code: the event arrives after the write, asynchronously. */
  private emit(key: string): void {
    for (const l of [...this.listeners]) setTimeout(() => l({ key }), 0);
  }
}
