export function runIntegrationSuite(options: {
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  timeoutMs?: number;
  verbose?: boolean;
}): Promise<number>;
