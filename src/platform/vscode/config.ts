import * as vscode from 'vscode';
import { CONFIG_SECTION, Settings } from '../../constants';

/** Typed reads of the `sinchNumbers.*` settings, with the manifest's defaults as fallbacks. */
export const config = {
  section(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(CONFIG_SECTION);
  },
  expiryWarningDays(): number {
    return config.section().get<number>(Settings.expiryWarningDays, 30);
  },
  maxNumbersPerRental(): number {
    return config.section().get<number>(Settings.maxNumbersPerRental, 10);
  },
  requestTimeoutMs(): number {
    return config.section().get<number>(Settings.requestTimeoutSeconds, 30) * 1000;
  },
  /** The size limit of one answer; the setting's full name goes into the error that meets it. */
  maxResponse(): { bytes: number; setting: string } {
    const mib = config.section().get<number>(Settings.maxResponseMiB, 256);
    return {
      bytes: Math.max(1, Number.isFinite(mib) ? mib : 256) * 1024 * 1024,
      setting: `${CONFIG_SECTION}.${Settings.maxResponseMiB}`,
    };
  },
  applicationLabels(): Record<string, string> {
    return { ...config.section().get<Record<string, string>>(Settings.applicationLabels, {}) };
  },
  dashboardUrl(): string {
    return config
      .section()
      .get<string>(Settings.dashboardUrl, 'https://dashboard.sinch.com/numbers/your-numbers/numbers');
  },
  /** True when a change event touches any setting the client is built from. */
  affectsClient(e: vscode.ConfigurationChangeEvent): boolean {
    return (
      e.affectsConfiguration(`${CONFIG_SECTION}.endpoints`) ||
      e.affectsConfiguration(`${CONFIG_SECTION}.${Settings.requestTimeoutSeconds}`) ||
      e.affectsConfiguration(`${CONFIG_SECTION}.${Settings.maxResponseMiB}`)
    );
  },
};
