// The person at one window of the simulation: answers every question at once (a step of the
// schedule later), accepts confirmations, and presses the buttons of messages as the schedule
// chooses. Every message is recorded, so the invariants can hold what it said against Sinch.
import type { MessageOptions, PickItem, PickOptions, Prompter, Severity } from '../../src/platform/prompter';
import type { Step } from './simSinch';

export interface Said {
  window: string;
  /** The user operation the message belongs to (follow-ups count for the operation that offered them). */
  op: number;
  severity: Severity;
  text: string;
  detail?: string;
  modal: boolean;
  actions: string[];
  /** The button pressed, if any. */
  pressed?: string;
  /** Index of the schedule step when it was shown. */
  at: number;
}

export interface UserChoices {
  /** For a modal: which button (the confirmations' first button is "go"). */
  modal(text: string, actions: readonly string[]): string | undefined;
  /** For a message with buttons: which one to press, if any. */
  press(text: string, actions: readonly string[]): string | undefined;
  /** How long the user takes to answer a modal (virtual ms). */
  thinkMs(): number;
}

export class SimUser implements Prompter {
  constructor(
    readonly window: string,
    private readonly step: Step,
    private readonly choices: UserChoices,
    private readonly heard: (said: Said) => void,
    private readonly think: (ms: number) => Promise<void>,
    private readonly stepIndex: () => number,
    private readonly currentOp: () => number,
    private readonly answered: (said: Said) => void,
  ) {}

  async pick<T extends PickItem>(o: PickOptions<T>): Promise<T | undefined> {
    await this.step(`${this.window} user picks in "${o.title}"`);
    return o.items.find((i) => i.kind !== -1);
  }

  async pickMany<T extends PickItem>(o: PickOptions<T>): Promise<readonly T[] | undefined> {
    await this.step(`${this.window} user picks in "${o.title}"`);
    return o.items.filter((i) => i.kind !== -1);
  }

  async input(): Promise<string | undefined> {
    return undefined;
  }

  async message(
    severity: Severity,
    text: string,
    options: MessageOptions,
    ...actions: string[]
  ): Promise<string | undefined> {
    const modal = options.modal === true;
    const said: Said = {
      window: this.window,
      op: this.currentOp(),
      severity,
      text,
      detail: options.detail,
      modal,
      actions,
      at: this.stepIndex(),
    };
    this.heard(said);
    if (modal) await this.think(this.choices.thinkMs());
    await this.step(`${this.window} user reads: ${text.slice(0, 60)}`);
    said.pressed = modal ? this.choices.modal(text, actions) : this.choices.press(text, actions);
    this.answered(said);
    return said.pressed;
  }
}
