import * as vscode from 'vscode';
import {
  BACK,
  type Back,
  type InputOptions,
  type MessageOptions,
  type PickItem,
  type PickOptions,
  type Prompter,
  type Severity,
} from '../prompter';

function backButtons(step?: number): vscode.QuickInputButton[] {
  return step !== undefined && step > 1 ? [vscode.QuickInputButtons.Back] : [];
}

/** The real prompter: quick picks and input boxes with title, step counter and Back. */
export class VSCodePrompter implements Prompter {
  pick<T extends PickItem>(options: PickOptions<T>): Promise<T | Back | undefined> {
    return this.showPick(options, false).then((r) => (Array.isArray(r) ? r[0] : (r as T | Back | undefined)));
  }

  pickMany<T extends PickItem>(options: PickOptions<T>): Promise<readonly T[] | Back | undefined> {
    return this.showPick(options, true) as Promise<readonly T[] | Back | undefined>;
  }

  private showPick<T extends PickItem>(
    options: PickOptions<T>,
    many: boolean,
  ): Promise<T | readonly T[] | Back | undefined> {
    // PickItem is a vscode.QuickPickItem by shape (its kind values are QuickPickItemKind's).
    const qp = vscode.window.createQuickPick<T & vscode.QuickPickItem>();
    qp.title = options.title;
    qp.step = options.step;
    qp.totalSteps = options.totalSteps;
    qp.placeholder = options.placeholder;
    qp.items = options.items;
    qp.canSelectMany = many;
    qp.matchOnDescription = options.matchOnDescription ?? true;
    qp.matchOnDetail = options.matchOnDetail ?? true;
    qp.ignoreFocusOut = false;
    qp.buttons = backButtons(options.step);
    if (options.selected) qp.selectedItems = options.selected;
    if (options.active) qp.activeItems = [options.active];
    return new Promise((resolve) => {
      let settled = false;
      const finish = (value: T | readonly T[] | Back | undefined) => {
        if (settled) return;
        settled = true;
        resolve(value);
        qp.dispose();
      };
      qp.onDidTriggerButton((b) => {
        if (b === vscode.QuickInputButtons.Back) finish(BACK);
      });
      qp.onDidAccept(() => {
        if (many) finish([...qp.selectedItems]);
        else if (qp.selectedItems[0] ?? qp.activeItems[0]) finish(qp.selectedItems[0] ?? qp.activeItems[0]);
      });
      qp.onDidHide(() => finish(undefined));
      qp.show();
    });
  }

  input(options: InputOptions): Promise<string | Back | undefined> {
    const box = vscode.window.createInputBox();
    box.title = options.title;
    box.step = options.step;
    box.totalSteps = options.totalSteps;
    box.prompt = options.prompt;
    box.placeholder = options.placeholder;
    box.value = options.value ?? '';
    box.password = options.password ?? false;
    box.ignoreFocusOut = true;
    box.buttons = backButtons(options.step);
    return new Promise((resolve) => {
      let settled = false;
      const finish = (value: string | Back | undefined) => {
        if (settled) return;
        settled = true;
        resolve(value);
        box.dispose();
      };
      box.onDidChangeValue((v) => {
        box.validationMessage = v ? options.validate?.(v) : undefined;
      });
      box.onDidTriggerButton((b) => {
        if (b === vscode.QuickInputButtons.Back) finish(BACK);
      });
      box.onDidAccept(() => {
        const problem = options.validate?.(box.value);
        if (problem) {
          box.validationMessage = problem;
          return;
        }
        finish(box.value);
      });
      box.onDidHide(() => finish(undefined));
      box.show();
    });
  }

  async message(
    severity: Severity,
    text: string,
    options: MessageOptions,
    ...actions: string[]
  ): Promise<string | undefined> {
    const opts: vscode.MessageOptions = { modal: options.modal ?? false, detail: options.detail };
    switch (severity) {
      case 'info':
        return vscode.window.showInformationMessage(text, opts, ...actions);
      case 'warning':
        return vscode.window.showWarningMessage(text, opts, ...actions);
      default:
        return vscode.window.showErrorMessage(text, opts, ...actions);
    }
  }
}

/** The prompter the extension uses; integration tests swap in a scripted one. */
export class SwappablePrompter implements Prompter {
  constructor(public target: Prompter) {}
  pick<T extends PickItem>(o: PickOptions<T>) {
    return this.target.pick(o);
  }
  pickMany<T extends PickItem>(o: PickOptions<T>) {
    return this.target.pickMany(o);
  }
  input(o: InputOptions) {
    return this.target.input(o);
  }
  message(s: Severity, t: string, o: MessageOptions, ...a: string[]) {
    return this.target.message(s, t, o, ...a);
  }
}
