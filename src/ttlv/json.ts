/**
 * The KMIP JSON encoding (KMIP Additional Message Encodings v1.0 §4.1):
 * `{"tag":"RequestMessage","value":[{"tag":"RequestHeader","value":[…]}, …]}`.
 *
 * Each item is an object with `tag` (normalized name or `0x42xxxx`), optional `name` (ignored on
 * input, informative), `type` (default Structure) and `value`. Numbers may be JSON numbers or hex
 * strings; masks are `|`-separated flag names and/or hex; names follow the message's version
 * exactly as in the XML encoding (see xml-names.ts).
 */
import { ItemType, ITEM_TYPE_NAMES } from '../kmip/item-type';
import type { TtlvItem } from './item';
import { Tag } from '../kmip/tags';
import { tagFromName, tagNameOf, valueNamingOf, versionFrom, MESSAGE_TAGS, HEADER_TAGS, ValueNaming } from './xml-names';
import { parseTextValue, formatTextValue } from './xml-value-codec';
import { ValueError, hex64 } from './xml-values';
import { formatTag } from './errors';
import { isValidTag } from './header';
import { messageVersion } from './xml-write';

export class JsonParseError extends Error {
  constructor(readonly reason: string, readonly line: number, readonly column: number, readonly path: string) {
    super(`${line}:${column}: ${reason}${path ? ` at ${path}` : ''}`);
    this.name = 'JsonParseError';
  }
}

export interface JsonParseOptions {
  /** Version for names when the item is not a message with a header. */
  defaultVersion?: string;
  maxDepth?: number;
  /** Line number of this text in a larger input (for error positions); default 1. */
  firstLine?: number;
}

export interface JsonWriteOptions {
  /** Indentation unit; omitted or '' gives one line. */
  indent?: string;
  defaultVersion?: string;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const TYPE_BY_NAME: Readonly<Record<string, number>> = ItemType;

/** Parses one JSON-encoded item (usually a message). */
export function parseKmipJson(text: string, opts: JsonParseOptions = {}): TtlvItem {
  const first = opts.firstLine ?? 1;
  let doc: Json;
  try {
    doc = JSON.parse(text) as Json;
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const off = m ? Number(m[1]) : 0;
    const before = text.slice(0, off).split('\n');
    const reason = (e as Error).message.replace(/ in JSON at position \d+.*$/, '');
    throw new JsonParseError(`invalid JSON: ${reason}`, first + before.length - 1, before[before.length - 1].length + 1, '');
  }
  const version = versionOfJson(doc) ?? opts.defaultVersion;
  return convert(doc, '$', 1, opts.maxDepth ?? 64, version, undefined, first);
}

/** Many items, one JSON document per non-empty line (the CLI's multi-message form). */
export function parseKmipJsonLines(text: string, opts: JsonParseOptions = {}): TtlvItem[] {
  const items: TtlvItem[] = [];
  const lines = text.split('\n');
  const trimmed = text.trim();
  // A single (possibly indented) document, or a JSON array of items, is read whole.
  if (trimmed.startsWith('[')) {
    const arr = parseWholeArray(trimmed, opts);
    if (arr) return arr;
  }
  const nonEmpty = lines.filter((l) => l.trim().length > 0);
  if (nonEmpty.length > 0 && !nonEmpty.every((l) => l.trim().startsWith('{') && l.trim().endsWith('}'))) {
    return [parseKmipJson(text, opts)];
  }
  lines.forEach((l, i) => {
    if (l.trim()) items.push(parseKmipJson(l, { ...opts, firstLine: i + 1 }));
  });
  return items;
}

function parseWholeArray(text: string, opts: JsonParseOptions): TtlvItem[] | undefined {
  let doc: Json;
  try {
    doc = JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
  if (!Array.isArray(doc)) return undefined;
  return doc.map((d, i) => convert(d, `$[${i}]`, 1, opts.maxDepth ?? 64, versionOfJson(d) ?? opts.defaultVersion, undefined, 1));
}

function isObject(j: Json | undefined): j is JsonObject {
  return typeof j === 'object' && j !== null && !Array.isArray(j);
}

function jsonTag(j: Json | undefined): number | undefined {
  return isObject(j) && typeof j.tag === 'string' ? tagFromName(j.tag) : undefined;
}

function versionOfJson(doc: Json): string | undefined {
  if (!isObject(doc) || !MESSAGE_TAGS.has(jsonTag(doc) ?? -1) || !Array.isArray(doc.value)) return undefined;
  const header = doc.value.find((c) => HEADER_TAGS.has(jsonTag(c) ?? -1));
  const pv = isObject(header) && Array.isArray(header.value) ? header.value.find((c) => jsonTag(c) === Tag.ProtocolVersion) : undefined;
  if (!isObject(pv) || !Array.isArray(pv.value)) return undefined;
  const num = (t: number) => {
    const c = (pv.value as Json[]).find((x) => jsonTag(x) === t);
    const v = isObject(c) ? c.value : undefined;
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && /^(0[xX][0-9a-fA-F]+|[0-9]+)$/.test(v)) return Number(v);
    return undefined;
  };
  return versionFrom(num(Tag.ProtocolVersionMajor), num(Tag.ProtocolVersionMinor));
}

function convert(
  j: Json, path: string, depth: number, maxDepth: number, version: string | undefined, attrName: string | undefined, line: number,
): TtlvItem {
  const fail = (reason: string): never => {
    throw new JsonParseError(reason, line, 1, path);
  };
  if (depth > maxDepth) fail(`nesting deeper than ${maxDepth}`);
  if (!isObject(j)) return fail('an item must be a JSON object');
  for (const k of Object.keys(j)) if (k !== 'tag' && k !== 'name' && k !== 'type' && k !== 'value') fail(`unexpected property '${k}'`);
  if (typeof j.tag !== 'string') fail("missing string property 'tag'");
  const tag = tagFromName(j.tag as string);
  if (tag === undefined) fail(`unknown tag '${j.tag}'`);
  if (!isValidTag(tag!)) fail(`tag ${formatTag(tag!)} is neither a KMIP (0x42xxxx) nor an extension (0x54xxxx) tag`);
  const typeName = j.type === undefined ? 'Structure' : j.type;
  if (typeof typeName !== 'string' || !Object.prototype.hasOwnProperty.call(TYPE_BY_NAME, typeName)) {
    fail(`unknown type ${JSON.stringify(typeName)}`);
  }
  const type = TYPE_BY_NAME[typeName as string];
  const here = `${path}(${j.tag})`;
  if (type === ItemType.Structure) {
    const v = j.value === undefined ? null : j.value;
    if (v !== null && !Array.isArray(v)) fail('a Structure value must be an array or null');
    const kids = (v ?? []) as Json[];
    const nameJ = tag === Tag.Attribute ? kids.find((c) => jsonTag(c) === Tag.AttributeName) : undefined;
    const an = isObject(nameJ) && typeof nameJ.value === 'string' ? nameJ.value : undefined;
    return {
      tag: tag!, type: ItemType.Structure,
      value: kids.map((c, i) => convert(c, `${here}.value[${i}]`, depth + 1, maxDepth, version, an, line)),
    };
  }
  if (j.value === undefined) fail(`missing 'value' for type ${typeName}`);
  try {
    return primitive(tag!, type, j.value as Json, valueNamingOf(tag!, attrName), version);
  } catch (e) {
    if (e instanceof ValueError) return fail(e.message);
    throw e;
  }
}

function primitive(tag: number, type: number, v: Json, naming: ValueNaming, version: string | undefined): TtlvItem {
  if (typeof v === 'string') return parseTextValue(tag, type, v, naming, version, 'json');
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new ValueError(`${v} is not an exact integer (use a hex string)`);
    switch (type) {
      case ItemType.Integer:
      case ItemType.Interval:
      case ItemType.Enumeration:
      case ItemType.LongInteger:
      case ItemType.BigInteger:
        // Range checks are those of the decimal text form.
        return parseTextValue(tag, type, type === ItemType.BigInteger ? toHexBig(v) : String(v), naming, version, 'json');
      default:
        throw new ValueError(`a ${ITEM_TYPE_NAMES[type]} value cannot be a JSON number`);
    }
  }
  if (typeof v === 'boolean') {
    if (type !== ItemType.Boolean) throw new ValueError(`a ${ITEM_TYPE_NAMES[type]} value cannot be a JSON boolean`);
    return { tag, type: ItemType.Boolean, value: v };
  }
  throw new ValueError(`a ${ITEM_TYPE_NAMES[type]} value must be a string${type === ItemType.TextString ? '' : ' or number'}`);
}

function toHexBig(v: number): string {
  const b = BigInt(v);
  return '0x' + BigInt.asUintN(64, b).toString(16).padStart(16, '0');
}

const TWO_52 = 2n ** 52n;

/** The JSON value of a primitive item: numbers where exact, the text forms otherwise. */
function jsonValue(item: TtlvItem, naming: ValueNaming, version: string | undefined): Json {
  switch (item.type) {
    case ItemType.Integer:
      return naming?.kind === 'mask' && item.value !== 0 ? formatTextValue(item, naming, version, 'json') : item.value;
    case ItemType.Interval:
      return item.value;
    case ItemType.LongInteger:
      return item.value < TWO_52 && item.value > -TWO_52 ? Number(item.value) : hex64(item.value);
    case ItemType.Boolean:
      return item.value;
    default:
      return formatTextValue(item, naming, version, 'json');
  }
}

function toJsonObject(item: TtlvItem, version: string | undefined, attrName: string | undefined): JsonObject {
  const name = tagNameOf(item.tag, version);
  const o: JsonObject = { tag: name ?? formatTag(item.tag) };
  if (item.type === ItemType.Structure) {
    const nameItem = item.tag === Tag.Attribute ? item.value.find((c) => c.tag === Tag.AttributeName) : undefined;
    const an = nameItem?.type === ItemType.TextString ? nameItem.value : undefined;
    o.value = item.value.map((c) => toJsonObject(c, version, an));
    return o;
  }
  o.type = ITEM_TYPE_NAMES[item.type];
  o.value = jsonValue(item, valueNamingOf(item.tag, attrName), version);
  return o;
}

/** One item as JSON: one line by default, or the spec's layout (one item per line) with `indent`. */
export function toKmipJson(item: TtlvItem, opts: JsonWriteOptions = {}): string {
  const obj = toJsonObject(item, messageVersion(item) ?? opts.defaultVersion, undefined);
  if (!opts.indent) return JSON.stringify(obj);
  const out: string[] = [];
  layout(obj, opts.indent, 0, '', out);
  return out.join('\n');
}

function layout(o: JsonObject, indent: string, depth: number, trail: string, out: string[]): void {
  const pad = indent.repeat(depth);
  if (Array.isArray(o.value) && o.value.length > 0) {
    const head = Object.entries(o).filter(([k]) => k !== 'value').map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
    out.push(`${pad}{${head.join(', ')}, "value":[`);
    o.value.forEach((c, i, a) => layout(c as JsonObject, indent, depth + 1, i < a.length - 1 ? ',' : '', out));
    out.push(`${pad}]}${trail}`);
    return;
  }
  out.push(`${pad}{${Object.entries(o).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(', ')}}${trail}`);
}
