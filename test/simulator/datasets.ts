/**
 * The datasets. All of them are deterministic (fixed data, a seeded PRNG, dates relative to
 * the model clock), so a test or a screenshot sees the same organisation every run.
 */
import { SimulatorState, addOneMonth, formatExpiry, rentedNumber, type Capability, type NumberGroup } from './state';

export type DatasetName = 'demo' | 'scale' | 'empty';
export const datasetNames: readonly DatasetName[] = ['demo', 'scale', 'empty'];

export interface ScaleOptions {
  numbers: number;
  applications: number;
  /** How many of the numbers the first application holds at least (a number-masking pool); default 0. */
  pool?: number;
}
export const defaultScale: ScaleOptions = { numbers: 20000, applications: 200 };
/** The largest organisation the extension is built for: 200,000 numbers, one application holding over 50,000. */
export const largeScale: ScaleOptions = { numbers: 200_000, applications: 2_000, pool: 50_000 };

const DAY = 24 * 60 * 60 * 1000;

export const demo = {
  user: { email: 'demo@example.com', password: 'demo-password', phone: '+12055500000' },
  other: { email: 'other@example.com', password: 'other-password' },
  accounting: { email: 'accounting@example.com', password: 'accounting-password' },
  orgId: '8888123',
  /** The demo user's second organisation: listed only in the `several` organisations dialect. */
  europeOrgId: '8888124',
  otherOrgId: '9999001',
  accountingOrgId: '7777001',
  credit: 20,
  /** The document's application, holding 14150005551. */
  voiceApp: 'bb7b4e39-4227-4913-8c81-2db4abb54fb3',
  smsApp: 'c3a1d2e4-5b6f-4a70-8e91-0f2a3b4c5d6e',
  supportApp: 'd4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f70',
  emptyApp: 'e8f9a0b1-c2d3-4e4f-8a5b-6c7d8e9f0a1b',
  otherApp: 'f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9',
  accountingApp: 'a0b1c2d3-e4f5-4a6b-9c7d-8e9f0a1b2c3d',
  europeApp: '0e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b',
  /** Acme Europe's numbers, far above where rentals draw from (even at the large scale), so they never shift a rental's number. */
  europeNumbers: { london: 442099990100, berlin: 493099990100 },
} as const;

function group(
  groupId: number,
  country: string,
  countryId: string,
  city: string,
  areaCode: string,
  caps: Capability[],
  availability: number,
  amount: number,
  currencyId: string,
  numberPrefix: string,
  suffixDigits: number,
  firstSuffix: number,
): NumberGroup {
  return {
    groupId,
    country,
    countryId,
    city,
    type: caps.includes('voice') ? 'Voice' : 'Sms',
    availability,
    areaCode,
    cost: { amount, currencyId },
    capabilities: caps,
    numberPrefix,
    suffixDigits,
    firstSuffix,
  };
}

/** Groups 1, 2 and 75 are the document's; 13 is the group of its rented-number examples. */
export function shopGroups(): NumberGroup[] {
  return [
    group(1, 'France', 'FR', 'PARIS', '01', ['voice'], 7, 2.0, 'USD', '3314', 7, 100),
    group(2, 'UK', 'GB', 'LONDON', '020', ['voice'], 2, 2.0, 'USD', '4420', 8, 79460100),
    group(75, 'US', 'US', 'New Orleans', '504', ['sms'], 5, 2.0, 'USD', '1504', 7, 5550100),
    group(13, 'US', 'US', 'SAN FRANCISCO', '415', ['sms', 'voice'], 10, 1.0, 'USD', '1415', 7, 5550),
    group(20, 'Germany', 'DE', 'BERLIN', '030', ['sms', 'voice'], 4, 3.0, 'USD', '4930', 8, 12340100),
    group(30, 'Sweden', 'SE', 'STOCKHOLM', '08', ['sms'], 3, 4.0, 'USD', '468', 7, 5550100),
    group(40, 'Canada', 'CA', 'TORONTO', '416', ['sms', 'voice'], 6, 1.5, 'USD', '1416', 7, 5550100),
    group(50, 'Spain', 'ES', 'MADRID', '91', ['voice'], 3, 2.5, 'EUR', '3491', 7, 5550100),
    group(60, 'Netherlands', 'NL', 'AMSTERDAM', '020', ['voice'], 0, 2.0, 'USD', '3120', 7, 5550100),
  ];
}

export function loadDataset(state: SimulatorState, name: DatasetName, scale: ScaleOptions = defaultScale): void {
  for (const [k, v] of Object.entries(scale)) {
    if (v === undefined && k === 'pool') continue;
    if (!Number.isInteger(v) || v < 0) throw new Error(`scale.${k} must be a whole number >= 0, not ${String(v)}.`);
  }
  state.clearData();
  if (name === 'empty') return;
  loadPeople(state);
  for (const g of shopGroups()) state.groups.set(g.groupId, g);
  if (name === 'demo') loadDemoNumbers(state);
  else loadScaleNumbers(state, scale);
  // Globex, Initech and Acme Europe are the same in both datasets.
  rent(state, demo.otherOrgId, 40, ['voice'], state.now() + 20 * DAY, demo.otherApp);
  loadEurope(state);
}

/** Acme Europe: one London number on its application, one Berlin number free. */
function loadEurope(state: SimulatorState): void {
  const expires = formatExpiry(state.now() + 180 * DAY);
  const london = rentedNumber(state.groups.get(2)!, demo.europeNumbers.london, demo.europeOrgId, ['voice'], expires);
  london.applicationKey = demo.europeApp;
  state.addNumber(london);
  state.addNumber(
    rentedNumber(state.groups.get(20)!, demo.europeNumbers.berlin, demo.europeOrgId, ['sms', 'voice'], expires),
  );
}

function loadPeople(state: SimulatorState): void {
  state.users.push(
    {
      id: 123456789,
      email: demo.user.email,
      phone: demo.user.phone,
      password: demo.user.password,
      firstName: 'Jane',
      lastName: 'Bloggs',
      orgId: demo.orgId,
      otherOrgIds: [demo.europeOrgId],
    },
    {
      id: 123456790,
      email: demo.other.email,
      password: demo.other.password,
      firstName: 'Hank',
      lastName: 'Scorpio',
      orgId: demo.otherOrgId,
    },
    {
      id: 123456791,
      email: demo.accounting.email,
      password: demo.accounting.password,
      firstName: 'Bill',
      lastName: 'Lumbergh',
      orgId: demo.accountingOrgId,
    },
  );
  for (const org of [
    {
      id: demo.orgId,
      name: 'Acme',
      website: 'http://www.example.com',
      phone: '+12055500000',
      countryId: 'US',
      accounting: true,
    },
    {
      id: demo.otherOrgId,
      name: 'Globex',
      website: 'http://globex.example.com',
      phone: '+12055500001',
      countryId: 'US',
      accounting: true,
    },
    { id: demo.accountingOrgId, name: 'Initech', countryId: 'US', accounting: false },
    { id: demo.europeOrgId, name: 'Acme Europe', website: 'http://eu.example.com', countryId: 'GB', accounting: true },
  ])
    state.organisations.set(org.id, org);
  state.credit.set(demo.orgId, demo.credit);
  state.credit.set(demo.otherOrgId, 50);
  state.credit.set(demo.accountingOrgId, 100);
  state.credit.set(demo.europeOrgId, 30);
  state.applications.set(demo.otherApp, { key: demo.otherApp, orgId: demo.otherOrgId, name: 'Globex Hotline' });
  state.applications.set(demo.accountingApp, {
    key: demo.accountingApp,
    orgId: demo.accountingOrgId,
    name: 'TPS Reports',
  });
  state.applications.set(demo.europeApp, { key: demo.europeApp, orgId: demo.europeOrgId, name: 'EU Support' });
}

function loadDemoNumbers(state: SimulatorState): void {
  const now = state.now();
  for (const [key, name] of [
    [demo.voiceApp, 'Voice IVR'],
    [demo.smsApp, 'SMS Alerts'],
    [demo.supportApp, 'Support Line'],
    [demo.emptyApp, 'Staging'],
  ] as const)
    state.applications.set(key, { key, orgId: demo.orgId, name });

  // The document's two numbers, verbatim (cost 0.0 as printed there).
  const sf = state.groups.get(13)!;
  for (const [number, applicationKey] of [
    [14150005550, undefined],
    [14150005551, demo.voiceApp],
  ] as const) {
    const n = rentedNumber(sf, number, demo.orgId, ['voice'], formatExpiry(now + 214 * DAY));
    n.cost.amount = 0.0;
    if (applicationKey) n.applicationKey = applicationKey;
    state.addNumber(n);
  }
  const o = demo.orgId;
  rent(state, o, 75, ['sms'], now + 6 * DAY, demo.smsApp); // expires within 10 days
  rent(state, o, 75, ['sms'], now + 162 * DAY, demo.smsApp);
  rent(state, o, 13, ['sms', 'voice'], now + 301 * DAY, demo.smsApp);
  rent(state, o, 1, ['voice'], now + 95 * DAY, demo.supportApp);
  rent(state, o, 2, ['voice'], now - 3 * DAY, demo.supportApp); // already expired
  rent(state, o, 20, ['sms', 'voice'], now + 240 * DAY);
  rent(state, o, 30, ['sms'], now + 133 * DAY);
}

function rent(
  state: SimulatorState,
  orgId: string,
  groupId: number,
  caps: Capability[],
  expires: number,
  applicationKey?: string,
): void {
  const g = state.groups.get(groupId)!;
  const n = rentedNumber(g, state.allocateNumber(g), orgId, caps, formatExpiry(expires));
  if (applicationKey) n.applicationKey = applicationKey;
  state.addNumber(n);
}

/** mulberry32: tiny, fast, and the same sequence on every platform. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(random() * 4)];
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/**
 * Exactly `numbers` numbers for Acme across exactly `applications` applications; about 5%
 * unassigned, the rest spread unevenly (as real organisations are), expiries from last week
 * to a year ahead. The first `pool` numbers go to the first application.
 */
function loadScaleNumbers(state: SimulatorState, scale: ScaleOptions): void {
  const random = prng(0x5eed);
  const now = state.now();
  const inAMonth = addOneMonth(now);
  const pool = scale.pool ?? 0;
  const keys: string[] = [];
  for (let i = 0; i < scale.applications; i++) {
    const key = uuidFrom(random);
    keys.push(key);
    state.applications.set(key, { key, orgId: demo.orgId, name: `App ${String(i + 1).padStart(3, '0')}` });
  }
  // Groups with enough room for many numbers; the suffix space of each is >= 10^7.
  const groups = [13, 40, 75, 1, 20, 2].map((id) => state.groups.get(id)!);
  for (let i = 0; i < scale.numbers; i++) {
    const g = groups[Math.floor(random() * groups.length)];
    const caps: Capability[] =
      g.capabilities.length === 2 && random() < 0.5 ? [g.capabilities[Math.floor(random() * 2)]] : [...g.capabilities];
    const expires = inAMonth + Math.floor((random() * 365 - 37) * DAY);
    // Squaring skews the spread: a few applications hold many numbers, most hold few.
    const assigned = keys.length > 0 && random() >= 0.05;
    const drawn = assigned ? keys[Math.floor(random() ** 2 * keys.length)] : undefined;
    const applicationKey = i < pool && keys.length > 0 ? keys[0] : drawn;
    rent(state, demo.orgId, g.groupId, caps, expires, applicationKey);
  }
}
