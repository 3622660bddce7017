// Server text is data. The simulator answers the numbers list with what a hostile or broken
// server could send: an application key with a blank line and a link after it, a city with a
// bidi override and an image; then a price of 1e308. The person hovers the number and reads the
// view: the text shows as text, nothing renders as an image or a link, and no "∞" appears.
import * as assert from 'node:assert/strict';
import { e2e } from './fixture';
import { waitUntil, Workbench } from '../harness/workbench';
import { DEMO_APP } from '../support/demo';

const APP = DEMO_APP;
const NUMBER = '+1 415-000-5550';

function hostileList(pixelUrl: string, cost = 1): unknown[] {
  return [
    {
      number: 14150005550,
      groupId: 13,
      capabilities: ['voice'],
      countryId: 'US',
      country: 'US',
      areaCode: '415',
      city: `PARIS\u202Egnp.exe ![pixel](${pixelUrl})`,
      // Short enough to reach the tooltip whole (a key shows up to 80 characters).
      applicationKey: `${APP}\n\n[Sign in again](https://evil.example/x)`,
      expires: '2030-01-01T00:00:00+00:00',
      cost: { amount: cost, currencyId: 'USD' },
    },
  ];
}

describe('server text is data', function () {
  this.timeout(180_000);
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.main(e2e().browser, e2e().serverUrl, e2e().workspace, '09-server-text');
  });
  after(async () => {
    await wb.done();
  });

  /** Every list of numbers answers `body` until the test ends (the fixture clears faults after each test). */
  function answerListsWith(body: unknown[]): void {
    e2e().simulator.faults.inject('listNumbers', { kind: 'json', body }, 1000);
  }

  it('a hostile application key and city show as text in the tooltip: no image, no link', async () => {
    e2e().simulator.reset('demo');
    const pixel = `${e2e().simulator.url}/__simulator/pixel.png`;
    answerListsWith(hostileList(pixel));
    await wb.ensureSignedIn();
    await wb.refreshTree();
    const rows = await wb.waitForRows(
      (r) => r.some((row) => row.text.includes(NUMBER)) && !r.some((row) => row.text.includes('+1 415-000-5551')),
      'only the hostile number listed',
    );
    const number = rows.find((row) => row.text.includes(NUMBER))!;
    assert.match(number.text, /PARIS gnp\.exe/i, 'the bidi override is gone: the city reads as sent');
    const hover = await wb.hoverFor(wb.treeRow(NUMBER).locator('.label-name'), 'Sign in again');
    const text = await hover.innerText();
    // The wire's guard breaks link syntax with full-width characters: ]（ and ：
    assert.match(text, /!\[pixel\][(（]http/, 'the image syntax is shown as text');
    assert.match(text, /\[Sign in again\][(（]https[:：]\/\/evil\.example\/x\)/, 'the link syntax is shown as text');
    assert.equal(await hover.locator('img').count(), 0, 'no image rendered');
    assert.equal(
      await hover.locator('a[href*="evil.example"], a[data-href*="evil.example"]').count(),
      0,
      'no link rendered',
    );
    await wb.screenshot('1-hostile-tooltip');
    await wb.restPointer();
  });

  it('a price of 1e308 is refused at the wire: the view says the answer could not be used, and shows no "∞"', async () => {
    e2e().simulator.reset('demo');
    answerListsWith(hostileList('https://evil.example/p.png', 1e308));
    await wb.ensureSignedIn();
    const before = e2e().simulator.counters().listNumbers ?? 0;
    await wb.refreshTree();
    await waitUntil(() => (e2e().simulator.counters().listNumbers ?? 0) > before, { what: 'the list asked again' });
    const sidebar = wb.page.locator('.part.sidebar');
    await sidebar
      .getByText(/not a list of numbers/)
      .first()
      .waitFor({ timeout: 30_000 });
    assert.doesNotMatch(await sidebar.innerText(), /∞|Infinity|NaN/);
    await wb.screenshot('2-impossible-price');
  });
});
