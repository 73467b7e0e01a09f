/** Shared helpers over the per-version table lists: file names, citations, cell parsing. */
import * as path from 'path';
import { extractTables, readSpecHtml, SpecTable } from './html-tables';
import { ItemTypeName, KMIP_VERSIONS, KmipVersion } from './model';

export const SPEC_FILES: Record<KmipVersion, string> = {
  '1.0': 'kmip-spec-1.0-os.html',
  '1.1': 'kmip-spec-v1.1-os.html',
  '1.2': 'kmip-spec-v1.2-os.html',
  '1.3': 'kmip-spec-v1.3-os.html',
  '1.4': 'kmip-spec-v1.4-os.html',
  '2.0': 'kmip-spec-v2.0-os.html',
  '2.1': 'kmip-spec-v2.1-os.html',
};

export interface VersionTables {
  version: KmipVersion;
  tables: SpecTable[];
}

export function loadAllTables(specDir: string): VersionTables[] {
  return KMIP_VERSIONS.map((version) => ({
    version,
    tables: extractTables(readSpecHtml(path.join(specDir, SPEC_FILES[version]))),
  }));
}

/** Section heading "9.1.3.2.27 Operation Enumeration" -> ["9.1.3.2.27", "Operation Enumeration"]. */
export function splitSection(section: string): [string, string] {
  const m = /^([A-Z]?\.?\d+(?:\.\d+)*)\.?\s+(.*)$/.exec(section);
  return m ? [m[1], m[2].trim()] : ['', section];
}

/** Citation of a table: "KMIP 1.4 §9.1.3.1 Table 288: Tag Values". */
export function cite(version: KmipVersion, t: SpecTable): string {
  const [num, title] = splitSection(t.section);
  const where = num ? `§${num}` : `"${title}"`;
  return `KMIP ${version} ${where} ${t.caption || `(uncaptioned table in "${title}")`}`.replace(/\s+/g, ' ').trim();
}

/**
 * A hex value cell: "420001", "0x42016B", "0000000E (deprecated)", "42003B (deprecated as of version 1.1)".
 * Returns the number or undefined for ranges, "8XXXXXXX" and anything else.
 */
export function parseHexCell(cell: string, digits: 6 | 8): number | undefined {
  const m = /^(?:0x)?([0-9A-Za-z]+)\s*(\(.*\))?$/i.exec(cell.trim());
  if (!m) return undefined; // ranges "000000 - 420000", text
  const first = m[1];
  const re = digits === 6 ? /^[0-9A-Fa-f]{6}$/ : /^[0-9A-Fa-f]{8}$/;
  return re.test(first) ? parseInt(first, 16) : undefined;
}

/** A name cell that is not a value: "(Reserved)", "(Unused)", "Reserved", "Extensions". */
export function isPlaceholderName(name: string): boolean {
  return name === '' || name.startsWith('(') || /^(Extensions?|Reserved|Unused)$/i.test(name);
}

export function hexTag(v: number): string {
  return '0x' + v.toString(16).toUpperCase().padStart(6, '0');
}

export function hexValue(v: number): string {
  return '0x' + (v >>> 0).toString(16).toUpperCase().padStart(8, '0');
}

export function addVersion<T extends { versions: KmipVersion[] }>(e: T, v: KmipVersion): void {
  if (!e.versions.includes(v)) e.versions.push(v);
}

export function addOtherName(e: { name: string; otherNames?: Record<string, KmipVersion[]> }, name: string, v: KmipVersion): void {
  if (name === e.name) return;
  e.otherNames ??= {};
  const list = (e.otherNames[name] ??= []);
  if (!list.includes(v)) list.push(v);
}

const TYPE_WORDS: [string, ItemTypeName][] = [
  ['date[- ]?time[- ]?extended', 'DateTimeExtended'],
  ['date[- ]?time', 'DateTime'],
  ['long[- ]?integer', 'LongInteger'],
  ['big[- ]?integer', 'BigInteger'],
  ['text[- ]?string', 'TextString'],
  ['byte[- ]?string', 'ByteString'],
  ['structure', 'Structure'],
  ['enumeration', 'Enumeration'],
  ['integer', 'Integer'],
  ['boolean', 'Boolean'],
  ['interval', 'Interval'],
];
const TYPE_RE = new RegExp(`\\b(${TYPE_WORDS.map(([w]) => w).join('|')})\\b`, 'gi');

/**
 * Item types named in an Encoding cell, in order: "Enumeration, see 9.1.3.2.27" -> ['Enumeration'];
 * "Byte String for wrapped Key Value; Structure for plaintext" -> ['ByteString', 'Structure'].
 * A cell that does not start with a type ("Varies, depending on attribute") gives [].
 */
export function parseItemTypes(encoding: string): ItemTypeName[] {
  const out: ItemTypeName[] = [];
  const text = encoding.trim();
  TYPE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TYPE_RE.exec(text)) !== null) {
    if (out.length === 0 && m.index !== 0) return [];
    const word = m[1];
    const name = TYPE_WORDS.find(([w]) => new RegExp(`^${w}$`, 'i').test(word))![1];
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** Clean a table's first cell down to an item name: "Credential, MAY be repeated" -> "Credential". */
export function cleanItemName(cell: string): string {
  return cell
    .replace(/\s*,?\s*see\s+[\d.]+.*$/i, '')
    .replace(/,.*$/, '')
    .replace(/\s*\(.*\)\s*$/, '')
    .replace(/\*+$/, '')
    .trim();
}
