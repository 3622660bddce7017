import { SinchClient, type RetryPolicy } from '../sinch/client';
import type { RequestLogEntry } from '../sinch/requestLog';
import type { Endpoints } from '../sinch/types';

/** What the client is built from: the endpoint, timeout and answer-size settings. */
export interface ClientSettings {
  endpoints: Endpoints;
  timeoutMs: number;
  /** The size limit of one answer, and the setting that sets it (named in the error). */
  maxResponse?: { bytes: number; setting: string };
}

/**
 * Owns the one SinchClient (so every request shares the learned clock offset) and rebuilds
 * it when the endpoint, timeout or size settings change. Building reads settings only: no network.
 */
export class ClientProvider {
  private client: SinchClient | undefined;
  private readonly lifetime = new AbortController();
  private retry: Partial<RetryPolicy> | undefined;

  constructor(
    private readonly settings: () => ClientSettings,
    private readonly onRequest: (e: RequestLogEntry) => void,
  ) {}

  /** Throws EndpointConfigError when the settings are unusable. */
  get(): SinchClient {
    if (!this.client) {
      const { endpoints, timeoutMs, maxResponse } = this.settings();
      this.client = new SinchClient({
        endpoints,
        timeoutMs,
        onRequest: this.onRequest,
        maxResponseBytes: maxResponse?.bytes,
        maxResponseSetting: maxResponse?.setting,
        retry: this.retry,
      });
    }
    return this.client;
  }

  invalidate(): void {
    this.client = undefined;
  }

  /**
   * Replaces parts of the client's retry policy (undefined: the default again). Only the
   * integration fault matrix does: it shortens the backoff to check what each fault leads to in
   * less time; the policy itself is unit-tested against the client.
   */
  setRetryPolicy(retry: Partial<RetryPolicy> | undefined): void {
    this.retry = retry;
    this.invalidate();
  }

  /**
   * A signal for one operation: it aborts when the caller's signal does, or when the
   * extension deactivates, so nothing outlives the extension host.
   */
  signal(caller?: AbortSignal): AbortSignal {
    return caller ? AbortSignal.any([caller, this.lifetime.signal]) : this.lifetime.signal;
  }

  /** Aborts every request in flight (deactivation). */
  abortAll(): void {
    this.lifetime.abort();
  }
}
