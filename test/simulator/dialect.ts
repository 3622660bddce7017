/**
 * The ways the simulator can speak where Sinch's published code disagrees with the reference
 * (docs/api/dialects.md). The default is the reference; each option is the other
 * reading, so the client's adaptation can be tested against a server that really behaves so.
 */
export interface Dialect {
  /** What the instance signature covers: the path without its leading slash (reference) or with it (Sinch's signing library). */
  signature: 'reference' | 'leading-slash';
  /** GET /v1/organisations: one object (reference), a list of one, or a list of every organisation the user belongs to (the demo user has two). */
  organisations: 'object' | 'list' | 'several';
  /** PUT …/numbers/{capability}: overwrites that capability's numbers (reference decision) or all of the application's numbers. */
  assignScope: 'capability' | 'whole-set';
}

export const referenceDialect: Dialect = Object.freeze({
  signature: 'reference',
  organisations: 'object',
  assignScope: 'capability',
});

export const dialectChoices: { readonly [K in keyof Dialect]: readonly Dialect[K][] } = {
  signature: ['reference', 'leading-slash'],
  organisations: ['object', 'list', 'several'],
  assignScope: ['capability', 'whole-set'],
};

/** Checks a partial dialect from the control path or the CLI; throws with the allowed values. */
export function parseDialect(input: Record<string, unknown>): Partial<Dialect> {
  const out: Partial<Dialect> = {};
  for (const key of Object.keys(input)) {
    if (!(key in dialectChoices))
      throw new Error(`unknown dialect option '${key}': use ${Object.keys(dialectChoices).join(', ')}.`);
    const value = input[key];
    if (value === undefined) continue;
    const allowed = dialectChoices[key as keyof Dialect] as readonly unknown[];
    if (!allowed.includes(value)) throw new Error(`${key} must be one of ${allowed.join(', ')}.`);
    (out as Record<string, unknown>)[key] = value;
  }
  return out;
}
