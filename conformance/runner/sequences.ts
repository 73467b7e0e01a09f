/**
 * Test sequences: vector files that continue the state an earlier file of the same test group left
 * on the server, replayed in order on one server.
 *
 * The specification intends some files to run one after another: the SA-SED Profile's SASED-M-3
 * "Locate and retrieve the previously registered authentication key" (registered by SASED-M-2), the
 * Tape Library Profile's TL-M-3 "destroys the key created in the previous test case" (TL-M-2), the
 * 1.4 Test Cases' TC-CREG-2/3 (the objects TC-CREG-1 registered). Each such file begins with a Locate
 * that the vector expects to find something, although the file itself created nothing yet.
 *
 * The rule (conformance/README.md "Sequences"):
 *  - a file's test group is its directory plus its name without the trailing sequence number and
 *    version ("SASED-M-3-14.xml" → group SASED-M, 3rd, version 14; OVH's "SASED_M_3_10_storage..." alike);
 *  - a continuation is a file whose first request is a Locate whose expected response names at least
 *    one object;
 *  - a group with a continuation runs on one server in numeric order, from its first file up to its
 *    last continuation. Every other file runs alone (a fresh server each, as before).
 *  Files of the sequence that were not selected for the run are replayed first as prerequisites (not
 *  reported), so `--filter SASED-M-3` still replays SASED-M-1 and -2 before it.
 *
 * Excluded: OVH's "TC_nnn_vv_..." names, whose number is the section of the Test Cases document
 * (TC_151 = test case 15.1), not a position in a sequence; a TC_ file that starts with a Locate relies
 * on server policy instead (e.g. TC_151: "it is assumed that the server has fresh objects available in
 * the default group").
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Operation } from '../../src/kmip/enums';
import { Tag } from '../../src/kmip/tags';
import { child, children, type TtlvItem } from '../../src/ttlv/item';
import { numOf } from './items';
import { parseVectorText, type VectorFile } from './vector-file';

export interface SequenceName {
  /** Directory + normalized stem + version: files with the same key form one test group. */
  key: string;
  stem: string;
  number: number;
}

const NAME_RE = /^(.*?)[-_]([0-9]+)[-_]([0-9]{2})(?=[-_.])/;

/** The test group and position of a vector file, from its name; undefined when it has none. */
export function sequenceName(file: string): SequenceName | undefined {
  const m = NAME_RE.exec(path.basename(file));
  if (!m) return undefined;
  const stem = m[1].toUpperCase().replace(/_/g, '-');
  // OVH "TC_151_11": the number is a section of the Test Cases document, not a sequence position.
  if (stem === 'TC') return undefined;
  return { key: `${path.dirname(path.resolve(file))}|${stem}|${m[3]}`, stem, number: Number(m[2]) };
}

/** The file's first request is a Locate whose expected response names at least one object. */
export function isContinuation(vf: VectorFile): boolean {
  const first = vf.pairs[0];
  if (!first) return false;
  const op = numOf(child(children(first.request.item, Tag.BatchItem)[0], Tag.Operation));
  if (op !== Operation.Locate) return false;
  const answer: TtlvItem | undefined = children(first.response.item, Tag.BatchItem)[0];
  return children(child(answer, Tag.ResponsePayload), Tag.UniqueIdentifier).length > 0;
}

/** One server's worth of files, replayed in this order. */
export interface RunUnit {
  files: { file: string; report: boolean }[];
  /** True for a sequence (files share one server and its state). */
  sequence: boolean;
}

export interface PlanOptions {
  /** Reads a file to decide whether it is a continuation (default: a first Locate expecting objects; unreadable = not one). */
  continuation?: (file: string) => boolean;
  /** Lists the other members of a group's directory (default: the *.xml files in it). */
  listDir?: (dir: string) => string[];
}

function defaultContinuation(file: string): boolean {
  try {
    // Cheap pre-check before a full parse: the file's first Operation element must say Locate.
    const text = fs.readFileSync(file, 'utf8');
    const first = /<Operation\b[^>]*\bvalue="([^"]*)"/.exec(text);
    if (!first || first[1] !== 'Locate') return false;
    return isContinuation(parseVectorText(text, file));
  } catch {
    return false;
  }
}

function defaultListDir(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir)
      .filter((n) => n.toLowerCase().endsWith('.xml'))
      .map((n) => path.join(dir, n));
  } catch {
    return [];
  }
}

/**
 * Splits the selected files into run units: sequences (group members up to the last continuation,
 * numeric order, unselected members as prerequisites) and single files. A unit takes the place of its
 * first selected file in the given order.
 */
export function planRuns(files: string[], opts: PlanOptions = {}): RunUnit[] {
  const isCont = opts.continuation ?? defaultContinuation;
  const listDir = opts.listDir ?? defaultListDir;
  const selected = new Set(files.map((f) => path.resolve(f)));
  // Last continuation number per group, among the selected files.
  const lastCont = new Map<string, number>();
  for (const f of files) {
    const n = sequenceName(f);
    if (!n || !isCont(f)) continue;
    lastCont.set(n.key, Math.max(lastCont.get(n.key) ?? 0, n.number));
  }
  const units: RunUnit[] = [];
  const placed = new Set<string>();
  for (const f of files) {
    const abs = path.resolve(f);
    if (placed.has(abs)) continue;
    const n = sequenceName(f);
    const last = n && lastCont.get(n.key);
    if (!n || last === undefined || n.number > last) {
      units.push({ files: [{ file: f, report: true }], sequence: false });
      placed.add(abs);
      continue;
    }
    const members = listDir(path.dirname(abs))
      .map((m) => ({ file: path.resolve(m), name: sequenceName(m) }))
      .filter((m) => m.name?.key === n.key && m.name.number <= last)
      .sort((a, b) => a.name!.number - b.name!.number || a.file.localeCompare(b.file));
    if (!members.some((m) => m.file === abs)) members.push({ file: abs, name: n });
    const unit: RunUnit = { files: [], sequence: true };
    for (const m of members) {
      // A file selected twice under different spellings is reported once.
      if (placed.has(m.file)) continue;
      placed.add(m.file);
      const given = files.find((x) => path.resolve(x) === m.file);
      unit.files.push({ file: given ?? m.file, report: selected.has(m.file) });
    }
    units.push(unit);
  }
  return units;
}
