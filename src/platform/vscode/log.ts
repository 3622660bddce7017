import * as vscode from 'vscode';
import type { RequestLogEntry } from '../../sinch/requestLog';

/**
 * The extension's one log: a LogOutputChannel, so the user's chosen log level applies
 * (Off writes nothing). Only redacted request lines and plain messages ever reach it.
 */
export class Log implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;

  constructor(name = 'Sinch Numbers') {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  /** The SinchClient's request hook: one trace line per attempt, already redacted. */
  readonly request = (e: RequestLogEntry): void => {
    const status = e.status !== undefined ? String(e.status) : (e.errorKind ?? 'no answer');
    const code = e.errorCode !== undefined ? ` ${e.errorCode}` : '';
    const line = `${e.method} ${e.path} → ${status}${code} in ${Math.round(e.durationMs)} ms (attempt ${e.attempt}, ${e.outcome})`;
    if (e.outcome === 'ok') this.channel.trace(line);
    else this.channel.debug(line);
  };

  info(message: string): void {
    this.channel.info(message);
  }
  warn(message: string): void {
    this.channel.warn(message);
  }
  error(message: string | Error): void {
    this.channel.error(message);
  }
  show(): void {
    this.channel.show(true);
  }
  dispose(): void {
    this.channel.dispose();
  }
}
