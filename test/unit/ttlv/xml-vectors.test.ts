/**
 * Every OASIS XML test vector under ../shared/conformance/oasis (all versions, all folders) round-trips:
 *   XML → tree → binary TTLV → tree → XML → tree  (the last tree equals the first)
 *   XML → tree → JSON → tree                     (equal too)
 * Placeholders ($NOW, $UNIQUE_IDENTIFIER_n, ...) are substituted first, since they are not TTLV values.
 * Trees are compared, not strings. Skips when ../shared is absent, fails then when CI=true.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeTtlv, encodeTtlv, type TtlvItem } from '../../../src/ttlv';
import { parseKmipXml, type PlaceholderInfo } from '../../../src/ttlv/xml-parse';
import { toKmipXmlItem, toKmipXml } from '../../../src/ttlv/xml-write';
import { parseKmipJson, toKmipJson } from '../../../src/ttlv/json';

const OASIS = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'conformance', 'oasis');
const present = fs.existsSync(OASIS);

function listXml(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listXml(p));
    else if (e.name.toLowerCase().endsWith('.xml')) out.push(p);
  }
  return out.sort();
}

/** A fixed "now" so that every run builds the same trees. */
const NOW = Date.UTC(2024, 0, 2, 3, 4, 5) / 1000;

/** Substitutes a placeholder by a value of the item's type; TextString placeholders are valid text already. */
export function substitute(p: PlaceholderInfo): string | undefined {
  const now = /^\$NOW(?:([+-])([0-9]+))?$/.exec(p.value);
  if (p.type === 'DateTime' && now) {
    const offset = now[1] ? Number(now[2]) * (now[1] === '-' ? -1 : 1) : 0;
    return new Date((NOW + offset) * 1000).toISOString().replace(/\.000Z$/, '+00:00');
  }
  switch (p.type) {
    case 'TextString':
      return undefined;
    case 'ByteString':
      return Buffer.from(p.value.slice(1), 'utf8').toString('hex');
    case 'DateTime':
    case 'DateTimeExtended':
      return '2024-01-02T03:04:05+00:00';
    case 'Integer':
    case 'LongInteger':
    case 'Interval':
      return '7';
    case 'Enumeration':
      return '0x00000007';
    case 'BigInteger':
      return '0000000000000007';
    case 'Boolean':
      return 'true';
    default:
      throw new Error(`no substitution for ${p.value} of type ${p.type} at ${p.line}:${p.column}`);
  }
}

/**
 * Vectors that cannot be read yet, with the exact error expected. Empty: PKCS11-M-1-21 (PKCS#11 Function /
 * Return Code names) reads since spec/data/pkcs11-enums.json gave those enumerations their values.
 */
const KNOWN_GAPS: Record<string, RegExp> = {};

describe('OASIS XML vectors round-trip', () => {
  if (!present) {
    if (process.env.CI === 'true') {
      it('needs ../shared/conformance/oasis', () => {
        throw new Error(`missing ${OASIS} (CI=true: the vector round trip must run)`);
      });
    } else {
      it.skip(`skipped: ${OASIS} is absent`, () => undefined);
      // eslint-disable-next-line no-console
      console.warn(`xml-vectors: ${OASIS} absent, round trip skipped`);
    }
    return;
  }
  const files = listXml(OASIS);
  let messages = 0;
  let filesDone = 0;
  let gaps = 0;

  it('finds the vector files', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it.each(files.map((f) => [path.relative(OASIS, f), f]))('%s', (rel, file) => {
    const text = fs.readFileSync(file, 'utf8');
    const gap = KNOWN_GAPS[rel.split(path.sep).join('/')];
    if (gap) {
      // Fails for a reason outside the codec; when the reason goes away this test fails: drop the entry.
      expect(() => parseKmipXml(text, { placeholder: substitute })).toThrow(gap);
      gaps++;
      return;
    }
    const items: TtlvItem[] = parseKmipXml(text, { placeholder: substitute });
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      const bytes = encodeTtlv(item);
      const fromBinary = decodeTtlv(bytes);
      expect(fromBinary).toEqual(item);
      const xml = toKmipXmlItem(fromBinary);
      const back = parseKmipXml(xml);
      expect(back).toEqual([item]);
      const json = toKmipJson(fromBinary);
      expect(parseKmipJson(json)).toEqual(item);
      expect(parseKmipJson(toKmipJson(fromBinary, { indent: '  ' }))).toEqual(item);
    }
    // The whole file re-written as one <KMIP> document reads back as the same message list.
    expect(parseKmipXml(toKmipXml(items))).toEqual(items);
    messages += items.length;
    filesDone++;
  });

  afterAll(() => {
    // eslint-disable-next-line no-console
    console.log(`OASIS XML vectors: ${filesDone}/${files.length} files, ${messages} messages round-tripped (XML→TTLV→XML, XML→JSON); ${gaps} known gap(s)`);
  });
});
