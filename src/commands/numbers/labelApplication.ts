import * as vscode from 'vscode';
import { config } from '../../config';
import { Settings } from '../../constants';
import { normaliseKey } from '../../numbers/inventory';
import { InputError } from '../../sinch/guards';
import { BACK, orCancel, type InputOptions } from '../../ui/prompter';
import { shortKey, type NumbersNode } from '../../views/nodes';
import { targetNodes, type NumbersCommandContext } from './context';

const MAX_LABEL = 80;

/** Label Application…: a name for a key in the user settings (global); an empty name removes it. */
export function labelApplication(ctx: NumbersCommandContext) {
  return async (clicked?: NumbersNode, selected?: NumbersNode[]): Promise<void> => {
    const node = targetNodes(ctx, clicked, selected).find((n) => n.kind === 'application');
    if (!node || node.kind !== 'application') throw new InputError('Select an application in the Numbers view first.');
    const name = orCancel(await ctx.services.prompter.input(labelInput(node.key, ctx.provider.labelOf(node.key), { title: 'Label Application' })));
    if (name === BACK) return;
    await writeLabel(ctx, node.key, name);
  };
}

export function labelInput(key: string, current: string | undefined, step: Pick<InputOptions, 'title' | 'step' | 'totalSteps'>): InputOptions {
  return {
    ...step,
    prompt: `A name for application ${key}, shown in the Numbers view. Leave empty for no name.`,
    placeholder: `e.g. Support Line (now shown as ${shortKey(key)})`,
    value: current ?? '',
    validate: (v) => (v.trim().length > MAX_LABEL ? `Keep the name under ${MAX_LABEL} characters.` : undefined),
  };
}

/** Stores (or, for an empty name, removes) the label in the user's settings. */
export async function writeLabel(ctx: NumbersCommandContext, key: string, name: string): Promise<void> {
  const section = config.section();
  const inspected = section.inspect<Record<string, string>>(Settings.applicationLabels);
  const labels: Record<string, string> = { ...(inspected?.globalValue ?? {}) };
  const normal = normaliseKey(key);
  for (const k of Object.keys(labels)) if (normaliseKey(k) === normal) delete labels[k];
  const text = name.trim();
  if (text) labels[normal] = text;
  await section.update(Settings.applicationLabels, Object.keys(labels).length ? labels : undefined, vscode.ConfigurationTarget.Global);
  // A workspace value for the same key wins over the user's: say so rather than seem to ignore the change.
  const overridden = [inspected?.workspaceValue, inspected?.workspaceFolderValue].some((v) => v && Object.keys(v).some((k) => normaliseKey(k) === normal));
  if (overridden) {
    void ctx.services.prompter.message('warning', `This workspace's settings also name application ${shortKey(normal)}, and that name is the one shown.`, {});
  }
}
