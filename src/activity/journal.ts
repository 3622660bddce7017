// The activity journal: every change this extension makes on Sinch, one entry per change, in
// the extension's global storage folder (shared by every window of this machine's profile).
//
// Format: RFC 7464 JSON text sequences. Each entry is ASCII RS (0x1E), one JSON object and a
// line feed, written with ONE append (O_APPEND) per entry: the kernel places each append at the
// end of the file, so two windows never overwrite or interleave each other's entries. A reader
// takes a record only when it is whole: it starts after an RS, ends in a line feed and parses.
// A record cut short (a window killed mid-write) has no line feed before the next RS, so it is
// skipped and never misread, and the entry that follows it still reads.
//
// Bounded: when the file reaches ROTATE_BYTES it is renamed to an archive of its own unique
// name (two windows rotating at once each move a different file; nothing is overwritten), and
// only the newest KEEP_ARCHIVES archives are kept. At most about (1 + KEEP_ARCHIVES) MiB.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ActivityEntry, ActivityOperation, ActivityRecorder, ActivityVerdict } from '../numbers/activity';
import type { Money } from '../sinch/types';
import { guardedText } from '../platform/safeText';

export const JOURNAL_FILE = 'activity.jsonl';
const ARCHIVE = /^activity-\d{13}-[0-9a-f]{8}\.jsonl$/;
export const ROTATE_BYTES = 1024 * 1024;
export const KEEP_ARCHIVES = 2;
const RS = '\x1e';

const OPERATIONS: readonly ActivityOperation[] = [
  'reserve',
  'checkout',
  'assign',
  'move',
  'unassign',
  'undo',
  'restore',
  'scopeRepair',
];
const VERDICTS: readonly ActivityVerdict[] = ['verified', 'unknown', 'failed', 'partial'];

export interface JournalOptions {
  rotateBytes?: number;
  keepArchives?: number;
  /** Told when an append fails (the flow that recorded goes on). */
  onError?: (error: unknown) => void;
}

export class Journal implements ActivityRecorder {
  private queue: Promise<void> = Promise.resolve();
  private readonly rotateBytes: number;
  private readonly keepArchives: number;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly folder: string,
    private readonly options: JournalOptions = {},
  ) {
    this.rotateBytes = options.rotateBytes ?? ROTATE_BYTES;
    this.keepArchives = options.keepArchives ?? KEEP_ARCHIVES;
  }

  get file(): string {
    return path.join(this.folder, JOURNAL_FILE);
  }

  /** Appends in the background, in call order within this window; `flushed()` waits for it. */
  record(entry: ActivityEntry): void {
    const line = `${RS}${JSON.stringify(cleanEntry(entry))}\n`;
    this.queue = this.queue
      .then(() => this.append(line))
      .then(
        () => this.listeners.forEach((l) => l()),
        (e: unknown) => this.options.onError?.(e),
      );
  }

  /** Resolves once every entry recorded so far is written (or has failed to be). */
  flushed(): Promise<void> {
    return this.queue;
  }

  /** Called after each entry this window wrote. */
  onDidAppend(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Every entry still kept (archives and the current file), oldest first. */
  async read(): Promise<ActivityEntry[]> {
    let names: string[];
    try {
      names = await fs.promises.readdir(this.folder);
    } catch {
      return [];
    }
    const files = [
      ...names.filter((n) => ARCHIVE.test(n)).sort(),
      ...(names.includes(JOURNAL_FILE) ? [JOURNAL_FILE] : []),
    ];
    const entries: ActivityEntry[] = [];
    for (const name of files) {
      const text = await fs.promises.readFile(path.join(this.folder, name), 'utf8').catch(() => '');
      entries.push(...parseJournal(text));
    }
    // Stable: entries of one millisecond keep their order of writing.
    return entries.sort((a, b) => a.time - b.time);
  }

  private async append(line: string): Promise<void> {
    await fs.promises.mkdir(this.folder, { recursive: true });
    const size = await fs.promises.stat(this.file).then(
      (s) => s.size,
      () => 0,
    );
    if (size >= this.rotateBytes) await this.rotate();
    await fs.promises.appendFile(this.file, line, { encoding: 'utf8', flag: 'a' });
  }

  private async rotate(): Promise<void> {
    const archive = path.join(
      this.folder,
      `activity-${String(Date.now()).padStart(13, '0')}-${randomBytes(4).toString('hex')}.jsonl`,
    );
    // Another window may have rotated the same file a moment ago: then there is nothing to move.
    await fs.promises.rename(this.file, archive).catch(() => undefined);
    const archives = (await fs.promises.readdir(this.folder)).filter((n) => ARCHIVE.test(n)).sort();
    for (const old of archives.slice(0, Math.max(0, archives.length - this.keepArchives)))
      await fs.promises.rm(path.join(this.folder, old), { force: true });
  }
}

/** The whole records of a journal's text, in order; anything cut short or unreadable is skipped. */
export function parseJournal(text: string): ActivityEntry[] {
  const out: ActivityEntry[] = [];
  for (const record of text.split(RS)) {
    if (!record.endsWith('\n')) continue; // empty (before the first RS) or cut short
    try {
      const entry = readEntry(JSON.parse(record));
      if (entry) out.push(entry);
    } catch {
      // not JSON: skipped
    }
  }
  return out;
}

/** Only the fields of an entry, of the right types: nothing else ever reaches the file. */
export function cleanEntry(e: ActivityEntry): ActivityEntry {
  return {
    time: e.time,
    account: String(e.account),
    organisationId: String(e.organisationId),
    ...(e.organisationName ? { organisationName: String(e.organisationName) } : {}),
    operation: e.operation,
    numbers: e.numbers.filter((n) => Number.isFinite(n)),
    applications: e.applications.map(String),
    ...(e.unitCost ? { unitCost: money(e.unitCost) } : {}),
    ...(e.totalCost ? { totalCost: e.totalCost.map(money) } : {}),
    verdict: e.verdict,
    // As the user saw it: through the same guard as every message (platform/messages.ts).
    message: guardedText(String(e.message)),
  };
}

function money(m: Money): Money {
  return { amount: Number(m.amount), currencyId: String(m.currencyId) };
}

function readEntry(v: unknown): ActivityEntry | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const e = v as Record<string, unknown>;
  const isMoney = (m: unknown) =>
    !!m &&
    typeof m === 'object' &&
    typeof (m as Money).amount === 'number' &&
    typeof (m as Money).currencyId === 'string';
  const ok =
    typeof e.time === 'number' &&
    typeof e.account === 'string' &&
    typeof e.organisationId === 'string' &&
    (e.organisationName === undefined || typeof e.organisationName === 'string') &&
    OPERATIONS.includes(e.operation as ActivityOperation) &&
    Array.isArray(e.numbers) &&
    e.numbers.every((n) => typeof n === 'number') &&
    Array.isArray(e.applications) &&
    e.applications.every((a) => typeof a === 'string') &&
    (e.unitCost === undefined || isMoney(e.unitCost)) &&
    (e.totalCost === undefined || (Array.isArray(e.totalCost) && e.totalCost.every(isMoney))) &&
    VERDICTS.includes(e.verdict as ActivityVerdict) &&
    typeof e.message === 'string';
  return ok ? (e as unknown as ActivityEntry) : undefined;
}
