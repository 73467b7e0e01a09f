/** Loads the real-client captures from ../shared/conformance/captures (see its README). */
import * as fs from 'fs';
import * as path from 'path';
import { parsePrettyHex } from '../../../src/ttlv';
import { listFiles, sharedPath } from './shared-dir';

export const CAPTURES_SUBDIR = 'conformance/captures';

export interface Capture {
  /** Path relative to the captures folder, e.g. "pykmip/01-create-request.hex". */
  name: string;
  text: string;
  bytes: Buffer;
}

export function loadCaptures(): Capture[] {
  const dir = sharedPath(CAPTURES_SUBDIR);
  return listFiles(dir, '.hex').map((name) => {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    return { name, text, bytes: parsePrettyHex(text) };
  });
}

/** MANIFEST.tsv rows keyed by path: byte count and sha256 of the binary. */
export function loadManifest(): Map<string, { bytes: number; sha256: string }> {
  const text = fs.readFileSync(sharedPath(CAPTURES_SUBDIR, 'MANIFEST.tsv'), 'utf8');
  const [head, ...rows] = text.split('\n').filter((l) => l.trim().length > 0);
  const cols = head.split('\t');
  const iPath = cols.indexOf('path');
  const iBytes = cols.indexOf('bytes');
  const iSha = cols.indexOf('sha256_of_binary');
  const m = new Map<string, { bytes: number; sha256: string }>();
  for (const r of rows) {
    const c = r.split('\t');
    m.set(c[iPath], { bytes: Number(c[iBytes]), sha256: c[iSha] });
  }
  return m;
}
