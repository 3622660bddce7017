// The one way a user-visible sentence is written: `l10n.t('Rented {0}.', number)`. The core
// (which never imports vscode) calls it too; extension.ts installs VS Code's translator at
// activation, so `l10n/bundle.l10n.<locale>.json` applies everywhere. Until then (plain Node
// tests) the English template is filled in. The object is named `l10n` and its method `t` so
// that `npx @vscode/l10n-dev export` finds every call.

/** Arguments a template's `{0}`, `{1}`… take. */
export type L10nArg = string | number | boolean;

type Translate = (message: string, ...args: L10nArg[]) => string;

/** `{0}`-style substitution of the English template, as vscode.l10n.t does without a bundle. */
export function fillTemplate(message: string, ...args: L10nArg[]): string {
  return message.replace(/\{(\d+)\}/g, (whole, index: string) =>
    Number(index) < args.length ? String(args[Number(index)]) : whole,
  );
}

let translate: Translate = fillTemplate;

export const l10n = {
  t(message: string, ...args: L10nArg[]): string {
    return translate(message, ...args);
  },
};

/** Installs the translator (vscode.l10n.t in the extension host; a pseudo-locale in tests). Returns the previous one. */
export function setTranslator(next: Translate): Translate {
  const previous = translate;
  translate = next;
  return previous;
}
