import * as vscode from 'vscode';
import { config } from '../../../platform/vscode/config';

/** Open Sinch Dashboard: the page in setting sinchNumbers.dashboardUrl, in the browser. */
export function openDashboard() {
  return async (): Promise<void> => {
    await vscode.env.openExternal(vscode.Uri.parse(config.dashboardUrl()));
  };
}
