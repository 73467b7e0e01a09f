/**
 * Reads the element names and `type=` attributes of the OASIS XML test vectors
 * (../shared/conformance/oasis/<version>/...) for the item-type cross-check. Only what the check needs:
 * a tokenizer over start tags; comments and text lines ("# TIME 0") are skipped.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface VectorElement {
  /** Element name (normalized tag name), e.g. "UniqueIdentifier". */
  name: string;
  /** `type` attribute; "Structure" when absent (SOURCES.md §3.2). */
  type: string;
  /** Protocol version folder of the file ("1.0", "1.4", "2.1"). */
  version: string;
  file: string;
}

/** Root elements of the vector files and the message wrappers that are not TTLV items of their own. */
const NOT_ITEMS = new Set(['KMIP', 'KmipTestCase']);

export function listVectorFiles(oasisDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.xml')) out.push(p);
    }
  };
  walk(oasisDir);
  return out.sort();
}

export function readVectorElements(file: string, version: string): VectorElement[] {
  const text = fs.readFileSync(file, 'utf8').replace(/<!--[\s\S]*?-->/g, '');
  const out: VectorElement[] = [];
  const re = /<([A-Za-z_][\w.-]*)((?:\s+[\w:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const name = m[1];
    if (NOT_ITEMS.has(name)) continue;
    const type = /\btype\s*=\s*"([^"]*)"|\btype\s*=\s*'([^']*)'/.exec(m[2]);
    out.push({ name, type: type ? (type[1] ?? type[2]) : 'Structure', version, file });
  }
  return out;
}

/** All elements of all vectors; the version is the first folder under oasisDir. */
export function readAllVectorElements(oasisDir: string): VectorElement[] {
  const out: VectorElement[] = [];
  for (const file of listVectorFiles(oasisDir)) {
    const version = path.relative(oasisDir, file).split(path.sep)[0];
    out.push(...readVectorElements(file, version));
  }
  return out;
}

export interface VectorException {
  kind: 'type' | 'version' | 'enumeration';
  element: string;
  version: string;
  file: string;
  reason: string;
}

export interface Disagreement {
  kind: VectorException['kind'];
  element: string;
  version: string;
  /** Path relative to the oasis folder, '/'-separated. */
  file: string;
  detail: string;
}

/** What the cross-check needs to know about the data (kept abstract so spec/ imports nothing from src/). */
export interface CrossCheckData {
  /** The tag's allowed item types in `version`, its versions and enumeration. */
  tag(name: string, version: string): { itemTypes: readonly string[]; varies: boolean; versions: readonly string[]; enumeration?: string } | undefined;
  /** Tag name for an attribute name ("Cryptographic Algorithm" -> "CryptographicAlgorithm"). */
  attributeTag(attributeName: string): string | undefined;
  /** Versions defining value `name` of enumeration `enumName` (undefined: unknown name). */
  enumValueVersions(enumName: string, name: string): readonly string[] | undefined;
}

export interface CrossCheckResult {
  elements: number;
  /** Elements whose `type` was compared with the data. */
  typeChecked: number;
  /** Enumeration value names (and mask flag names) compared with the data. */
  valuesChecked: number;
  /** Generic `<TTLV tag=...>` elements, which name no tag. */
  generic: number;
  disagreements: Disagreement[];
}

const PLACEHOLDER = /^\$/;

/**
 * Compare every element of every vector with the data: the tag is known and defined in the file's
 * version, its `type` is one the spec allows, and Enumeration values / mask flag names exist in the
 * tag's enumeration for that version. Attribute Value (1.x) is checked against the enumeration of the
 * preceding Attribute Name.
 */
export function crossCheckVectors(oasisDir: string, data: CrossCheckData): CrossCheckResult {
  const result: CrossCheckResult = { elements: 0, typeChecked: 0, valuesChecked: 0, generic: 0, disagreements: [] };
  for (const file of listVectorFiles(oasisDir)) {
    const rel = path.relative(oasisDir, file).split(path.sep).join('/');
    const version = rel.split('/')[0];
    const text = fs.readFileSync(file, 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    const re = /<([A-Za-z_][\w.-]*)((?:\s+[\w:-]+\s*=\s*"[^"]*")*)\s*\/?>/g;
    let lastAttributeName: string | undefined;
    let m: RegExpExecArray | null;
    const add = (kind: Disagreement['kind'], element: string, detail: string): void => {
      result.disagreements.push({ kind, element, version, file: rel, detail });
    };
    while ((m = re.exec(text)) !== null) {
      const name = m[1];
      if (NOT_ITEMS.has(name)) continue;
      result.elements++;
      if (name === 'TTLV') {
        result.generic++;
        continue;
      }
      const attrs = new Map([...m[2].matchAll(/([\w:-]+)\s*=\s*"([^"]*)"/g)].map((a) => [a[1], a[2]]));
      const type = attrs.get('type') ?? 'Structure';
      const value = attrs.get('value') ?? '';
      const tag = data.tag(name, version);
      if (!tag) {
        add('type', name, 'unknown tag name');
        continue;
      }
      if (!tag.versions.includes(version)) add('version', name, `tag not defined in ${version} (defined in ${tag.versions.join(', ')})`);
      if (!tag.varies) {
        result.typeChecked++;
        if (!tag.itemTypes.includes(type)) add('type', name, `type=${type}, spec ${tag.itemTypes.join(' or ') || 'untyped'}`);
      }
      if (name === 'AttributeName') lastAttributeName = value;
      let enumName = tag.enumeration;
      if (name === 'AttributeValue' && lastAttributeName) {
        const at = data.attributeTag(lastAttributeName);
        enumName = at ? data.tag(at, version)?.enumeration : undefined;
      }
      if ((type === 'Enumeration' || type === 'Integer') && value !== '' && !PLACEHOLDER.test(value)) {
        const names = type === 'Enumeration' ? [value] : value.split(/\s+/);
        for (const n of names) {
          if (/^0x[0-9a-f]+$/i.test(n) || /^-?\d+$/.test(n)) continue; // numeric form (and extensions)
          result.valuesChecked++;
          if (!enumName) {
            add('enumeration', name, `value ${n} but the tag has no enumeration`);
            continue;
          }
          const versions = data.enumValueVersions(enumName, n);
          if (!versions) add('enumeration', name, `${enumName} has no value ${n}`);
          else if (!versions.includes(version)) add('enumeration', name, `${enumName}.${n} not defined in ${version}`);
        }
      }
    }
  }
  return result;
}

/** Disagreements not covered by an exception, and exceptions that cover nothing (stale). */
export function applyExceptions(
  disagreements: Disagreement[], exceptions: VectorException[],
): { unexplained: Disagreement[]; unused: VectorException[] } {
  const used = new Set<VectorException>();
  const unexplained = disagreements.filter((d) => {
    const ex = exceptions.find((e) => e.kind === d.kind && e.element === d.element && e.version === d.version && e.file === d.file);
    if (ex) used.add(ex);
    return !ex;
  });
  return { unexplained, unused: exceptions.filter((e) => !used.has(e)) };
}
