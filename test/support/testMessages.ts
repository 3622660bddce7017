// The real message service over a scripted prompter, for flows tested outside VS Code (and for a
// second window inside it): the ways forward only count what they were asked to do.
import { Messages } from '../../src/platform/messages';
import type { Prompter } from '../../src/platform/prompter';
import { errorText } from '../../src/sinch/errorText';

export interface WaysRecord {
  signIns: number;
  logShown: number;
  proxySettings: number;
  /** What Copy Error Details put on the clipboard. */
  copied: string[];
  warnings: string[];
}

export function testMessages(prompter: Prompter, record: WaysRecord = emptyWaysRecord()): Messages {
  return new Messages({
    prompter,
    log: {
      info: () => undefined,
      warn: (m) => {
        record.warnings.push(m);
      },
      error: () => undefined,
    },
    errors: errorText,
    ways: {
      signIn: async () => {
        record.signIns++;
      },
      showLog: () => {
        record.logShown++;
      },
      openProxySettings: async () => {
        record.proxySettings++;
      },
      copyToClipboard: async (text) => {
        record.copied.push(text);
      },
    },
  });
}

export function emptyWaysRecord(): WaysRecord {
  return { signIns: 0, logShown: 0, proxySettings: 0, copied: [], warnings: [] };
}
