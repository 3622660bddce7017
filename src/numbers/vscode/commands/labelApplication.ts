import * as vscode from 'vscode';
import { config } from '../../../platform/vscode/config';
import { CONFIG_SECTION, Settings } from '../../../constants';

import { InputError } from '../../../platform/errors';
import { BACK, orCancel, type InputOptions } from '../../../platform/prompter';
import { shortKey, type NumbersNode } from '../../treeNodes';
import { targetNodes, type NumbersCommandContext } from './numbersCommandContext';
import { l10n } from '../../../platform/l10n';
import { normaliseKey } from '../../applicationKey';
import { MAX_LABEL } from '../../applicationLabels';

/** Label Application…: a name for a key in the user settings (global); an empty name removes it. */
export function labelApplication(ctx: NumbersCommandContext) {
  return async (clicked?: NumbersNode, selected?: NumbersNode[]): Promise<void> => {
    const node = targetNodes(ctx, clicked, selected).find((n) => n.kind === 'application');
    if (!node || node.kind !== 'application')
      throw new InputError(l10n.t('Select an application in the Numbers view first.'));
    const name = orCancel(
      await ctx.services.prompter.input(
        labelInput(node.key, ctx.provider.labelOf(node.key), { title: l10n.t('Label Application') }),
      ),
    );
    if (name === BACK) return;
    await writeLabel(ctx, node.key, name);
  };
}

export function labelInput(
  key: string,
  current: string | undefined,
  step: Pick<InputOptions, 'title' | 'step' | 'totalSteps'>,
): InputOptions {
  return {
    ...step,
    prompt: l10n.t('A name for application {0}, shown in the Numbers view. Leave empty for no name.', key),
    placeholder: l10n.t('e.g. Support Line (now shown as {0})', shortKey(key)),
    value: current ?? '',
    validate: (v) =>
      v.trim().length > MAX_LABEL ? l10n.t('Keep the name under {0} characters.', MAX_LABEL) : undefined,
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
  await section.update(
    Settings.applicationLabels,
    Object.keys(labels).length ? labels : undefined,
    vscode.ConfigurationTarget.Global,
  );
  // A workspace value for the same key wins over the user's: say so rather than seem to ignore the change.
  // In Restricted Mode the workspace's value is not applied, so it overrides nothing.
  const overridden =
    vscode.workspace.isTrusted &&
    [inspected?.workspaceValue, inspected?.workspaceFolderValue].some(
      (v) => v && Object.keys(v).some((k) => normaliseKey(k) === normal),
    );
  if (overridden) {
    const open = l10n.t('Open Workspace Settings');
    void ctx.services.prompter
      .message(
        'warning',
        l10n.t(
          "This workspace's settings also name application {0}, and that name is the one shown.",
          shortKey(normal),
        ),
        {},
        open,
      )
      .then((choice) => {
        if (choice === open)
          void vscode.commands.executeCommand(
            'workbench.action.openWorkspaceSettings',
            `${CONFIG_SECTION}.${Settings.applicationLabels}`,
          );
      });
  }
}
