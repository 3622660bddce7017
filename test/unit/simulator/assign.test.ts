import assert from 'node:assert/strict';
import { demo } from '../../simulator';
import { NUMBERS, appNumbers, useSimulator } from './helpers';

type Num = { number: number; capabilities: string[]; applicationKey?: string };

describe('simulator numbers and applications', () => {
  const ctx = useSimulator();
  const list = async (key: string) =>
    ((await ctx.client.call('GET', appNumbers(key))).json as Num[]).map((n) => n.number);
  const assign = (key: string, capability: string, numbers: unknown) =>
    ctx.client.call('PUT', `${appNumbers(key)}/${capability}`, { numbers });
  const keyOf = (n: number) => ctx.sim.state.numbers.get(n)?.applicationKey;

  it('answers the organisation as the document prints it', async () => {
    const res = await ctx.client.call('GET', '/v1/organisations');
    assert.deepEqual(res.json, {
      id: '8888123',
      name: 'Acme',
      website: 'http://www.example.com',
      phone: '+12055500000',
      countryId: 'US',
    });
  });

  it('lists rented numbers as JSON integers, with applicationKey only when assigned', async () => {
    const res = await ctx.client.call('GET', NUMBERS);
    assert.match(res.text, /"number":14150005550,/);
    assert.doesNotMatch(res.text, /"number":"/);
    assert.doesNotMatch(res.text, /"number":"?\+/);
    const byNumber = new Map((res.json as Num[]).map((n) => [n.number, n]));
    assert.equal('applicationKey' in byNumber.get(14150005550)!, false);
    assert.equal(byNumber.get(14150005551)!.applicationKey, demo.voiceApp);
    assert.equal(byNumber.has(14165550100), false, "Globex's number is not Acme's");
  });

  it("lists an application's numbers; an empty one is []", async () => {
    assert.deepEqual(await list(demo.voiceApp), [14150005551]);
    assert.deepEqual(await list(demo.smsApp), [14150005552, 15045550100, 15045550101]);
    assert.deepEqual(await list(demo.emptyApp), []);
  });

  it("an unknown application, or another organisation's, is 40400 with the document's message", async () => {
    for (const key of ['00000000-0000-4000-8000-000000000000', demo.otherApp]) {
      for (const [method, path, body] of [
        ['GET', appNumbers(key), undefined],
        ['PUT', `${appNumbers(key)}/voice`, { numbers: [] }],
        ['DELETE', `${appNumbers(key)}/14150005551`, undefined],
      ] as const) {
        const res = await ctx.client.call(method, path, body);
        assert.equal(res.status, 404, `${method} ${path}`);
        assert.deepEqual(
          [res.json.errorCode, res.json.message],
          [40400, `Application with the key ${key} wasn't found.`],
        );
      }
    }
  });

  it("assign overwrites: the app's voice numbers become exactly the list sent", async () => {
    let res = await assign(demo.voiceApp, 'voice', [14150005550, 14150005551]);
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.json.map((n: Num) => [n.number, n.applicationKey]),
      [
        [14150005550, demo.voiceApp],
        [14150005551, demo.voiceApp],
      ],
    );
    res = await assign(demo.voiceApp, 'voice', [14150005550]);
    assert.deepEqual(
      res.json.map((n: Num) => n.number),
      [14150005550],
    );
    assert.equal(keyOf(14150005551), undefined);
    assert.ok(ctx.sim.state.numbers.has(14150005551), 'an unassigned number stays rented');
  });

  it('assign moves a number from another application', async () => {
    const res = await assign(demo.voiceApp, 'sms', [15045550100]);
    assert.deepEqual(
      res.json.map((n: Num) => n.number),
      [14150005551, 15045550100],
    );
    assert.equal(keyOf(15045550100), demo.voiceApp);
    assert.deepEqual(await list(demo.smsApp), [14150005552, 15045550101]);
  });

  it('assign is per capability: numbers without that capability are left alone', async () => {
    // 14150005552 has sms+voice; the other two sms only.
    let res = await assign(demo.smsApp, 'voice', []);
    assert.deepEqual(
      res.json.map((n: Num) => n.number),
      [15045550100, 15045550101],
    );
    res = await assign(demo.smsApp, 'sms', [15045550101, 14150005552, 15045550101]);
    assert.deepEqual(
      res.json.map((n: Num) => n.number),
      [14150005552, 15045550101],
    );
    assert.equal(keyOf(15045550100), undefined);
  });

  it('rejects bad assignments without changing anything', async () => {
    const before = JSON.stringify(ctx.sim.snapshot().numbers);
    const cases: [string, unknown, number, RegExp?][] = [
      ['fax', [14150005550], 40001, /^Invalid number type: fax\. {2}Type must be one of: sms, voice\.$/],
      ['voice', [14150005550, 19999999999], 40003, /Invalid number: 19999999999/],
      ['voice', [14150005550, 14165550100], 40003],
      ['voice', [14150005550, 15045550100], 40001, /capability 'voice'/],
      ['voice', ['14150005550'], 40003],
      ['voice', [1.5], 40003],
      ['voice', 14150005550, 40001],
      ['voice', undefined, 40002],
    ];
    for (const [capability, numbers, code, message] of cases) {
      const res = await assign(demo.voiceApp, capability, numbers);
      assert.equal(res.json.errorCode, code, `${capability} ${JSON.stringify(numbers)}`);
      if (message) assert.match(res.json.message, message);
    }
    assert.equal(JSON.stringify(ctx.sim.snapshot().numbers), before);
  });

  it('two assigns that each send the full set both survive', async () => {
    await Promise.all([
      assign(demo.voiceApp, 'voice', [14150005550, 14150005551]),
      assign(demo.voiceApp, 'voice', [14150005550, 14150005551]),
    ]);
    assert.deepEqual(await list(demo.voiceApp), [14150005550, 14150005551]);
  });

  it('unassign removes one number and is idempotent', async () => {
    const path = `${appNumbers(demo.voiceApp)}/14150005551`;
    let res = await ctx.client.call('DELETE', path);
    assert.equal(res.status, 204);
    assert.equal(keyOf(14150005551), undefined);
    res = await ctx.client.call('DELETE', path);
    assert.equal(res.status, 204);
    // A number on another application, and one not rented at all: 204, nothing touched.
    assert.equal((await ctx.client.call('DELETE', `${appNumbers(demo.voiceApp)}/15045550100`)).status, 204);
    assert.equal(keyOf(15045550100), demo.smsApp);
    assert.equal((await ctx.client.call('DELETE', `${appNumbers(demo.voiceApp)}/19999999999`)).status, 204);
  });

  it('unassign of a non-numeric number is 40003', async () => {
    for (const n of ['abc', '%2B14150005551', '0', '1234567890123456']) {
      const res = await ctx.client.call('DELETE', `${appNumbers(demo.voiceApp)}/${n}`);
      assert.equal(res.status, 400, n);
      assert.deepEqual(
        [res.json.errorCode, res.json.message],
        [40003, "The 'number' specified is not a valid number."],
      );
    }
  });
});
