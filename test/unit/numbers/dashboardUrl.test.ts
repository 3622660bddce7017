import assert from 'node:assert/strict';
import { checkDashboardUrl } from '../../../src/numbers/dashboardUrl';
import { InputError } from '../../../src/platform/errors';

describe('numbers: the dashboard address Open Sinch Dashboard may open', () => {
  const accepted: Array<[string, string]> = [
    [
      'https://dashboard.sinch.com/numbers/your-numbers/numbers',
      'https://dashboard.sinch.com/numbers/your-numbers/numbers',
    ],
    ['  https://eu.dashboard.example.com/x?y=1  ', 'https://eu.dashboard.example.com/x?y=1'],
    ['http://127.0.0.1:4010/dashboard', 'http://127.0.0.1:4010/dashboard'],
    ['http://localhost:8080/', 'http://localhost:8080/'],
  ];
  for (const [value, expected] of accepted)
    it(`opens ${value.trim()}`, () => assert.equal(checkDashboardUrl(value), expected));

  const refused: Array<[string, RegExp]> = [
    ['http://dashboard.sinch.com/', /must be an https address/],
    ['javascript:alert(document.cookie)', /must be an https address .*not "javascript:alert\(document\.cookie\)"/],
    ['file:///etc/passwd', /must be an https address/],
    ['vscode://sinch-numbers-dev.sinch-numbers/x', /must be an https address/],
    ['command:workbench.action.openSettings', /must be an https address/],
    [
      'https://dashboard.sinch.com@evil.example/login',
      /must not contain a user name or password: .* would open evil\.example/,
    ],
    ['dashboard.sinch.com', /is not a web address/],
    ['', /is not a web address/],
  ];
  for (const [value, message] of refused) {
    it(`refuses ${JSON.stringify(value)}`, () =>
      assert.throws(
        () => checkDashboardUrl(value),
        (e: Error) =>
          e instanceof InputError && message.test(e.message) && /sinchNumbers\.dashboardUrl/.test(e.message),
      ));
  }
});
