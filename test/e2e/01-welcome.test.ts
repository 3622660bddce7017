import * as assert from 'node:assert/strict';
import { e2e } from './fixture';
import { Workbench } from '../harness/workbench';

describe('first look', function () {
  this.timeout(180_000);
  let wb: Workbench;
  before(async () => {
    wb = await Workbench.main(e2e().browser, e2e().serverUrl, e2e().workspace, '01-welcome');
  });
  after(async () => {
    await wb.done();
  });

  it('opens the Sinch Numbers container and shows the welcome content with a Sign In button', async () => {
    await wb.ensureSignedOut();
    await wb.signInButton().waitFor({ timeout: 30_000 });
    assert.ok(await wb.page.locator('.welcome-view-content', { hasText: 'Browse, rent and assign' }).isVisible());
    await wb.screenshot('signed-out');
  });
});
