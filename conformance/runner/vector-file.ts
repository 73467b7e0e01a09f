/**
 * Reads one OASIS XML test vector file (SOURCES.md §3) into request/response pairs.
 *
 * The project's XML codec does the parsing; placeholders (`$UNIQUE_IDENTIFIER_0`, `$NOW-3600`, ...)
 * are not valid values of their item type, so the codec's placeholder hook swaps each for a neutral
 * value of the right type, and a parallel walk over the tokenized XML remembers which parsed item
 * carried which placeholder (`placeholders`). Requests are filled in at send time, responses are
 * compared with the placeholders as capture/compare points.
 */
import * as fs from 'node:fs';
import { ItemType, type ItemTypeName } from '../../src/kmip/item-type';
import { Tag } from '../../src/kmip/tags';
import type { TtlvItem } from '../../src/ttlv/item';
import { parseKmipXml, XML_CONTAINER_ROOTS } from '../../src/ttlv/xml-parse';
import { tokenizeXml, type XmlElement } from '../../src/ttlv/xml-tokenize';
import { messageVersion } from '../../src/ttlv/xml-write';
import { encodeTtlv } from '../../src/ttlv/binary-writer';

export interface VectorMessage {
  /** Index among all messages of the file. */
  index: number;
  item: TtlvItem;
  /** Items of `item` whose XML value was a `$…` placeholder, with the placeholder text. */
  placeholders: Map<TtlvItem, string>;
}

export interface VectorPair {
  request: VectorMessage;
  response: VectorMessage;
  /**
   * The test case repeats this request until the server's answer changes ("# [REPEAT] until GetAttributes
   * response shows State changed to Deactivated", TC_92; "until Archive response is returned", TC_101):
   * the runner sends it again until the response matches or its time runs out (replay.ts).
   */
  repeat?: boolean;
}

export interface VectorFile {
  file: string;
  /** "major.minor" of the first request's header. */
  version: string;
  pairs: VectorPair[];
}

export class VectorFileError extends Error {
  constructor(message: string, readonly messageIndex?: number) {
    super(message);
    this.name = 'VectorFileError';
  }
}

/** A value of the right type standing in for a placeholder until the runner fills it. */
const NEUTRAL: Partial<Record<ItemTypeName, string>> = {
  Integer: '0',
  LongInteger: '0',
  BigInteger: '0000000000000000',
  Enumeration: '0x00000000',
  Boolean: 'false',
  ByteString: '',
  DateTime: '1970-01-01T00:00:00+00:00',
  DateTimeExtended: '1970-01-01T00:00:00+00:00',
  Interval: '0',
};

export function loadVectorFile(file: string): VectorFile {
  return parseVectorText(fs.readFileSync(file, 'utf8'), file);
}

export function parseVectorText(text: string, file = '<text>'): VectorFile {
  let items: TtlvItem[];
  let elements: XmlElement[];
  try {
    items = parseKmipXml(text, { placeholder: (p) => (p.type === 'TextString' ? undefined : NEUTRAL[p.type]) });
    const roots = tokenizeXml(text, { containerNames: XML_CONTAINER_ROOTS, maxDepth: 65 });
    elements = roots.length === 1 && XML_CONTAINER_ROOTS.has(roots[0].name) ? roots[0].children : roots;
  } catch (err) {
    throw new VectorFileError(`XML codec rejected the file: ${(err as Error).message}`);
  }
  if (elements.length !== items.length) throw new VectorFileError('XML elements and parsed items disagree');
  const messages: VectorMessage[] = items.map((item, index) => {
    const placeholders = new Map<TtlvItem, string>();
    annotate(elements[index], item, placeholders);
    return { index, item: repairAttributeNames(item), placeholders };
  });
  const pairs = pairMessages(messages);
  if (pairs.length === 0) throw new VectorFileError('no RequestMessage in the file');
  markRepeats(messages, pairs, repeatMarkedRequests(text));
  return { file, version: messageVersion(pairs[0].request.item) ?? 'unknown', pairs };
}

/**
 * Request/response pairs in file order. Files alternate requests and responses (§3.1); one OASIS
 * file (1.4 TC-DERIVEKEY-4-10) instead lists k requests then k responses in another order. Such a
 * run is paired by operation, in the order of the responses (the order the server answered in).
 */
export function pairMessages(messages: VectorMessage[]): VectorPair[] {
  const pairs: VectorPair[] = [];
  let i = 0;
  while (i < messages.length) {
    const reqs: VectorMessage[] = [];
    while (i < messages.length && messages[i].item.tag === Tag.RequestMessage) reqs.push(messages[i++]);
    const resps: VectorMessage[] = [];
    while (i < messages.length && messages[i].item.tag === Tag.ResponseMessage && resps.length < Math.max(1, reqs.length)) resps.push(messages[i++]);
    if (reqs.length === 0) throw new VectorFileError(`message ${resps[0]?.index ?? i} is a ResponseMessage without a request`, resps[0]?.index);
    if (resps.length !== reqs.length) {
      const at = reqs[resps.length] ?? reqs[0];
      throw new VectorFileError(`request ${at.index} has no ResponseMessage after it`, at.index);
    }
    if (reqs.length === 1) {
      pairs.push({ request: reqs[0], response: resps[0] });
      continue;
    }
    const left = [...reqs];
    for (const resp of resps) {
      const k = left.findIndex((r) => operationKey(r.item) === operationKey(resp.item));
      if (k < 0) throw new VectorFileError(`response ${resp.index} matches none of the requests before it`, resp.index);
      pairs.push({ request: left.splice(k, 1)[0], response: resp });
    }
  }
  return pairs;
}

const REPEAT_MARKER = /^[ \t]*#[ \t]*\[REPEAT\]/;

/**
 * Ordinals (0 = the file's first RequestMessage) of the requests that follow a `# [REPEAT]` line: the
 * extractions of the 1.0–1.2 test cases keep the documents' step notes as `#` lines between the
 * messages. XML comments are left out first, so a message name inside one is not counted.
 */
export function repeatMarkedRequests(text: string): Set<number> {
  const marked = new Set<number>();
  let ordinal = 0;
  let pending = false;
  for (const line of text.replace(/<!--[\s\S]*?-->/g, '').split('\n')) {
    if (REPEAT_MARKER.test(line)) {
      pending = true;
      continue;
    }
    for (const _ of line.matchAll(/<RequestMessage[\s>]/g)) {
      if (pending) marked.add(ordinal);
      pending = false;
      ordinal++;
    }
  }
  return marked;
}

/**
 * A marked request repeats; so does each following pair whose request is the same message: the
 * extraction writes out the first and the last round of the repetition (TC_92: the State read that
 * still answers Active, then the one that answers Deactivated).
 */
function markRepeats(messages: VectorMessage[], pairs: VectorPair[], marked: Set<number>): void {
  if (marked.size === 0) return;
  const ordinalOf = new Map<number, number>();
  for (const m of messages) if (m.item.tag === Tag.RequestMessage) ordinalOf.set(m.index, ordinalOf.size);
  let previous: Buffer | undefined;
  for (const pair of pairs) {
    const encoded = encodedOrUndefined(pair.request.item);
    if (marked.has(ordinalOf.get(pair.request.index) ?? -1) || (previous !== undefined && encoded !== undefined && previous.equals(encoded))) {
      pair.repeat = true;
      previous = encoded;
    } else {
      previous = undefined;
    }
  }
}

function encodedOrUndefined(item: TtlvItem): Buffer | undefined {
  try {
    return encodeTtlv(item);
  } catch {
    return undefined; // not comparable; the replay reports the encoding problem when it sends it
  }
}

function operationKey(msg: TtlvItem): string {
  if (msg.type !== ItemType.Structure) return '';
  return msg.value
    .filter((b) => b.tag === Tag.BatchItem && b.type === ItemType.Structure)
    .map((b) => {
      const op = (b.value as TtlvItem[]).find((c) => c.tag === Tag.Operation);
      return op ? String(op.value) : '?';
    })
    .join(',');
}

/**
 * Input repair, not a comparison rule: the community extractions of 1.0–1.2 (SOURCES.md §1.1,
 * §1.2; not OASIS-published files) carry HTML line breaks as runs of spaces inside Attribute Names
 * ("Cryptographic   Usage Mask", 666 occurrences). No KMIP attribute name has two spaces in a row
 * and no OASIS 1.4/2.1 file has one, so runs of spaces in Attribute Name values are made single.
 * Items are modified in place (the placeholder map keys stay the same objects).
 */
function repairAttributeNames(item: TtlvItem): TtlvItem {
  if (item.type === ItemType.Structure) {
    for (const c of item.value) repairAttributeNames(c);
  } else if (item.tag === Tag.AttributeName && item.type === ItemType.TextString && /\s{2,}/.test(item.value)) {
    item.value = item.value.replace(/\s{2,}/g, ' ');
  }
  return item;
}

/** The codec maps each element to one item and keeps children in order: walk both together. */
function annotate(el: XmlElement, item: TtlvItem, out: Map<TtlvItem, string>): void {
  if (item.type === ItemType.Structure) {
    const n = Math.min(el.children.length, item.value.length);
    for (let i = 0; i < n; i++) annotate(el.children[i], item.value[i], out);
    return;
  }
  const v = el.attrs.get('value');
  if (v !== undefined && v.startsWith('$')) out.set(item, v);
}
