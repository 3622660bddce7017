// Lines a higher floor adds to the account's status-bar tooltip: the numbers floor says how many
// numbers the organisation rents and what they cost a month. The session floor cannot read the
// numbers model (it sits below it), so extension.ts wires this port.

export interface AccountStatusFacts {
  /** Plain-text lines about the organisation, or none while nothing is loaded for it. */
  lines(organisationId: string): readonly string[];
  readonly onDidChange: (listener: () => void) => { dispose(): void };
}
