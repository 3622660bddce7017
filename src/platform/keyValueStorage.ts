/** The part of vscode.Memento (globalState) the core stores data in: nothing secret goes here. */
export interface KeyValueStorage {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}
