// Scan Workspace, the plain part: which of the organisation's numbers the workspace's files
// mention, found with the code insights' detector (numbers/numberCandidates.ts). The files come
// in through a port (vscode/scanFiles.ts lists them with workspace.findFiles); this decides
// which to read (exclude globs, size cap) and what they mention. Never runs by itself.
import { detect } from '../numbers/numberCandidates';
import type { ScanResult } from './overviewData';

export interface ScanFile {
  /** The path relative to its workspace folder, with `/`. */
  relativePath: string;
  size: number;
}

export interface ScanPort<F extends ScanFile> {
  read(file: F): Promise<string | undefined>;
  /** Called with the share done (0…1); the scan checks `cancelled()` between files. */
  progress(done: number, total: number): void;
  cancelled(): boolean;
}

export interface ScanRules {
  /** search.exclude and sinchNumbers.codeInsights.exclude (files.exclude is applied by findFiles). */
  exclude: readonly string[];
  maxBytes: number;
}

/** Reads each file the rules allow and collects the rented numbers it mentions. Undefined when cancelled. */
export async function scanWorkspace<F extends ScanFile>(
  files: readonly F[],
  rules: ScanRules,
  isRented: (value: number) => boolean,
  port: ScanPort<F>,
  meta: { organisationId: string; now: number },
): Promise<ScanResult | undefined> {
  const excluded = globsMatcher(rules.exclude);
  const mentioned = new Set<number>();
  let read = 0;
  let skipped = 0;
  for (let k = 0; k < files.length; k++) {
    if (port.cancelled()) return undefined;
    const f = files[k];
    port.progress(k, files.length);
    if (f.size > rules.maxBytes || excluded(f.relativePath)) {
      skipped++;
      continue;
    }
    const text = await port.read(f);
    if (text === undefined) {
      skipped++;
      continue;
    }
    read++;
    for (const value of mentionedNumbers(text)) if (isRented(value)) mentioned.add(value);
  }
  return { organisationId: meta.organisationId, mentioned, files: read, skipped, at: meta.now };
}

/** The numbers a text mentions, as the code insights see them (keys are not numbers). */
export function mentionedNumbers(text: string): number[] {
  // A binary file (a NUL early on) is not text anybody reads as numbers.
  if (text.slice(0, 8000).includes('\0')) return [];
  const out: number[] = [];
  for (const c of detect(text)) if (c.kind !== 'key' && c.value.length <= 15) out.push(Number(c.value));
  return out;
}

/** One test for several globs (VS Code's syntax: `**`, `*`, `?`, `{a,b}`, `[…]`), on a relative path. */
export function globsMatcher(globs: readonly string[]): (relativePath: string) => boolean {
  const tests = globs.map(globToRegExp);
  return (p) => tests.some((t) => t.test(p));
}

export function globToRegExp(glob: string): RegExp {
  let g = glob.trim().replace(/\\/g, '/');
  if (g.startsWith('./')) g = g.slice(2);
  let out = '';
  let depth = 0;
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        i++;
        // `**/` matches no folder or any folders; a trailing `**` anything at all.
        if (g[i + 1] === '/') {
          i++;
          out += '(?:.*/)?';
        } else out += '.*';
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      depth++;
      out += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      out += ')';
    } else if (c === ',' && depth > 0) out += '|';
    else if (c === '[') {
      const end = g.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        out += `[${g
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else out += c.replace(/[.+^$()|\\\]]/g, '\\$&');
  }
  while (depth-- > 0) out += ')';
  // A folder pattern also excludes what is inside it.
  return new RegExp(`^${out}(?:/.*)?$`);
}
