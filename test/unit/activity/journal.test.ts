// The activity journal: appends from two writers, records cut short, rotation, CSV escaping.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Journal, JOURNAL_FILE, parseJournal } from '../../../src/activity/journal';
import { activityCsv } from '../../../src/activity/activityExport';
import type { ActivityEntry } from '../../../src/numbers/activity';

function entry(overrides: Partial<ActivityEntry> = {}): ActivityEntry {
  return {
    time: Date.UTC(2026, 11, 7, 21, 0),
    account: 'demo@example.com',
    organisationId: '8888123',
    organisationName: 'Acme',
    operation: 'checkout',
    numbers: [14150005550],
    applications: [],
    unitCost: { amount: 2, currencyId: 'USD' },
    totalCost: [{ amount: 2, currencyId: 'USD' }],
    verdict: 'verified',
    message: 'Rented +1 415-000-5550.',
    ...overrides,
  };
}

describe('activity journal', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sinch-journal-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps every entry of two writers appending at once, none tangled', async () => {
    const a = new Journal(dir);
    const b = new Journal(dir);
    for (let i = 0; i < 200; i++) {
      a.record(entry({ time: i, message: `a${i}`, numbers: Array.from({ length: 50 }, (_, k) => 14150000000 + k) }));
      b.record(entry({ time: i, message: `b${i}` }));
    }
    await Promise.all([a.flushed(), b.flushed()]);
    const read = await a.read();
    assert.equal(read.length, 400);
    assert.equal(new Set(read.map((e) => e.message)).size, 400);
    assert.equal(
      read.filter((e) => e.message.startsWith('a')).every((e) => e.numbers.length === 50),
      true,
    );
  });

  it('never misreads a record cut short, and reads the one written after it', async () => {
    const j = new Journal(dir);
    j.record(entry({ message: 'first' }));
    await j.flushed();
    const whole = fs.readFileSync(j.file, 'utf8');
    fs.appendFileSync(j.file, whole.slice(0, whole.length - 7)); // a window killed mid-write
    j.record(entry({ message: 'after' }));
    await j.flushed();
    assert.deepEqual(
      (await j.read()).map((e) => e.message),
      ['first', 'after'],
    );
    assert.deepEqual(parseJournal('\x1e{"time":1}\n\x1egarbage\n'), []);
  });

  it('rotates at the size it is given and keeps only the newest archives', async () => {
    const j = new Journal(dir, { rotateBytes: 2000, keepArchives: 2 });
    for (let i = 0; i < 60; i++) {
      j.record(entry({ time: i, message: `m${i}` }));
      await j.flushed();
    }
    const files = fs.readdirSync(dir);
    assert.ok(files.includes(JOURNAL_FILE));
    assert.equal(files.filter((f) => f !== JOURNAL_FILE).length, 2);
    const total = files.reduce((s, f) => s + fs.statSync(path.join(dir, f)).size, 0);
    assert.ok(total < 3 * 2000 + 1000, `${total} bytes kept`);
    const read = await j.read();
    assert.equal(read[read.length - 1].message, 'm59');
    assert.ok(read.length < 60 && read.length > 10);
  });

  it('writes only the fields of an entry', async () => {
    const j = new Journal(dir);
    j.record({ ...entry(), instanceSecret: 'c2VjcmV0' } as unknown as ActivityEntry);
    await j.flushed();
    assert.doesNotMatch(fs.readFileSync(j.file, 'utf8'), /instanceSecret|c2VjcmV0/);
  });

  it('exports CSV with formulas defused and quotes escaped', () => {
    const csv = activityCsv([entry({ message: '=HYPERLINK("x")', organisationName: '@Acme, Inc' })]);
    const [header, line] = csv.split('\r\n');
    assert.match(header, /^time,account,organisationId/);
    assert.match(line, /"'=HYPERLINK\(""x""\)"/);
    assert.match(line, /"'@Acme, Inc"/);
    assert.match(line, /,\+14150005550,/);
  });
});
