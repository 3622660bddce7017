// Application keys are UUIDs that Sinch writes in lower case; a key typed or pasted by a person
// may carry capitals or spaces. Every comparison and every map of keys goes through here.

/** The form a key is compared and stored in: trimmed, lower case. */
export function normaliseKey(key: string): string {
  return key.trim().toLowerCase();
}

/** True when both name the same application (false when either is missing). */
export function sameApplication(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && normaliseKey(a) === normaliseKey(b);
}
