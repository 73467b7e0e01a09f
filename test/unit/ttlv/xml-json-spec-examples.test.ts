/**
 * The test cases of "KMIP Additional Message Encodings v1.0" (../shared/spec/kmip/kmip-addtl-msg-enc-v1.0-os.txt)
 * print each message three times: XML, the TTLV bytes in hex, and (JSON profile, §5) JSON. Every XML
 * and JSON example there must parse to exactly the printed bytes, and our writers must reproduce it.
 *
 * Extraction: non-ASCII bytes (the text export's non-breaking spaces) become spaces; an XML block runs from
 * <RequestMessage>/<ResponseMessage> to its close; the hex lines after it are the bytes; a JSON block starting
 * with {"tag":"RequestMessage"/"ResponseMessage" follows in §5. One JSON block in the spec (the first request of §5.1.1) closes with ']'
 * instead of ']}' (a typo): brackets are balanced before parsing, and the number of repaired
 * blocks is asserted so that any other deviation fails.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { encodeTtlv, decodeTtlv, child, type TtlvItem, type DateTimeItem } from '../../../src/ttlv';
import { Tag } from '../../../src/kmip/tags';
import { parseKmipXml } from '../../../src/ttlv/xml-parse';
import { toKmipXmlItem } from '../../../src/ttlv/xml-write';
import { parseKmipJson, toKmipJson } from '../../../src/ttlv/json';
import { tokenizeXml, type XmlElement } from '../../../src/ttlv/xml-tokenize';

const SPEC = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'spec', 'kmip', 'kmip-addtl-msg-enc-v1.0-os.txt');

interface Example { line: number; xml: string; hex: string; json?: string }

function extract(text: string): Example[] {
  const lines = text.split(/\r?\n/).map((l) => l.replace(/[^\x20-\x7e]/g, ' '));
  const out: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*<(RequestMessage|ResponseMessage)>/.exec(lines[i]);
    if (!m) continue;
    const start = i;
    const xml: string[] = [];
    for (; i < lines.length; i++) {
      xml.push(lines[i]);
      if (lines[i].includes(`</${m[1]}>`)) break;
    }
    let hex = '';
    for (i++; i < lines.length && /^\s*[0-9a-fA-F]+\s*$/.test(lines[i]); i++) hex += lines[i].trim();
    let json: string | undefined;
    if (i < lines.length && /^\s*\{"tag":\s*"(RequestMessage|ResponseMessage)"/.test(lines[i])) {
      const j: string[] = [];
      // The block ends at the first line that is not part of it (a section title, a '|' table rule, ...).
      for (; i < lines.length && /^\s*[{}[\]]/.test(lines[i]); i++) j.push(lines[i]);
      json = j.join('\n');
    }
    i--;
    out.push({ line: start + 1, xml: xml.join('\n'), hex, json });
  }
  return out;
}

/** Appends the closers a truncated JSON text is missing (the spec's typos); returns [text, repaired]. */
function balance(json: string): [string, boolean] {
  const stack: string[] = [];
  let inStr = false;
  let fixed = false;
  for (let k = 0; k < json.length; k++) {
    const c = json[k];
    if (inStr) {
      if (c === '\\') k++;
      else if (c === '"') inStr = false;
    } else if (c === '"') inStr = true;
    else if (c === '{') stack.push('}');
    else if (c === '[') stack.push(']');
    else if (c === '}' || c === ']') {
      // A ']' where '}' is due closes the object first (the typo is a missing '}' before ']').
      while (stack.length && stack[stack.length - 1] !== c) {
        json = json.slice(0, k) + stack.pop() + json.slice(k++);
        fixed = true;
      }
      stack.pop();
    }
  }
  return [json + stack.reverse().join(''), fixed || stack.length > 0];
}

function flat(el: XmlElement, out: string[] = []): string[] {
  const v = el.attrs.get('value');
  out.push(`${el.name}|${el.attrs.get('type') ?? 'Structure'}|${v ?? ''}`);
  for (const c of el.children) flat(c, out);
  return out;
}

const present = fs.existsSync(SPEC);

describe('Additional Message Encodings v1.0 examples', () => {
  if (!present) {
    if (process.env.CI === 'true') it('needs the spec text', () => { throw new Error(`missing ${SPEC}`); });
    else it.skip(`skipped: ${SPEC} is absent`, () => undefined);
    return;
  }
  const examples = extract(fs.readFileSync(SPEC, 'latin1'));

  it('finds the XML/hex examples of the HTTPS, JSON and XML test cases, with JSON in §5', () => {
    // 3 profiles × 3 versions × 4 messages.
    expect(examples.length).toBe(36);
    expect(examples.filter((e) => e.json).length).toBe(12);
    for (const e of examples) expect(e.hex.length).toBeGreaterThan(100);
  });

  // In the KMIP 1.1 test cases the response XML says TimeStamp 2014-06-10T08:03:34 while the printed bytes hold
  // 08:04:52 (0x5396bc24): a spec inconsistency. Such examples must match once that one value is taken from the
  // bytes, and exactly the six 1.1 responses (HTTPS, JSON, XML profiles × 2) may need it.
  const timestampMismatch: number[] = [];
  it.each(examples.map((e) => [e.line, e]))('XML at line %i parses to the printed TTLV bytes', (_l, e) => {
    const [item] = parseKmipXml(e.xml);
    const expected = decodeTtlv(Buffer.from(e.hex, 'hex'));
    if (encodeTtlv(item).toString('hex') !== e.hex.toLowerCase()) {
      const ts = (m: TtlvItem) => child(child(m, Tag.ResponseHeader), Tag.TimeStamp) as DateTimeItem;
      expect(ts(item).value).not.toBe(ts(expected).value);
      ts(item).value = ts(expected).value;
      timestampMismatch.push(e.line);
    }
    expect(item).toEqual(expected);
    expect(encodeTtlv(item).toString('hex')).toBe(e.hex.toLowerCase());
    // Our writer names every element and value as the spec does.
    expect(flat(tokenizeXml(toKmipXmlItem(parseKmipXml(e.xml)[0]))[0])).toEqual(flat(tokenizeXml(e.xml)[0]));
  });

  it('only the KMIP 1.1 responses carry the TimeStamp inconsistency', () => {
    expect(timestampMismatch.length).toBe(6);
    for (const line of timestampMismatch) {
      const e = examples.find((x) => x.line === line)!;
      expect(e.xml).toContain('<ResponseMessage>');
      expect(e.xml).toMatch(/<ProtocolVersionMinor type="Integer" value="1"\/>/);
    }
  });

  let repaired = 0;
  it.each(examples.filter((e) => e.json).map((e) => [e.line, e]))('JSON after line %i parses to the printed TTLV bytes', (_l, e) => {
    const [json, fixed] = balance(e.json!);
    if (fixed) repaired++;
    const item = parseKmipJson(json);
    expect(encodeTtlv(item).toString('hex')).toBe(e.hex.toLowerCase());
    expect(encodeTtlv(parseKmipJson(toKmipJson(item))).toString('hex')).toBe(e.hex.toLowerCase());
  });

  it('repairs only the one known JSON typo', () => {
    expect(repaired).toBe(1);
  });
});
