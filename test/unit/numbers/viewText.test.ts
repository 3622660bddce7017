import assert from 'node:assert/strict';
import { parseFilter } from '../../../src/numbers/filter';
import { buildInventory } from '../../../src/numbers/inventory';
import { viewDescription, viewMessage, type ViewState } from '../../../src/numbers/viewText';
import { SinchApiError } from '../../../src/sinch/errors';
import { aNumber, APP_A, NOW } from '../../support/builders';

const inventory = buildInventory(
  [
    aNumber({ number: 14150005550 }),
    aNumber({ number: 14150005551, applicationKey: APP_A, cost: { amount: 2.5, currencyId: 'USD' } }),
  ],
  { now: NOW, expiryWarningDays: 30 },
);
const state = (over: Partial<ViewState> = {}): ViewState => ({
  account: { organisationId: '8888123', organisationName: 'Acme' },
  inventory,
  filter: undefined,
  shown: 2,
  loadedAt: NOW,
  lastError: undefined,
  loading: false,
  sessionExpired: false,
  timeText: () => '14:05',
  ...over,
});

describe('what the Numbers view says about itself', () => {
  it('describes the organisation, its count and its monthly cost; with a filter, what it shows', () => {
    assert.equal(viewDescription(state()), 'Acme · 2 numbers · 3.50 USD/month');
    assert.equal(
      viewDescription(state({ filter: parseFilter('cap:sms'), shown: 1 })),
      'Acme · 1 of 2 numbers · filter: cap:sms',
    );
    assert.equal(viewDescription(state({ account: undefined })), undefined);
  });

  it('says nothing above a current list, and why a list may be out of date otherwise', () => {
    assert.equal(viewMessage(state()), undefined);
    const failed = new SinchApiError({
      kind: 'unavailable',
      message: 'Sinch is unavailable right now (503).',
      method: 'GET',
      path: '/v1',
      status: 503,
    });
    assert.equal(
      viewMessage(state({ lastError: failed })),
      "Couldn't refresh the numbers: Sinch is unavailable right now (503). Showing the list from 14:05, which may be out of date.",
    );
    assert.equal(viewMessage(state({ lastError: failed, loading: true })), undefined, 'not while a retry is loading');
    assert.match(viewMessage(state({ sessionExpired: true }))!, /session has expired: these numbers are from 14:05/);
    assert.equal(
      viewMessage(state({ filter: parseFilter('city:nowhere'), shown: 0 })),
      'No numbers match "city:nowhere". Clear the filter to see them all.',
    );
  });

  it('while a long load runs, says how much has arrived; nothing once it is over', () => {
    assert.equal(
      viewMessage(state({ loading: true, received: { items: 0, bytes: 0 } })),
      'Loading the numbers: waiting for Sinch…',
    );
    assert.equal(
      viewMessage(state({ loading: true, received: { items: 52_000, bytes: 14 * 2 ** 20 } })),
      'Loading the numbers: 52,000 received so far (14 MiB)…',
    );
    assert.equal(viewMessage(state({ loading: false, received: { items: 52_000, bytes: 1 } })), undefined);
    assert.match(
      viewMessage(state({ loading: true, received: { items: 5, bytes: 1 }, sessionExpired: true }))!,
      /session has expired/,
      'an expired session says so first',
    );
  });
});
