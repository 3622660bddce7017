import type { ChildProcess } from 'node:child_process';
export const CODE_SERVER_VERSION: string;
export const cacheDir: string;
export const vscodeDir: string;
export function ensureVSCodeServer(log?: (m: string) => void): string;
export interface RunningServer {
  port: number;
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}
export function startVSCodeServer(options: {
  dataDir: string;
  extensionsDir: string;
  env?: Record<string, string>;
  port?: number;
  log?: (line: string) => void;
  workspaceTrust?: boolean;
}): Promise<RunningServer>;
export function writeMachineSettings(dataDir: string, settings: Record<string, unknown>): void;
export function stopProcess(child: ChildProcess): Promise<void>;
