/**
 * Real client captures (../shared/conformance/captures/*.hex, pretty hex of the exact wire bytes) go through
 * the text encodings and back to the same bytes: bytes → tree → XML → tree → bytes, and the same via JSON.
 * This covers what clients really send (custom x- attributes of any type, extension tags, 1.x and 2.x).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeTtlv, encodeTtlv, parsePrettyHex } from '../../../src/ttlv';
import { parseKmipXmlItem } from '../../../src/ttlv/xml-parse';
import { toKmipXmlItem } from '../../../src/ttlv/xml-write';
import { parseKmipJson, toKmipJson } from '../../../src/ttlv/json';

const CAPTURES = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'conformance', 'captures');

function listHex(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listHex(p));
    else if (e.name.endsWith('.hex')) out.push(p);
  }
  return out.sort();
}

describe('client captures through XML and JSON', () => {
  if (!fs.existsSync(CAPTURES)) {
    if (process.env.CI === 'true') it('needs ../shared/conformance/captures', () => { throw new Error(`missing ${CAPTURES}`); });
    else it.skip(`skipped: ${CAPTURES} is absent`, () => undefined);
    return;
  }
  const files = listHex(CAPTURES);
  it('finds the captures', () => expect(files.length).toBeGreaterThan(20));

  it.each(files.map((f) => [path.relative(CAPTURES, f), f]))('%s', (_rel, file) => {
    const bytes = parsePrettyHex(fs.readFileSync(file, 'utf8'));
    const item = decodeTtlv(bytes);
    const viaXml = encodeTtlv(parseKmipXmlItem(toKmipXmlItem(item)));
    expect(viaXml.toString('hex')).toBe(bytes.toString('hex'));
    const viaJson = encodeTtlv(parseKmipJson(toKmipJson(item)));
    expect(viaJson.toString('hex')).toBe(bytes.toString('hex'));
  });
});
