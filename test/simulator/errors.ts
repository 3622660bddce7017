import { randomUUID } from 'node:crypto';

/**
 * A Sinch REST error: `{ errorCode, message, reference }` on the wire, with the HTTP status
 * being the first three digits of the code (40001 -> 400, 50300 -> 503), as the decisions
 * document states.
 */
export class SinchError extends Error {
  constructor(
    readonly errorCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'SinchError';
  }

  get status(): number {
    return statusOf(this.errorCode);
  }

  body(): ErrorBody {
    return errorBody(this.errorCode, this.message);
  }
}

export interface ErrorBody {
  errorCode: number;
  message: string;
  reference: string;
}

export function statusOf(errorCode: number): number {
  return Number(String(errorCode).slice(0, 3));
}

/** `reference` is random on purpose: it is a trace id, and a client must never depend on it. */
export function errorBody(errorCode: number, message: string): ErrorBody {
  return { errorCode, message, reference: randomUUID() };
}

/** The messages the reference prints, kept verbatim (including its double spaces). */
export const messages = {
  invalidScheme: (scheme: string) => `The authorization scheme '${scheme}' is required.`,
  notOwner: (orgId: string) => `The current user is not the owner of the organisation: ${orgId}`,
  invalidNumberType: (type: string) => `Invalid number type: ${type}.  Type must be one of: sms, voice.`,
  invalidCapability: (capability: string) => `Invalid capability '${capability}'`,
  noGroupIds: 'No groupIds specified',
  tooManyGroups: 'Too many number groups specified.  Unable to complete request.',
  invalidGroup: (groupId: unknown) => `Invalid number group: ${String(groupId)}`,
  notEnoughCredit: 'Insufficient funds to complete the transaction.',
  reservationNotFound: 'Unable to assign numbers to organization: reservation(s) not found or expired',
  noAccounting: 'Accounting not set up for this organization.',
  applicationNotFound: (key: string) => `Application with the key ${key} wasn't found.`,
  invalidNumberPath: "The 'number' specified is not a valid number.",
  unavailable: 'Service is temporarily unavailable, please try again later.',
} as const;
