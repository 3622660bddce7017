import assert from 'node:assert/strict';
import {
  describeConnection,
  describeEndpoints,
  describeLearned,
  describeSkew,
} from '../../../src/session/connectionReport';

describe('session: Test Connection report', () => {
  const endpoints = {
    userApi: 'https://userapi.sinch.com',
    api: 'https://api.sinch.com',
    portalApi: 'https://portalapi.sinch.com',
  };

  it('the toast names the identity and organisation; the report adds round trip, clock and endpoints, one per line', () => {
    const r = describeConnection({
      identity: 'demo@example.com',
      organisation: { id: '8888123', name: 'Acme' },
      roundTripMs: 41.6,
      skewMs: -300,
      endpoints,
    });
    assert.equal(r.severity, 'info');
    assert.equal(r.summary, 'Connected to Sinch as demo@example.com: organisation Acme (8888123).');
    assert.equal(
      r.report,
      'Connected to Sinch as demo@example.com: organisation Acme (8888123).\n' +
        'Round trip 42 ms.\n' +
        'Clock in sync with Sinch (within a second).\n' +
        'Endpoints: user API https://userapi.sinch.com, API https://api.sinch.com, portal API https://portalapi.sinch.com.\n',
    );
  });

  it('the toast stays short: at most the two sentences of what is wrong follow the first', () => {
    const r = describeConnection({
      identity: 'demo@example.com',
      organisation: { id: '8888123', name: 'Acme' },
      roundTripMs: 41.6,
      skewMs: 20 * 60_000,
      endpoints,
      listed: false,
      learned: {},
    });
    assert.equal(r.severity, 'warning');
    assert.equal(
      r.summary,
      'Connected to Sinch as demo@example.com: organisation Acme (8888123). ' +
        'Sinch no longer lists organisation 8888123 for this login: sign in again to choose another. ' +
        "Clock offset: Sinch's clock is 20 min ahead of this computer's. Sinch refuses requests more than 15 minutes off: correct this computer's clock.",
    );
    assert.ok(!/Endpoints|Signature|Round trip/.test(r.summary), r.summary);
    assert.match(r.report, /\nSignature: not known yet\.\n/);
  });

  it("an organisation's name from the server stays one line of plain text in the report", () => {
    const r = describeConnection({
      identity: 'demo@example.com',
      organisation: { id: '8888123', name: 'Acme\nSignature: forged\u202e' },
      roundTripMs: 1,
      skewMs: 0,
      endpoints,
    });
    assert.equal(r.summary, 'Connected to Sinch as demo@example.com: organisation Acme Signature: forged (8888123).');
    assert.equal(r.report.split('\n').length, 5, r.report);
  });

  it('one base URL for all three is said once', () => {
    const same = 'http://127.0.0.1:4010';
    assert.equal(
      describeEndpoints({ userApi: same, api: same, portalApi: same }),
      'http://127.0.0.1:4010 (all three APIs)',
    );
  });

  const skews: Array<[number | undefined, RegExp]> = [
    [undefined, /unknown/],
    [0, /in sync/],
    [-1999, /in sync/],
    [5_000, /Sinch's clock is 5 s ahead of this computer's\.$/],
    [-90_000, /90 s behind/],
    [-10 * 60_000, /10 min behind.*correct this computer's clock/],
    [23 * 3_600_000, /1380 min ahead/],
    [75 * 365.25 * 86_400_000, /^Sinch's clock and this computer's are 75 years apart: one of them is wrong\./],
    [-3 * 86_400_000, /3 days apart: one of them is wrong/],
  ];
  for (const [skew, text] of skews) it(`clock offset ${skew} → ${text}`, () => assert.match(describeSkew(skew), text));

  it('a clock far enough off to break requests is a warning', () => {
    assert.equal(
      describeConnection({ identity: 'x', organisation: { id: '1' }, roundTripMs: 1, skewMs: 20 * 60_000, endpoints })
        .severity,
      'warning',
    );
  });

  it('says what it has learned: signature form, organisation answer and assign scope, each with when', () => {
    const at = (ms: number) => `t${ms}`;
    assert.deepEqual(describeLearned({}, at), [
      'Signature: not known yet.',
      'Organisations: not read yet.',
      'Assign scope: not seen yet; every assign is checked, and put right at once if it removes numbers of the other capability.',
    ]);
    assert.deepEqual(
      describeLearned(
        {
          form: { form: 'leadingSlash', learnedAt: 1, afterRefusal: true },
          portalForm: { form: 'reference', learnedAt: 2, afterRefusal: false },
          organisations: { shape: 'list', count: 2, learnedAt: 3 },
          scope: { scope: 'wholeSet', learnedAt: 4 },
        },
        at,
      ),
      [
        "Signature: the path with its leading slash, as Sinch's signing library (learned t1, after Sinch refused the reference form).",
        'Numbers host signature: the path without its leading slash, as the reference (seen t2).',
        'Organisations: Sinch answers a list, of 2 for this login (seen t3).',
        "Assign scope: whole set, an assign replaces all of an application's numbers (learned t4); every assign sends the application's whole set.",
      ],
    );
    assert.deepEqual(
      describeLearned(
        {
          form: { form: 'reference', learnedAt: 1, afterRefusal: false },
          organisations: { shape: 'object', count: 1, learnedAt: 1 },
          scope: { scope: 'capability', learnedAt: 1 },
        },
        at,
      ),
      [
        'Signature: the path without its leading slash, as the reference (seen t1).',
        'Organisations: Sinch answers one organisation object, as the reference says (seen t1).',
        'Assign scope: per capability, as the reference says (seen t1).',
      ],
    );
  });
});
