/**
 * The instance signature's form, negotiated once per host. The reference signs the path without
 * its leading slash; Sinch's own signing library signs it with the slash. A request is signed in
 * the form known to work on its host (the reference's until something is known); on a 40102 it
 * is signed once more in the other form, and the form that worked is remembered, so later
 * requests cost nothing extra. Both forms come from signing.ts (`SignatureForm`).
 */
import type { LearnedForm, SignatureForm } from './dialect';

/** Where the forms learned per host are kept; the session's keeps them with the account too. */
export interface SignatureFormMemory {
  get(host: string): LearnedForm | undefined;
  learn(host: string, learned: LearnedForm): void;
}

/** Per host, in memory: what a client uses when nobody else keeps the forms. */
export class SignatureForms implements SignatureFormMemory {
  private readonly byHost = new Map<string, LearnedForm>();

  get(host: string): LearnedForm | undefined {
    return this.byHost.get(host);
  }

  learn(host: string, learned: LearnedForm): void {
    this.byHost.set(host, learned);
  }
}

export function otherForm(form: SignatureForm): SignatureForm {
  return form === 'reference' ? 'leadingSlash' : 'reference';
}

/**
 * One call's side of the negotiation: the form to sign the next attempt with. A 40102 switches
 * to the other form once (the server did nothing, so re-signing is safe for every endpoint);
 * an accepted request records its form when that is news for the host.
 */
export class FormNegotiation {
  form: SignatureForm;
  private switched = false;

  constructor(
    private readonly memory: SignatureFormMemory,
    private readonly host: string,
    private readonly now: () => number,
  ) {
    this.form = memory.get(host)?.form ?? 'reference';
  }

  /** After a 40102: true when the other form is still to be tried (then `form` is it). */
  refused(): boolean {
    if (this.switched) return false;
    this.switched = true;
    this.form = otherForm(this.form);
    return true;
  }

  /** The host accepted the request: remember the form unless it is what was known already. */
  accepted(): void {
    if (this.memory.get(this.host)?.form === this.form) return;
    this.memory.learn(this.host, { form: this.form, learnedAt: this.now(), afterRefusal: this.switched });
  }
}
