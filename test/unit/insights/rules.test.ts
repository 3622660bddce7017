// The Problems rules over a real inventory: not rented, expired, expiring, and a number on
// another application than the one the file names; the index answers from maps only.
import assert from 'node:assert/strict';
import { CodeIndex } from '../../../src/insights/codeIndex';
import { detect } from '../../../src/numbers/numberCandidates';
import { analyse, documentApplication, type Finding, type RuleOptions } from '../../../src/insights/rules';
import { buildInventory } from '../../../src/numbers/inventory';
import { APP_A, APP_B, DAY, NOW, aNumber, iso } from '../../support/builders';

const ORG = { id: '8888123', name: 'Acme' };
const APP_ADDED = 'e8f9a0b1-c2d3-4e4f-8a5b-6c7d8e9f0a1b';
const STRANGER = '00000000-0000-4000-8000-000000000000';
/** Held numbers in an earlier list of the organisation; holds none now (Voice IVR after its last number moved). */
const APP_SEEN = '0d5c7a10-3b2e-4c1f-9a8b-7e6d5c4b3a21';

function index(): CodeIndex {
  const inventory = buildInventory(
    [
      aNumber({ number: 14150005550 }), // unassigned
      aNumber({ number: 14150005551, applicationKey: APP_A }),
      aNumber({ number: 14150005552, applicationKey: APP_B.toUpperCase() }),
      aNumber({ number: 15045550100, applicationKey: APP_B, expires: iso(NOW + 6 * DAY) }),
      aNumber({ number: 442079460100, applicationKey: APP_A, expires: iso(NOW - 3 * DAY) }),
    ],
    { now: NOW, expiryWarningDays: 30 },
  );
  return new CodeIndex(inventory, ORG, [
    [APP_ADDED, 'added'],
    [APP_SEEN, 'seen'],
  ]);
}

const options: RuleOptions = { unrented: 'information', labels: { [APP_A]: 'Voice IVR' }, now: NOW };

function findings(
  text: string,
  o: Partial<RuleOptions> = {},
): Pick<Finding, 'rule' | 'severity' | 'message' | 'number' | 'target'>[] {
  return analyse(detect(text), index(), { ...options, ...o }).map(({ rule, severity, message, number, target }) => ({
    rule,
    severity,
    message,
    number,
    ...(target ? { target } : {}),
  }));
}

describe('insights: the index', () => {
  it('finds rented numbers by digits and applications by key in any case; nothing else', () => {
    const i = index();
    assert.equal(i.number('14150005551')?.applicationKey, APP_A);
    assert.equal(i.number('14155550123'), undefined);
    assert.equal(i.number('1234567890123456'), undefined);
    assert.equal(i.application(APP_B.toUpperCase())?.group?.size, 2, 'keys in either case are one application');
    assert.deepEqual(
      i.application(APP_ADDED),
      { key: APP_ADDED, group: undefined, source: 'added' },
      'added by key, no numbers yet',
    );
    assert.equal(i.application(APP_SEEN.toUpperCase())?.source, 'seen', 'held numbers before, none now');
    assert.equal(i.application(STRANGER), undefined, 'a UUID that is not an application of the organisation');
  });
});

describe('insights: rules', () => {
  it('an E.164 number the organisation does not rent: Information by default, configurable, off', () => {
    const text = 'FALLBACK=+14155550123';
    assert.deepEqual(findings(text), [
      {
        rule: 'notRented',
        severity: 'information',
        message: '+1 415-555-0123 is not a number Acme (8888123) rents.',
        number: 14155550123,
      },
    ]);
    assert.equal(findings(text, { unrented: 'warning' })[0].severity, 'warning');
    assert.equal(findings(text, { unrented: 'hint' })[0].severity, 'hint');
    assert.deepEqual(findings(text, { unrented: 'off' }), []);
  });

  it('only `+` and digits is taken as meant for a phone number: bare and formatted unrented numbers say nothing', () => {
    assert.deepEqual(findings('A="14155550123" B=+1 415-555-0123 C: 14155550123'), []);
  });

  it('a rented number that is fine says nothing, whatever its form', () => {
    assert.deepEqual(findings('A=+14150005551 B="14150005551" C=+1 (415) 000-5551'), []);
  });

  it('an expired number: Warning; one expiring within the window: Information', () => {
    assert.deepEqual(findings('UK=+442079460100\nSMS=15045550100'), [
      { rule: 'expired', severity: 'warning', message: '+44 20 7946 0100 expired 3 days ago.', number: 442079460100 },
      { rule: 'expiring', severity: 'information', message: '+1 504-555-0100 expires in 6 days.', number: 15045550100 },
    ]);
  });

  it("a number on another application than the file's one key: Warning naming both, with the target", () => {
    const text = `APPLICATION_KEY=${APP_A}\nCALLER=+14150005551\nSMS=+14150005552\nFALLBACK=+14150005550`;
    assert.deepEqual(findings(text), [
      {
        rule: 'otherApplication',
        severity: 'warning',
        number: 14150005552,
        target: APP_A,
        message: `+1 415-000-5552 reaches ${APP_B}, not Voice IVR (${APP_A}), the application this file uses.`,
      },
      {
        rule: 'otherApplication',
        severity: 'warning',
        number: 14150005550,
        target: APP_A,
        message: `+1 415-000-5550 reaches no application; this file uses Voice IVR (${APP_A}).`,
      },
    ]);
  });

  it('an expiring number on another application gets both findings', () => {
    assert.deepEqual(
      findings(`key: ${APP_A}\nsms: +15045550100`).map((f) => f.rule),
      ['expiring', 'otherApplication'],
    );
  });

  it("the file's application: exactly one of the organisation's; a stranger UUID does not count; two mean none", () => {
    const i = index();
    assert.equal(documentApplication(detect(`${APP_A} ${STRANGER} ${APP_A.toUpperCase()}`), i), APP_A);
    assert.equal(documentApplication(detect(`${APP_A} ${APP_B}`), i), undefined);
    assert.equal(documentApplication(detect(STRANGER), i), undefined);
    assert.deepEqual(findings(`${APP_A}\n${APP_B}\n+14150005552`), [], 'two applications: no guess');
    assert.deepEqual(findings(`${STRANGER}\n+14150005552`), [], 'not an application of the organisation');
  });

  it("an application added by key (no numbers yet) is the file's application too", () => {
    assert.deepEqual(
      findings(`${APP_ADDED}\n+14150005551`).map((f) => [f.rule, f.target]),
      [
        ['emptyApplication', undefined],
        ['otherApplication', APP_ADDED],
      ],
    );
  });

  it("the file's application lost its last number: the key says so, and its caller id reaches no application", () => {
    const labels = { [APP_SEEN]: 'Voice IVR' };
    const text = `SINCH_APPLICATION_KEY=${APP_SEEN}\nSINCH_CALLER_ID=+14150005550\nSINCH_FALLBACK=+14150005552\n`;
    assert.deepEqual(
      findings(text, { labels }).map((f) => [f.rule, f.severity, f.message]),
      [
        [
          'emptyApplication',
          'warning',
          `Voice IVR (${APP_SEEN}) now has no numbers: nothing this file sends or receives through it reaches a phone.`,
        ],
        [
          'otherApplication',
          'warning',
          `+1 415-000-5550 reaches no application; this file uses Voice IVR (${APP_SEEN}).`,
        ],
        [
          'otherApplication',
          'warning',
          `+1 415-000-5552 reaches c3a1d2e4-5b6f-4a70-8e91-0f2a3b4c5d6e, not Voice IVR (${APP_SEEN}), the application this file uses.`,
        ],
      ],
    );
  });
});
