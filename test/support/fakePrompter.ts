// A scripted user for unit and integration tests: answers picks, inputs and modal messages in
// the order they are asked, and records every question and message the extension showed.
import {
  BACK,
  type Back,
  type InputOptions,
  type MessageOptions,
  type PickItem,
  type PickOptions,
  type Prompter,
  type Severity,
} from '../../src/platform/prompter';

// BACK is Symbol.for(...): the same value in the extension bundle and in this test bundle.
export { BACK };

type PickAnswer = string | RegExp | ((item: PickItem) => boolean);
type Scripted =
  | { kind: 'pick'; answer: PickAnswer | Back | undefined }
  | { kind: 'pickMany'; answer: PickAnswer[] | 'all' | Back | undefined }
  | { kind: 'input'; answer: string | Back | undefined }
  | { kind: 'modal'; answer: string | undefined };

export interface Asked {
  kind: Scripted['kind'];
  title?: string;
  step?: number;
  totalSteps?: number;
  prompt?: string;
  items?: string[];
  password?: boolean;
  value?: string;
  validation?: string[];
}
export interface Shown {
  severity: Severity;
  text: string;
  modal: boolean;
  detail?: string;
  actions: string[];
}

function matches(item: PickItem, a: PickAnswer): boolean {
  if (typeof a === 'function') return a(item);
  const text = `${item.label} ${item.description ?? ''} ${item.detail ?? ''}`;
  return typeof a === 'string' ? item.label === a || text.includes(a) : a.test(text);
}

export class FakePrompter implements Prompter {
  private readonly queue: Scripted[] = [];
  readonly asked: Asked[] = [];
  readonly shown: Shown[] = [];
  /** Inputs the extension refused while a scripted value was typed (validation messages). */
  readonly rejected: string[] = [];
  private readonly toastRules: Array<{ text: RegExp; action: string }> = [];

  thenPick(answer: PickAnswer | Back | undefined): this {
    this.queue.push({ kind: 'pick', answer });
    return this;
  }
  thenPickMany(answer: PickAnswer[] | 'all' | Back | undefined): this {
    this.queue.push({ kind: 'pickMany', answer });
    return this;
  }
  thenInput(answer: string | Back | undefined): this {
    this.queue.push({ kind: 'input', answer });
    return this;
  }
  /** Answers the next modal message with this button (undefined = Cancel). */
  thenModal(answer: string | undefined): this {
    this.queue.push({ kind: 'modal', answer });
    return this;
  }
  /** Clicks `action` on any non-modal message whose text matches. */
  onToast(text: RegExp, action: string): this {
    this.toastRules.push({ text, action });
    return this;
  }

  get pending(): number {
    return this.queue.length;
  }

  private next(kind: Scripted['kind']): Scripted | undefined {
    const head = this.queue[0];
    if (!head) return undefined; // unscripted: behaves like Escape
    if (head.kind !== kind)
      throw new Error(`FakePrompter: the extension asked for ${kind} but the script expected ${head.kind}`);
    return this.queue.shift();
  }

  async pick<T extends PickItem>(o: PickOptions<T>): Promise<T | Back | undefined> {
    this.asked.push({
      kind: 'pick',
      title: o.title,
      step: o.step,
      totalSteps: o.totalSteps,
      items: o.items.map((i) => i.label),
    });
    const s = this.next('pick') as Extract<Scripted, { kind: 'pick' }> | undefined;
    if (!s || s.answer === undefined) return undefined;
    if (s.answer === BACK) return BACK;
    const answer = s.answer as PickAnswer;
    const found = o.items.find((i) => (i as PickItem).kind !== -1 && matches(i, answer));
    if (!found)
      throw new Error(`FakePrompter: no item matches ${String(answer)} in: ${o.items.map((i) => i.label).join(' | ')}`);
    return found;
  }

  async pickMany<T extends PickItem>(o: PickOptions<T>): Promise<readonly T[] | Back | undefined> {
    this.asked.push({
      kind: 'pickMany',
      title: o.title,
      step: o.step,
      totalSteps: o.totalSteps,
      items: o.items.map((i) => i.label),
    });
    const s = this.next('pickMany') as Extract<Scripted, { kind: 'pickMany' }> | undefined;
    if (!s || s.answer === undefined) return undefined;
    if (s.answer === BACK) return BACK;
    if (s.answer === 'all') return o.selected ?? o.items;
    const answers = s.answer as PickAnswer[];
    return o.items.filter((i) => answers.some((a) => matches(i, a)));
  }

  async input(o: InputOptions): Promise<string | Back | undefined> {
    const asked: Asked = {
      kind: 'input',
      title: o.title,
      step: o.step,
      totalSteps: o.totalSteps,
      prompt: o.prompt,
      password: o.password,
      value: o.value,
      validation: [],
    };
    this.asked.push(asked);
    // Like the real box: an invalid value keeps the box open, so take scripted values until one passes.
    for (;;) {
      const s = this.next('input') as Extract<Scripted, { kind: 'input' }> | undefined;
      if (!s || s.answer === undefined) return undefined;
      if (s.answer === BACK) return BACK;
      const value = s.answer as string;
      const problem = o.validate?.(value);
      if (!problem) return value;
      asked.validation!.push(problem);
      this.rejected.push(problem);
    }
  }

  async message(
    severity: Severity,
    text: string,
    o: MessageOptions,
    ...actions: string[]
  ): Promise<string | undefined> {
    this.shown.push({ severity, text, modal: !!o.modal, detail: o.detail, actions });
    if (o.modal) {
      const s = this.next('modal') as Extract<Scripted, { kind: 'modal' }> | undefined;
      return s?.answer;
    }
    return this.toastRules.find((r) => r.text.test(text) && actions.includes(r.action))?.action;
  }

  /** The messages shown, as "severity: text" lines (handy in assertion messages). */
  transcript(): string {
    return this.shown
      .map(
        (m) =>
          `${m.severity}${m.modal ? ' (modal)' : ''}: ${m.text}${m.detail ? ` — ${m.detail}` : ''} [${m.actions.join(', ')}]`,
      )
      .join('\n');
  }
}
