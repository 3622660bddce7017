import assert from 'node:assert/strict';
import { BACK, FakePrompter } from '../../support/fakePrompter';
import { formatPhoneNumber } from '../../../src/numbers/phoneFormat';
import { groupPlace, numbersList } from '../../../src/rent/rentWording';
import { groupItems, runRentWizard } from '../../../src/rent/rentWizard';
import { shop } from '../../support/builders';

/** A FakePrompter that also records which item was active and which were preselected. */
function recording(fake: FakePrompter) {
  const log = Object.assign(fake, { active: [] as Array<string | undefined>, selected: [] as string[][] });
  const pick = fake.pick.bind(fake);
  const pickMany = fake.pickMany.bind(fake);
  log.pick = async (o) => {
    log.active.push(o.active?.label);
    return pick(o);
  };
  log.pickMany = async (o) => {
    log.selected.push((o.selected ?? []).map((i) => i.label));
    return pickMany(o);
  };
  return log;
}

/** Resolves the wizard, or fails the test if it hangs (Escape must never hang). */
async function run(fake: FakePrompter, maxPerRental = 10) {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the wizard hung')), 2000);
  });
  try {
    return await Promise.race([runRentWizard(fake, { groups: shop(), maxPerRental }), hang]);
  } finally {
    clearTimeout(timer);
  }
}

describe('rent: group items', () => {
  it('lists rentable groups under a separator per country, sorted, with nothing-available groups left out', () => {
    const items = groupItems(shop());
    assert.deepEqual(
      items.map((i) => (i.kind === -1 ? `— ${i.label}` : i.label)),
      [
        '— France',
        'Paris, France',
        '— Spain',
        'Madrid, Spain',
        '— United Kingdom',
        'London, United Kingdom',
        '— United States',
        'New Orleans, United States',
        'San Francisco, United States',
      ],
    );
    assert.ok(!items.some((i) => /Amsterdam/.test(i.label)), 'Amsterdam has 0 available');
  });

  it('puts country and city in the label, area code and capabilities in the description, availability and cost in the detail', () => {
    const sf = groupItems(shop()).find((i) => i.group?.groupId === 13)!;
    assert.equal(sf.label, 'San Francisco, United States');
    // One truth: the group's type (Voice) is not shown beside capabilities that say Voice + SMS.
    assert.equal(sf.description, 'area code 415 · Voice + SMS');
    assert.equal(sf.detail, '10 available · 1.00 USD per month');
    const madrid = groupItems(shop()).find((i) => i.group?.groupId === 50)!;
    assert.equal(madrid.description, 'area code 91 · Voice');
    assert.equal(madrid.detail, '3 available · 2.50 EUR per month');
  });

  it('reads cities and numbers as people write them', () => {
    assert.equal(groupPlace({ city: 'SAN FRANCISCO', country: 'US', countryId: 'US' }), 'San Francisco, United States');
    assert.equal(groupPlace({ city: 'New Orleans', country: 'US', countryId: 'US' }), 'New Orleans, United States');
    assert.equal(groupPlace({ city: 'SAINT-ÉTIENNE', country: 'France', countryId: 'FR' }), 'Saint-Étienne, France');
    assert.equal(groupPlace({ city: '', country: 'France', countryId: 'FR' }), 'France');
    assert.equal(formatPhoneNumber(33140000100), '+33 1 40 00 01 00');
    assert.equal(
      numbersList([33140000100]),
      '+33\u00a01\u00a040\u00a000\u00a001\u00a000',
      'a number never wraps inside',
    );
    assert.equal(numbersList([14150005550, 14150005551]), '+1\u00a0415-000-5550 and +1\u00a0415-000-5551');
    assert.equal(
      numbersList(
        [1, 2, 3, 4, 5, 6, 7].map((n) => 14150005550 + n),
        2,
      ).replace(/\u00a0/g, ' '),
      '+1 415-000-5551, +1 415-000-5552 and 5 more',
    );
  });
});

describe('rent: wizard steps', () => {
  it('one capability: group, then quantity; the counter never claims a step that is not shown', async () => {
    const fake = new FakePrompter().thenPick('Paris').thenInput('2');
    const r = await run(fake);
    assert.equal(r?.group.groupId, 1);
    assert.equal(r?.quantity, 2);
    assert.deepEqual(r?.capabilities, ['voice']);
    assert.deepEqual(
      fake.asked.map((a) => [a.kind, a.title, a.step, a.totalSteps]),
      // The shop mixes one- and two-capability groups: the first step cannot know the total, so it states none.
      [
        ['pick', 'Rent Numbers', 1, undefined],
        ['input', 'Rent Numbers', 2, 2],
      ],
    );
    assert.match(fake.asked[1].prompt!, /1 to 7 \(7 available; your limit is 10 per rental\)/);
  });

  it('two capabilities: a third step with all preselected; choosing one keeps only it', async () => {
    const all = await run(new FakePrompter().thenPick('San Francisco').thenInput('3').thenPickMany('all'));
    assert.deepEqual(all?.capabilities, ['voice', 'sms']);
    const fake = new FakePrompter().thenPick('San Francisco').thenInput('3').thenPickMany(['SMS']);
    const one = await run(fake);
    assert.deepEqual(one?.capabilities, ['sms']);
    assert.deepEqual(
      fake.asked.map((a) => [a.step, a.totalSteps]),
      [
        [1, undefined],
        [2, 3],
        [3, 3],
      ],
    );
  });

  it('states the total on the first step when every group takes the same path', async () => {
    const oneCapability = shop().filter((g) => g.capabilities.length === 1);
    const fake = new FakePrompter().thenPick('Paris').thenInput('2');
    await runRentWizard(fake, { groups: oneCapability, maxPerRental: 10 });
    assert.deepEqual(
      fake.asked.map((a) => [a.step, a.totalSteps]),
      [
        [1, 2],
        [2, 2],
      ],
    );
    const twoCapabilities = shop().filter((g) => g.capabilities.length === 2);
    const both = new FakePrompter().thenPick('San Francisco').thenInput('2').thenPickMany('all');
    await runRentWizard(both, { groups: twoCapabilities, maxPerRental: 10 });
    assert.deepEqual(
      both.asked.map((a) => [a.step, a.totalSteps]),
      [
        [1, 3],
        [2, 3],
        [3, 3],
      ],
    );
  });

  it('startAt quantity (Change Quantity… on the confirmation) opens on the quantity with every answer kept', async () => {
    const fake = recording(new FakePrompter().thenInput('5').thenPickMany('all'));
    const r = await runRentWizard(fake, {
      groups: shop(),
      maxPerRental: 10,
      initial: { group: shop()[3], quantity: 2, capabilities: ['sms'] },
      startAt: 'quantity',
    });
    assert.deepEqual(
      fake.asked.map((a) => [a.kind, a.step, a.totalSteps, a.value]),
      [
        ['input', 2, 3, '2'],
        ['pickMany', 3, 3, undefined],
      ],
    );
    assert.deepEqual(fake.selected, [['$(comment) SMS']]);
    assert.deepEqual(r && { g: r.group.groupId, q: r.quantity }, { g: 13, q: 5 });
  });

  it('asks the capabilities again when none is chosen', async () => {
    const fake = new FakePrompter().thenPick('San Francisco').thenInput('1').thenPickMany([]).thenPickMany(['Voice']);
    const r = await run(fake);
    assert.deepEqual(r?.capabilities, ['voice']);
    assert.equal(fake.asked.filter((a) => a.kind === 'pickMany').length, 2);
  });

  it('quantity: keeps the box open with a message until a valid value, and caps at the setting', async () => {
    const fake = new FakePrompter()
      .thenPick('Paris')
      .thenInput('0')
      .thenInput('-1')
      .thenInput('1.5')
      .thenInput('abc')
      .thenInput('8')
      .thenInput(' 3 ');
    const r = await run(fake);
    assert.equal(r?.quantity, 3);
    assert.equal(fake.rejected.length, 5);
    assert.match(fake.rejected[4], /Only 7 numbers are available/);
    const capped = new FakePrompter().thenPick('San Francisco').thenInput('5').thenInput('4').thenPickMany('all');
    assert.equal((await run(capped, 4))?.quantity, 4);
    assert.match(capped.rejected[0], /At most 4 numbers per rental/);
  });

  it('Back from the quantity returns to the group pick with the group kept active, then the earlier quantity is kept', async () => {
    const fake = recording(new FakePrompter().thenPick('Paris').thenInput(BACK).thenPick('Paris').thenInput('4'));
    // A box answered with Back has no accepted value; start from an earlier answer to see it kept.
    const r = await runRentWizard(fake, { groups: shop(), maxPerRental: 10, initial: { quantity: 2 } });
    assert.equal(r?.quantity, 4);
    assert.deepEqual(
      fake.asked.map((a) => [a.kind, a.step]),
      [
        ['pick', 1],
        ['input', 2],
        ['pick', 1],
        ['input', 2],
      ],
    );
    assert.deepEqual(fake.active, [undefined, 'Paris, France'], 'the group chosen before is active after Back');
    assert.deepEqual(
      fake.asked.filter((a) => a.kind === 'input').map((a) => a.value),
      ['2', '2'],
    );
  });

  it('Back from the capabilities returns to the quantity with the typed value, and Back again to the group', async () => {
    const fake = recording(
      new FakePrompter()
        .thenPick('San Francisco')
        .thenInput('3')
        .thenPickMany(BACK)
        .thenInput(BACK)
        .thenPick('San Francisco')
        .thenInput('3')
        .thenPickMany(['SMS']),
    );
    const r = await runRentWizard(fake, { groups: shop(), maxPerRental: 10 });
    assert.deepEqual(r && { g: r.group.groupId, q: r.quantity, c: r.capabilities }, { g: 13, q: 3, c: ['sms'] });
    assert.deepEqual(
      fake.asked.map((a) => `${a.kind}@${a.step}`),
      ['pick@1', 'input@2', 'pickMany@3', 'input@2', 'pick@1', 'input@2', 'pickMany@3'],
    );
    assert.deepEqual(
      fake.asked.filter((a) => a.kind === 'input').map((a) => a.value),
      ['1', '3', '3'],
    );
    assert.deepEqual(fake.active.at(-1), 'San Francisco, United States');
  });

  it('capabilities: all preselected the first time; earlier answers (Reserve Again) preselected after', async () => {
    const first = recording(new FakePrompter().thenPick('San Francisco').thenInput('1').thenPickMany('all'));
    await runRentWizard(first, { groups: shop(), maxPerRental: 10 });
    assert.deepEqual(first.selected, [['$(call-outgoing) Voice', '$(comment) SMS']]);
    const again = recording(new FakePrompter().thenPick('San Francisco').thenInput('2').thenPickMany('all'));
    const r = await runRentWizard(again, {
      groups: shop(),
      maxPerRental: 10,
      initial: { group: shop()[3], quantity: 2, capabilities: ['sms'] },
    });
    assert.deepEqual(again.selected, [['$(comment) SMS']]);
    assert.deepEqual(r?.capabilities, ['sms']);
  });

  for (const [at, script] of [
    ['the group pick', (f: FakePrompter) => f.thenPick(undefined)],
    ['the quantity', (f: FakePrompter) => f.thenPick('San Francisco').thenInput(undefined)],
    ['the capabilities', (f: FakePrompter) => f.thenPick('San Francisco').thenInput('2').thenPickMany(undefined)],
    ['the group pick after Back', (f: FakePrompter) => f.thenPick('Paris').thenInput(BACK).thenPick(undefined)],
  ] as const) {
    it(`Escape at ${at} resolves cancelled without hanging`, async () => {
      const fake = new FakePrompter();
      script(fake);
      assert.equal(await run(fake), undefined);
      assert.equal(fake.pending, 0);
    });
  }

  it('Back on the first step stays on it', async () => {
    const fake = new FakePrompter().thenPick(BACK).thenPick('London').thenInput('2');
    const r = await run(fake);
    assert.equal(r?.group.groupId, 2);
    assert.equal(r?.quantity, 2);
  });

  it('a different group after Back resets its capabilities and re-checks the kept quantity', async () => {
    const f = new FakePrompter()
      .thenPick('San Francisco')
      .thenInput(BACK)
      .thenPick('London')
      .thenInput('5')
      .thenInput('2');
    const r = await run(f);
    assert.equal(r?.group.groupId, 2);
    assert.equal(r?.quantity, 2);
    assert.match(f.rejected[0], /Only 2 numbers are available/);
  });
});
