/**
 * Which files to run: vector files and directories (recursive, *.xml), an optional --filter
 * regular expression on the path, and the skip list (conformance/skip.json).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface SkipEntry {
  /** Path suffix or file name of the vector, e.g. "1.4/profiles/mandatory/TL-M-3-14.xml". */
  file: string;
  /** Why it is skipped (a last resort: say what is missing and who owns it). */
  reason: string;
}

export class DiscoverError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiscoverError';
  }
}

/** Every *.xml under the given files/directories, sorted, without duplicates. */
export function findVectorFiles(inputs: string[], filter?: RegExp): string[] {
  const out = new Set<string>();
  const walk = (p: string): void => {
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) walk(path.join(p, name));
    } else if (st.isFile() && p.toLowerCase().endsWith('.xml')) {
      out.add(path.resolve(p));
    }
  };
  for (const input of inputs) {
    if (!fs.existsSync(input)) throw new DiscoverError(`${input}: no such file or directory`);
    const st = fs.statSync(input);
    if (st.isFile()) out.add(path.resolve(input));
    else walk(input);
  }
  return [...out].filter((f) => !filter || filter.test(f)).sort();
}

/** A JSON array file of the runner (skip.json, setup.json): [] when the file is absent. */
export function readJsonList(file: string, shape: string): any[] {
  if (!fs.existsSync(file)) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new DiscoverError(`${file}: ${(err as Error).message}`);
  }
  if (!Array.isArray(raw)) throw new DiscoverError(`${file}: expected a JSON array of ${shape}`);
  return raw;
}

/** Reads a skip list: `[]` or `[{"file": "...", "reason": "..."}]`. */
export function loadSkipList(file: string): SkipEntry[] {
  return readJsonList(file, '{file, reason}').map((e, i) => {
    if (!e || typeof e.file !== 'string' || typeof e.reason !== 'string' || !e.file || !e.reason) {
      throw new DiscoverError(`${file}: entry ${i} needs non-empty "file" and "reason" strings`);
    }
    return { file: e.file, reason: e.reason };
  });
}

export function skipReason(file: string, skips: SkipEntry[]): string | undefined {
  const norm = file.split(path.sep).join('/');
  return skips.find((s) => norm === s.file || norm.endsWith('/' + s.file.replace(/^\/+/, '')))?.reason;
}

/** The common directory of the files, for short display names. */
export function commonRoot(files: string[]): string {
  if (files.length === 0) return '';
  let root = path.dirname(files[0]);
  for (const f of files) {
    while (!(f + path.sep).startsWith(root + path.sep) && root !== path.dirname(root)) root = path.dirname(root);
  }
  return root;
}

/** Profile family of a vector, from its file name (OVH names use '_' for '-'). */
const PROFILE_PREFIXES = ['CS-BC', 'CS-AC', 'CS-RNG', 'SUITEB', 'MSGENC', 'PKCS11', 'SKLC', 'AKLC', 'OMOS', 'SASED', 'SKFF', 'BL', 'TL', 'AX', 'QS', 'TC'];

export function profileOf(file: string): string {
  const base = path.basename(file).toUpperCase().replace(/_/g, '-');
  for (const p of PROFILE_PREFIXES) if (base.startsWith(p + '-')) return p === 'TC' ? 'TC-*' : p;
  return 'other';
}
