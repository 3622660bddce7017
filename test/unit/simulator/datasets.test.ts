import assert from 'node:assert/strict';
import { demo, SimulatorState } from '../../simulator';
import { largeScale, loadDataset } from '../../simulator/datasets';

const DAY = 24 * 60 * 60 * 1000;
const now = Date.parse('2030-03-10T12:00:00.000Z');
const load = (name: 'demo' | 'scale' | 'empty', scale?: { numbers: number; applications: number; pool?: number }) => {
  const state = new SimulatorState(() => now, 15 * 60 * 1000);
  loadDataset(state, name, scale);
  return state;
};

describe('simulator datasets', () => {
  it("demo: the document's numbers, three users, and the applications the brief asks for", () => {
    const s = load('demo');
    assert.deepEqual(
      s.users.map((u) => u.email),
      ['demo@example.com', 'other@example.com', 'accounting@example.com'],
    );
    assert.deepEqual(
      [...s.organisations.values()].map((o) => [o.id, o.name, o.accounting]),
      [
        ['8888123', 'Acme', true],
        ['9999001', 'Globex', true],
        ['7777001', 'Initech', false],
        ['8888124', 'Acme Europe', true],
      ],
    );
    assert.deepEqual(
      s.users[0].otherOrgIds,
      ['8888124'],
      'the demo user also belongs to Acme Europe (listed in the several-organisations dialect)',
    );
    assert.equal(s.credit.get('8888123'), 20);
    const n0 = s.numbers.get(14150005550)!;
    assert.deepEqual(
      [n0.groupId, n0.city, n0.areaCode, n0.capabilities, n0.applicationKey],
      [13, 'SAN FRANCISCO', '415', ['voice'], undefined],
    );
    assert.equal(s.numbers.get(14150005551)!.applicationKey, demo.voiceApp);

    const acme = [...s.numbers.values()].filter((n) => n.orgId === '8888123');
    const on = (key: string) => acme.filter((n) => n.applicationKey === key);
    for (const key of [demo.smsApp, demo.supportApp]) assert.ok(on(key).length >= 2 && on(key).length <= 3);
    assert.equal(on(demo.emptyApp).length, 0);
    assert.ok(s.applications.has(demo.emptyApp));
    const caps = new Set(acme.flatMap((n) => n.capabilities));
    assert.deepEqual([...caps].sort(), ['sms', 'voice']);
    const expiries = acme.map((n) => Date.parse(n.expires) - now);
    assert.ok(
      expiries.some((e) => e > 0 && e < 10 * DAY),
      'one expires within 10 days',
    );
    assert.ok(
      expiries.some((e) => e < 0),
      'one has expired',
    );
    assert.ok(acme.filter((n) => !n.applicationKey).length >= 3, 'a few unassigned');
    const globex = [...s.numbers.values()].filter((n) => n.orgId === '9999001');
    assert.equal(globex.length, 1);
    assert.equal(s.applications.get(globex[0].applicationKey!)!.orgId, '9999001');
  });

  it('demo is identical on every load', () => {
    assert.deepEqual(load('demo').snapshot(), load('demo').snapshot());
  });

  it('empty has nothing', () => {
    const s = load('empty');
    assert.deepEqual([s.users.length, s.numbers.size, s.groups.size, s.applications.size], [0, 0, 0, 0]);
  });

  it('scale: exactly the asked numbers and applications, some unassigned, deterministic', () => {
    const a = load('scale');
    const acme = [...a.numbers.values()].filter((n) => n.orgId === '8888123');
    assert.equal(acme.length, 20000);
    assert.equal([...a.applications.values()].filter((x) => x.orgId === '8888123').length, 200);
    const unassigned = acme.filter((n) => !n.applicationKey).length;
    assert.ok(unassigned > 0 && unassigned < 2000, String(unassigned));
    assert.ok(acme.every((n) => String(n.number).length <= 15 && Number.isSafeInteger(n.number)));
    assert.equal(a.users[0].email, 'demo@example.com');
    assert.deepEqual(load('scale').snapshot(), a.snapshot());
    const small = load('scale', { numbers: 50, applications: 3 });
    assert.equal([...small.numbers.values()].filter((n) => n.orgId === '8888123').length, 50);
    assert.equal([...small.applications.values()].filter((x) => x.orgId === '8888123').length, 3);
  });

  it('scale with a pool: the first application holds at least the pool; the large scale is 200,000 numbers in 2,000 applications', () => {
    const pooled = load('scale', { numbers: 5000, applications: 40, pool: 1500 });
    const acme = [...pooled.numbers.values()].filter((n) => n.orgId === '8888123');
    const first = [...pooled.applications.values()].find((a) => a.orgId === '8888123')!;
    assert.equal(acme.length, 5000);
    assert.ok(acme.filter((n) => n.applicationKey === first.key).length >= 1500);
    // Without a pool, the same seed gives the same organisation as before pools existed.
    assert.deepEqual(
      load('scale', { numbers: 300, applications: 7, pool: 0 }).snapshot(),
      load('scale', { numbers: 300, applications: 7 }).snapshot(),
    );

    const large = load('scale', largeScale);
    const byApp = new Map<string, number>();
    let count = 0;
    for (const n of large.numbers.values()) {
      if (n.orgId !== '8888123') continue;
      count++;
      if (n.applicationKey) byApp.set(n.applicationKey, (byApp.get(n.applicationKey) ?? 0) + 1);
    }
    assert.equal(count, 200_000);
    assert.equal(byApp.size, 2_000);
    assert.ok(Math.max(...byApp.values()) >= 50_000);
    assert.equal(new Set(large.numbersOfOrganisation('8888123').map((n) => n.number)).size, 200_000, 'no number twice');
  });
});
