// The one way the extension tells the user something that may offer buttons: every feature's
// outcome, failure and refusal goes through Messages. Plain Node: the prompter shows the text,
// and the generic ways forward (Sign In, Show Log, …) come in as callbacks that the composition
// root wires once, so they behave the same after every failure, whichever feature met it.
import { errorSummary, followUpTitle, withDetail, type FollowUp } from './errors';
import type { Prompter, Severity } from './prompter';
import { guardedText } from './safeText';

/** A notification's text or a dialog's detail, at most: Sinch's own parts are capped far lower at the wire. */
const MAX_SHOWN = 2000;

/** A button of a message: its title and the work it starts when chosen. */
export interface Button {
  title: string;
  run: () => unknown;
}

/** What a flow ends with: shown after its progress has closed and its lock is released. */
export interface Message {
  severity: Severity;
  text: string;
  /** Shown under the text where the surface has room (a modal); a toast shows the text only. */
  detail?: string;
  buttons?: readonly Button[];
}

/** How a failure reads: the sentence, the ways forward that fit it, and the detail for Sinch support. */
export interface ErrorDescription {
  text: string;
  followUps: FollowUp[];
  detail?: string;
}

/** How failures read; sinch/errorText.ts knows Sinch's errors, this module does not. */
export interface ErrorText {
  /** True for the user's own cancel, which is shown nowhere. */
  isCancellation(error: unknown): boolean;
  describe(error: unknown): ErrorDescription;
  /** What Copy Error Details puts on the clipboard. */
  details(error: unknown): string;
}

/** The generic ways forward, as the editor runs them. */
export interface WaysForward {
  /** Sign In, pre-filled with the identity of the account that met the failure. */
  signIn(): Promise<void>;
  showLog(): void;
  openProxySettings(): Promise<void>;
  copyToClipboard(text: string): Promise<void>;
}

export interface MessagesDeps {
  prompter: Prompter;
  log: { info(message: string): void; warn(message: string): void; error(message: string): void };
  errors: ErrorText;
  ways: WaysForward;
}

export class Messages {
  /** Messages shown and the work picked in them, until it finishes (see idle()). */
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly deps: MessagesDeps) {}

  /** The generic ways forward, for a feature that offers one outside a message (a Sign In step). */
  get ways(): WaysForward {
    return this.deps.ways;
  }

  /**
   * Shows a message without waiting for it (a toast may stay for ever, and the command must
   * return). The chosen button's work runs afterwards as a follow-up of its own; its failure is
   * shown once, with a Retry that runs that work again.
   */
  show(message: Message): void {
    const buttons = message.buttons ?? [];
    // The second guard behind the wire's (sinch/wire.ts, sinch/errors.ts): whatever a feature
    // put in the text or the detail, no link, icon, command URI, control or bidi character
    // reaches the notification or the dialog, and neither is longer than MAX_SHOWN.
    const options = message.detail ? { detail: guardedText(message.detail, MAX_SHOWN) } : {};
    const done: Promise<void> = this.deps.prompter
      .message(message.severity, guardedText(message.text, MAX_SHOWN), options, ...buttons.map((b) => b.title))
      .then(async (choice) => {
        const button = buttons.find((b) => b.title === choice);
        if (button) await this.run(button.run);
      })
      .catch((e: unknown) => this.deps.log.warn(`A message's follow-up failed: ${errorSummary(e)}`))
      .finally(() => this.pending.delete(done));
    this.pending.add(done);
  }

  /** Shows a failure once, with the ways forward that fit it; the user's cancel stays silent. */
  showError(error: unknown, retry?: () => unknown): void {
    if (this.deps.errors.isCancellation(error)) return;
    this.deps.log.error(errorSummary(error));
    const { text, followUps, detail } = this.deps.errors.describe(error);
    // A notification shows no separate detail: the code and reference go in its text.
    this.show({ severity: 'error', text: withDetail(text, detail), buttons: this.followUps(followUps, retry, error) });
  }

  /** Runs a follow-up's work; a failure is shown once, with Retry running the work again. */
  async run(work: () => unknown): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.showError(error, () => this.run(work));
    }
  }

  /**
   * The buttons of some generic ways forward: Retry only when there is something to retry,
   * Copy Error Details only with the error it copies.
   */
  followUps(followUps: readonly FollowUp[], retry?: () => unknown, error?: unknown): Button[] {
    const { ways, errors, log } = this.deps;
    const work: Record<FollowUp, (() => unknown) | undefined> = {
      signIn: () => ways.signIn(),
      retry,
      showLog: () => ways.showLog(),
      proxySettings: () => ways.openProxySettings(),
      copyDetails:
        error === undefined
          ? undefined
          : async () => {
              await ways.copyToClipboard(guardedText(errors.details(error), MAX_SHOWN));
              log.info('Error details copied to the clipboard.');
            },
    };
    return followUps.flatMap((f) => {
      const run = work[f];
      return run ? [{ title: followUpTitle(f), run }] : [];
    });
  }

  /** True for the user's own cancel (Escape, Cancel, a declined modal). */
  isCancellation(error: unknown): boolean {
    return this.deps.errors.isCancellation(error);
  }

  /** Resolves once every message shown so far is answered and its work has finished (tests wait on it). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
