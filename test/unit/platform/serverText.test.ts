// Server text is data at the wire (issue 24): what serverText makes of hostile strings, what the
// wire readers and Sinch's error bodies keep of them, and the second guard in Messages.
import assert from 'node:assert/strict';
import { Messages } from '../../../src/platform/messages';
import { guardedText, markdownText, serverText } from '../../../src/platform/safeText';
import { errorFromResponse } from '../../../src/sinch/errors';
import { errorDetails } from '../../../src/sinch/errorText';
import { readNumberGroups, readOrganisation, readRentedNumber } from '../../../src/sinch/wire';
import { FakePrompter } from '../../support/fakePrompter';
import { emptyWaysRecord, testMessages } from '../../support/testMessages';

/** The forms a surface could act on: a link in a notification or Markdown, a theme icon, a URI that runs or opens something. */
export function activeForms(text: string): string[] {
  const found: string[] = [];
  if (/\]\(/.test(text)) found.push('link `](`');
  if (/\$\(/.test(text)) found.push('theme icon `$(`');
  const uri = /\b(command|vscode(?:-[a-z]+)?|file|javascript|data):(?=\S)/gi.exec(text);
  if (uri) found.push(`URI ${uri[0]}`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/.test(text))
    found.push('control or bidi character');
  return found;
}

const MEGABYTE = 'A'.repeat(1024 * 1024);

/** Every hostile form the issue names, one string each. */
export const HOSTILE: Record<string, string> = {
  markdownLink:
    'Service unavailable, see [status page](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D)',
  httpLink: '[click me](https://evil.example/login)',
  commandUri: 'open command:workbench.action.openSettings now',
  vscodeUri: 'vscode://settings/open and vscode-insiders:x',
  fileUri: 'file:///etc/passwd',
  javascriptUri: 'javascript:alert(1)',
  codicon: '$(alert) $(sync~spin) urgent',
  html: '<a href="command:x">html</a><img src=x onerror=alert(1)>',
  bidi: 'invoice\u202Egnp.exe \u2066isolate\u2069',
  newlines: 'line one\nline two\r\n[hidden](command:x)',
  controls: '\u0007bell\u001b[31mred\u009b',
  autolink: '<command:workbench.action.reloadWindow>',
  spaced: '[ok] (command:x) ]\t(command:y)',
  megabyte: MEGABYTE,
};

describe('server text is data at the wire', () => {
  describe('serverText', () => {
    for (const [name, value] of Object.entries(HOSTILE)) {
      it(`${name}: nothing active is left, one line, capped`, () => {
        const shown = serverText(value, 200);
        assert.deepEqual(activeForms(shown), [], shown);
        assert.ok(!shown.includes('\n'));
        assert.ok(shown.length <= 200, `${shown.length} characters`);
        // Idempotent: the second guard does not change what the first made.
        assert.equal(serverText(shown, 200), shown);
      });
    }

    it('keeps the text readable and its length: a full-width ( or : breaks each active form', () => {
      assert.equal(serverText('see [status](command:x.y)'), 'see [status]\uff08command\uff1ax.y)');
      assert.equal(serverText('$(alert) hi'), '$\uff08alert) hi');
      assert.equal(serverText('file:///etc/passwd'), 'file\uff1a///etc/passwd');
      assert.equal(serverText('a\u202Eb\nc'), 'a b c');
    });

    it('leaves ordinary text alone: cities, times, codes, prices', () => {
      for (const s of ['SAN FRANCISCO', 'Error: try again', '12:30', 'ref 1a2b-3c', 'Cost (monthly)', 'a@b.example'])
        assert.equal(serverText(s), s);
    });

    it('a 1 MB string is cut to the cap', () => {
      const shown = serverText(MEGABYTE, 300);
      assert.equal(shown.length, 300);
      assert.ok(shown.endsWith('…'));
    });

    it('Markdown surfaces escape it once more: no link or icon syntax survives markdownText', () => {
      for (const value of Object.values(HOSTILE)) {
        const md = markdownText(serverText(value));
        assert.ok(!/(?<!\\)[[\]()<>$`*_]/.test(md), md);
      }
    });
  });

  describe('at the wire', () => {
    it("Sinch's error message and reference are cleaned and capped, in the error and in Copy Error Details", () => {
      const e = errorFromResponse(
        503,
        {
          errorCode: 50300,
          message: HOSTILE.markdownLink,
          reference: `\u202E${'r'.repeat(100 * 1024)}\n[x](command:workbench.action.terminal.sendSequence)`,
        },
        { method: 'GET', path: '/v1/x', host: 'api.sinch.com', signedBy: 'instance' },
      );
      assert.ok(e.reference !== undefined && e.reference.length <= 100, `${e.reference?.length} characters`);
      for (const text of [e.message, e.reference, e.serverMessage ?? '', errorDetails(e).replace(/\n/g, ' ')])
        assert.deepEqual(activeForms(text), [], text);
      assert.match(e.message, /see \[status page\]\uff08command\uff1aworkbench/);
    });

    it('organisation fields, cities, countries, area codes, application keys and prices are cleaned', () => {
      const hostile = HOSTILE.markdownLink;
      const org = readOrganisation({
        id: 1,
        name: hostile,
        website: HOSTILE.javascriptUri,
        countryId: HOSTILE.codicon,
      });
      assert.ok(org);
      const number = readRentedNumber({
        number: 14150005550,
        groupId: 1,
        capabilities: ['voice'],
        applicationKey: HOSTILE.commandUri,
        countryId: HOSTILE.bidi,
        city: hostile,
        country: HOSTILE.vscodeUri,
        areaCode: HOSTILE.newlines,
        expires: HOSTILE.fileUri,
        cost: { amount: 1, currencyId: HOSTILE.codicon },
      });
      assert.ok(number);
      const groups = readNumberGroups([
        {
          groupId: 1,
          availability: 3,
          capabilities: ['sms'],
          cost: { amount: 1, currencyId: 'USD' },
          country: hostile,
          countryId: HOSTILE.html,
          city: HOSTILE.megabyte,
          type: HOSTILE.autolink,
          areaCode: HOSTILE.spaced,
        },
      ]);
      assert.ok(groups);
      const texts = [
        org.name,
        org.website,
        org.countryId,
        number.applicationKey,
        number.countryId,
        number.city,
        number.country,
        number.areaCode,
        number.expires,
        number.cost.currencyId,
        ...Object.values(groups[0]).filter((v): v is string => typeof v === 'string'),
      ];
      for (const text of texts) assert.deepEqual(activeForms(text ?? ''), [], text);
      assert.ok(groups[0].city.length <= 100);
    });
  });

  describe('the second guard in Messages', () => {
    it('cleans and caps any text and detail it is given, keeping the detail lines', async () => {
      const prompter = new FakePrompter();
      const messages: Messages = testMessages(prompter);
      messages.show({
        severity: 'error',
        text: `Failed: ${HOSTILE.markdownLink} ${MEGABYTE}`,
        detail: HOSTILE.newlines,
      });
      messages.show({ severity: 'info', text: HOSTILE.codicon, detail: `${HOSTILE.bidi}\n${HOSTILE.commandUri}` });
      await messages.idle();
      assert.equal(prompter.shown.length, 2);
      for (const m of prompter.shown) {
        assert.deepEqual(activeForms(m.text), [], m.text);
        assert.ok(m.text.length <= 2000, `${m.text.length} characters`);
        for (const line of (m.detail ?? '').split('\n')) assert.deepEqual(activeForms(line), [], line);
      }
      assert.equal(prompter.shown[0].detail?.split('\n').length, 3, 'the detail keeps its lines');
    });

    it('Copy Error Details copies cleaned text', async () => {
      const record = emptyWaysRecord();
      const prompter = new FakePrompter().onToast(/./, 'Copy Error Details');
      const messages = testMessages(prompter, record);
      // An error from some other source that never passed the wire.
      const e = errorFromResponse(
        500,
        { errorCode: 50000, message: 'x' },
        { method: 'GET', path: '/p', host: 'h', signedBy: 'instance' },
      );
      Object.defineProperty(e, 'reference', { value: `${HOSTILE.markdownLink}${MEGABYTE}` });
      messages.showError(e);
      await messages.idle();
      assert.equal(record.copied.length, 1);
      for (const line of record.copied[0].split('\n')) assert.deepEqual(activeForms(line), [], line);
      assert.ok(record.copied[0].length < 20_000);
    });
  });

  it("guardedText keeps the product's own white space (indents, no-break spaces in a phone number)", () => {
    assert.equal(guardedText('Rented +33\u00a01\u00a040:\n  +1\u00a0415'), 'Rented +33\u00a01\u00a040:\n  +1\u00a0415');
    assert.equal(guardedText('a\u202Eb [x](command:y)'), 'a b [x]\uff08command\uff1ay)');
  });

  it('guardedText caps the number of lines', () => {
    const text = guardedText(Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n'), 100, 40);
    assert.equal(text.split('\n').length, 41);
  });
});
