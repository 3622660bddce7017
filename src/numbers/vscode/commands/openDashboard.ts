import * as vscode from 'vscode';
import { config } from '../../../platform/vscode/config';
import { checkDashboardUrl } from '../../dashboardUrl';

/** Open Sinch Dashboard: the page in setting sinchNumbers.dashboardUrl, in the browser, once it is checked to be https. */
export function openDashboard() {
  return async (): Promise<void> => {
    await vscode.env.openExternal(vscode.Uri.parse(checkDashboardUrl(config.dashboardUrl()), true));
  };
}
