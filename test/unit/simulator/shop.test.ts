import assert from 'node:assert/strict';
import { NUMBERS, ORG, SHOP, TestClient, useSimulator } from './helpers';

const MINUTE = 60 * 1000;

describe('simulator shop: list, reserve, checkout', () => {
  const clock = { t: Date.parse('2030-03-10T12:00:00.000Z') };
  const ctx = useSimulator({ now: () => clock.t });
  beforeEach(() => {
    clock.t = Date.parse('2030-03-10T12:00:00.000Z');
  });

  const groups = async () => (await ctx.client.call('GET', SHOP)).json as { groupId: number; availability: number }[];
  const availability = async (groupId: number) => (await groups()).find((g) => g.groupId === groupId)!.availability;
  const reserve = (body: unknown) => ctx.client.call('PUT', SHOP, body);
  const checkout = (referenceIds: unknown) => ctx.client.call('POST', SHOP, { referenceIds });
  const credit = () => ctx.sim.state.credit.get(ORG);

  it("lists the document's groups verbatim among the others", async () => {
    const res = await ctx.client.call('GET', SHOP);
    assert.equal(res.status, 200);
    const byId = new Map(res.json.map((g: { groupId: number }) => [g.groupId, g]));
    assert.deepEqual(byId.get(1), {
      groupId: 1,
      country: 'France',
      countryId: 'FR',
      city: 'PARIS',
      type: 'Voice',
      availability: 7,
      areaCode: '01',
      cost: { amount: 2.0, currencyId: 'USD' },
      capabilities: ['voice'],
    });
    assert.deepEqual(byId.get(2), {
      groupId: 2,
      country: 'UK',
      countryId: 'GB',
      city: 'LONDON',
      type: 'Voice',
      availability: 2,
      areaCode: '020',
      cost: { amount: 2.0, currencyId: 'USD' },
      capabilities: ['voice'],
    });
    assert.deepEqual(byId.get(75), {
      groupId: 75,
      country: 'US',
      countryId: 'US',
      city: 'New Orleans',
      type: 'Sms',
      availability: 5,
      areaCode: '504',
      cost: { amount: 2.0, currencyId: 'USD' },
      capabilities: ['sms'],
    });
    assert.ok(res.json.length >= 9);
    assert.ok(res.json.some((g: { availability: number }) => g.availability === 0));
    assert.ok(res.json.some((g: { cost: { currencyId: string } }) => g.cost.currencyId === 'EUR'));
  });

  it("filters by ?type=sms|voice; any other type is 40001 with the document's message", async () => {
    const sms = (await ctx.client.call('GET', `${SHOP}?type=sms`)).json as { capabilities: string[] }[];
    assert.ok(sms.length > 0 && sms.every((g) => g.capabilities.includes('sms')));
    const bad = await ctx.client.call('GET', `${SHOP}?type=fax`);
    assert.equal(bad.status, 400);
    assert.deepEqual(
      [bad.json.errorCode, bad.json.message],
      [40001, 'Invalid number type: fax.  Type must be one of: sms, voice.'],
    );
    assert.equal((await ctx.client.call('GET', `${SHOP}?type=`)).json.errorCode, 40001);
  });

  it('another organisation is 40300 on every organisation path', async () => {
    for (const [method, path, body] of [
      ['GET', '/v1/organisations/id/9999001/numbers/shop', undefined],
      ['PUT', '/v1/organisations/id/9999001/numbers/shop', { groupId: 1, quantity: 1 }],
      ['POST', '/v1/organisations/id/9999001/numbers/shop', { referenceIds: ['x'] }],
      ['GET', '/v1/organisations/id/9999001/numbers', undefined],
      ['GET', '/v1/organisations/id/123/numbers', undefined],
    ] as const) {
      const res = await ctx.client.call(method, path, body);
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.equal(res.json.errorCode, 40300);
      assert.match(res.json.message, /^The current user is not the owner of the organisation: /);
    }
  });

  it("reserves: a reference id, availability held, capabilities default to the group's", async () => {
    const res = await reserve({ groupId: 13, quantity: 2 });
    assert.equal(res.status, 200);
    assert.match(res.json.referenceId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(await availability(13), 8);
    const r = ctx.sim.state.reservations.get(res.json.referenceId)!;
    assert.deepEqual(
      [r.orgId, r.groupId, r.quantity, r.capabilities, r.expires - r.created],
      [ORG, 13, 2, ['sms', 'voice'], 15 * MINUTE],
    );
  });

  it('validates a reservation: 40002, 40003, 40001 as documented', async () => {
    const cases: [unknown, number, RegExp?][] = [
      [{ quantity: 1 }, 40002, /^No groupIds specified$/],
      [{ groupId: [], quantity: 1 }, 40002],
      [{ groupId: [1, 2], quantity: 1 }, 40003, /^Too many number groups specified\./],
      [{ groupId: 999, quantity: 1 }, 40003, /^Invalid number group: 999$/],
      [{ groupId: '1', quantity: 1 }, 40003],
      [{ groupId: 1, quantity: 1, capabilities: ['sms'] }, 40001, /^Invalid capability 'sms'$/],
      [{ groupId: 1, quantity: 1, capabilities: ['fax'] }, 40001],
      [{ groupId: 1, quantity: 1, capabilities: 'voice' }, 40001],
      [{ groupId: 1 }, 40003],
      [{ groupId: 1, quantity: 0 }, 40003],
      [{ groupId: 1, quantity: -1 }, 40003],
      [{ groupId: 1, quantity: 1.5 }, 40003],
      [{ groupId: 1, quantity: '1' }, 40003],
      [{ groupId: 1, quantity: 8 }, 40003, /from 1 to 7/],
      [{ groupId: 60, quantity: 1 }, 40003, /no numbers available/],
      [[1], 40001],
    ];
    for (const [body, code, message] of cases) {
      const res = await reserve(body);
      assert.equal(res.json.errorCode, code, JSON.stringify(body));
      assert.equal(res.status, Math.floor(code / 100));
      if (message) assert.match(res.json.message, message);
    }
    assert.equal(ctx.sim.state.reservations.size, 0);
    assert.equal(await availability(1), 7);
  });

  it('never oversells under concurrent reservations', async () => {
    const results = await Promise.all([1, 2, 3].map(() => reserve({ groupId: 2, quantity: 1 })));
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 200, 400]);
    assert.equal(await availability(2), 0);
  });

  it('checks out: deducts credit, rents deterministic numbers for a year, deletes the reservation', async () => {
    const a = (await reserve({ groupId: 1, quantity: 2 })).json.referenceId;
    const b = (await reserve({ groupId: 13, quantity: 1, capabilities: ['sms'] })).json.referenceId;
    const before = ctx.sim.state.numbers.size;
    const res = await checkout([a, b]);
    assert.equal(res.status, 204);
    assert.equal(res.text, '');
    assert.equal(credit(), 15);
    assert.equal(ctx.sim.state.numbers.size, before + 3);
    assert.equal(ctx.sim.state.reservations.size, 0);
    assert.equal(await availability(1), 5);
    const listed = (await ctx.client.call('GET', NUMBERS)).json as {
      number: number;
      groupId: number;
      capabilities: string[];
      expires: string;
      applicationKey?: string;
    }[];
    const paris = listed.filter((n) => n.groupId === 1 && !n.applicationKey);
    assert.deepEqual(
      paris.map((n) => n.number),
      [33140000101, 33140000102],
    );
    assert.ok(paris.every((n) => n.expires === '2031-03-10T12:00:00+00:00'));
    const sf = listed.find((n) => n.number === 14150005553)!;
    assert.deepEqual(sf.capabilities, ['sms']);
  });

  it('a repeated checkout is 40400 and never buys twice', async () => {
    const id = (await reserve({ groupId: 1, quantity: 1 })).json.referenceId;
    assert.equal((await checkout([id])).status, 204);
    const again = await checkout([id]);
    assert.equal(again.status, 404);
    assert.deepEqual(
      [again.json.errorCode, again.json.message],
      [40400, 'Unable to assign numbers to organization: reservation(s) not found or expired'],
    );
    assert.equal(credit(), 18);
  });

  it('is all or nothing: one unknown or foreign reservation fails the whole checkout', async () => {
    const mine = (await reserve({ groupId: 1, quantity: 1 })).json.referenceId;
    const other = await new TestClient(ctx.sim.url, () => clock.t).signIn('other@example.com', 'other-password');
    const theirs = (await other.call('PUT', '/v1/organisations/id/9999001/numbers/shop', { groupId: 1, quantity: 1 }))
      .json.referenceId;
    const numbers = ctx.sim.state.numbers.size;
    for (const ids of [
      [mine, theirs],
      [mine, '00000000-0000-4000-8000-000000000000'],
    ]) {
      assert.equal((await checkout(ids)).json.errorCode, 40400);
    }
    assert.deepEqual([credit(), ctx.sim.state.numbers.size, ctx.sim.state.reservations.size], [20, numbers, 2]);
    assert.equal((await checkout([mine])).status, 204);
  });

  it('short of credit is 40200 and nothing is rented; with credit the same reservations succeed', async () => {
    const a = (await reserve({ groupId: 1, quantity: 7 })).json.referenceId; // 14.00
    const b = (await reserve({ groupId: 20, quantity: 4 })).json.referenceId; // 12.00
    const numbers = ctx.sim.state.numbers.size;
    const res = await checkout([a, b]);
    assert.equal(res.status, 402);
    assert.deepEqual(
      [res.json.errorCode, res.json.message],
      [40200, 'Insufficient funds to complete the transaction.'],
    );
    assert.deepEqual([credit(), ctx.sim.state.numbers.size, ctx.sim.state.reservations.size], [20, numbers, 2]);
    ctx.sim.setCredit(ORG, 26);
    assert.equal((await checkout([a, b])).status, 204);
    assert.equal(credit(), 0);
  });

  it('converts a EUR price to the USD credit at the fixed rate', async () => {
    const id = (await reserve({ groupId: 50, quantity: 2 })).json.referenceId; // 2 x 2.50 EUR = 5.50 USD
    assert.equal((await checkout([id])).status, 204);
    assert.equal(credit(), 14.5);
  });

  it('an expired reservation is 40400 at checkout and its numbers go back to the shop', async () => {
    const id = (await reserve({ groupId: 1, quantity: 3 })).json.referenceId;
    assert.equal(await availability(1), 4);
    clock.t += 15 * MINUTE;
    const res = await checkout([id]);
    assert.equal(res.json.errorCode, 40400);
    assert.equal(await availability(1), 7);
    assert.equal(credit(), 20);
  });

  it('a reservation just inside its lifetime still checks out', async () => {
    const id = (await reserve({ groupId: 1, quantity: 1 })).json.referenceId;
    clock.t += 15 * MINUTE - 1;
    assert.equal((await checkout([id])).status, 204);
  });

  it('setReservationTtl shortens reservations already held', async () => {
    const id = (await reserve({ groupId: 1, quantity: 1 })).json.referenceId;
    clock.t += 2000;
    ctx.sim.setReservationTtl(1000);
    assert.equal((await checkout([id])).json.errorCode, 40400);
  });

  it('validates the checkout body', async () => {
    assert.equal((await ctx.client.call('POST', SHOP, {})).json.errorCode, 40002);
    assert.equal((await checkout([])).json.errorCode, 40002);
    assert.equal((await checkout('abc')).json.errorCode, 40001);
    assert.equal((await checkout([1])).json.errorCode, 40001);
  });

  it('an organisation without accounting is 42200 at checkout, and nothing changes', async () => {
    const c = await new TestClient(ctx.sim.url, () => clock.t).signIn('accounting@example.com', 'accounting-password');
    const shop = '/v1/organisations/id/7777001/numbers/shop';
    const id = (await c.call('PUT', shop, { groupId: 1, quantity: 1 })).json.referenceId;
    const res = await c.call('POST', shop, { referenceIds: [id] });
    assert.equal(res.status, 422);
    assert.deepEqual([res.json.errorCode, res.json.message], [42200, 'Accounting not set up for this organization.']);
    assert.equal(ctx.sim.state.reservations.size, 1);
    assert.equal(ctx.sim.state.credit.get('7777001'), 100);
  });
});
