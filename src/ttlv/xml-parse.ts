/**
 * KMIP XML → TtlvItem (KMIP Additional Message Encodings v1.0 §6.1).
 *
 * Input may be one item (usually a RequestMessage/ResponseMessage), several top-level items, or a
 * container root (`<KMIP>`, `<KmipTestCase>`) holding many messages and ignorable text lines such
 * as `# TIME 0`. Each message's enumeration names are read in the protocol version found in its own
 * header (names of any version are accepted; the version only matters for the writer).
 *
 * Placeholders of test vectors (`$NOW`, `$UNIQUE_IDENTIFIER_0`, ...) are not TTLV values. The
 * `placeholder` option sees every value starting with `$` and may return the text to use instead.
 */
import { ItemType, ItemTypeName } from '../kmip/item-type';
import type { TtlvItem } from './item';
import { tokenizeXml, XmlElement, XmlParseError } from './xml-tokenize';
import { tagFromName, valueNamingOf, versionFrom, MESSAGE_TAGS, HEADER_TAGS } from './xml-names';
import { Tag } from '../kmip/tags';
import { parseTextValue } from './xml-value-codec';
import { ValueError } from './xml-values';
import { isValidTag } from './header';
import { formatTag } from './errors';

export { XmlParseError } from './xml-tokenize';

/** What the placeholder hook is told about a `$…` value. */
export interface PlaceholderInfo {
  /** The value text, e.g. `$NOW-3600`. */
  value: string;
  type: ItemTypeName;
  tag: number;
  /** Element names from the message down to this item, e.g. ['RequestMessage', 'BatchItem', 'UniqueIdentifier']. */
  path: readonly string[];
  /** Index of the top-level item (message) in the input. */
  message: number;
  line: number;
  column: number;
}

/** Returns the text to parse instead of the placeholder, or undefined to leave it as is. */
export type PlaceholderHook = (p: PlaceholderInfo) => string | undefined;

export interface XmlParseOptions {
  placeholder?: PlaceholderHook;
  /** Version used to read names when a message has no header (e.g. a bare payload). */
  defaultVersion?: string;
  /** Maximum element nesting (default 64, like the binary decoder). */
  maxDepth?: number;
}

/** Container roots of test vector files; their children are the messages. */
export const XML_CONTAINER_ROOTS: ReadonlySet<string> = new Set(['KMIP', 'KmipTestCase']);

/** Parses every top-level item (or every item in a container root). */
export function parseKmipXml(text: string, opts: XmlParseOptions = {}): TtlvItem[] {
  const roots = tokenizeXml(text, { containerNames: XML_CONTAINER_ROOTS, maxDepth: (opts.maxDepth ?? 64) + 1 });
  const elements = roots.length === 1 && XML_CONTAINER_ROOTS.has(roots[0].name) ? roots[0].children : roots;
  if (roots.length > 1) {
    const c = roots.find((r) => XML_CONTAINER_ROOTS.has(r.name));
    if (c) throw new XmlParseError(`<${c.name}> must be the only root`, c.line, c.column, c.name);
  }
  return elements.map((el, i) => new Converter(opts, i, versionOfElement(el) ?? opts.defaultVersion).item(el, [], undefined));
}

/** Parses exactly one item (a message, usually). */
export function parseKmipXmlItem(text: string, opts: XmlParseOptions = {}): TtlvItem {
  const items = parseKmipXml(text, opts);
  if (items.length !== 1) throw new XmlParseError(`expected one item, found ${items.length}`, 1, 1);
  return items[0];
}

const TYPE_BY_NAME: Readonly<Record<string, number>> = ItemType;

function tagOfElement(el: XmlElement): number | undefined {
  if (el.name === 'TTLV') {
    const t = el.attrs.get('tag');
    return t === undefined ? undefined : tagFromName(t);
  }
  return tagFromName(el.name);
}

function childByTag(el: XmlElement, tag: number): XmlElement | undefined {
  return el.children.find((c) => tagOfElement(c) === tag);
}

/** "major.minor" from the message's own header, looked up before anything is converted. */
function versionOfElement(msg: XmlElement): string | undefined {
  const tag = tagOfElement(msg);
  if (tag === undefined || !MESSAGE_TAGS.has(tag)) return undefined;
  const header = msg.children.find((c) => HEADER_TAGS.has(tagOfElement(c) ?? -1));
  const pv = header && childByTag(header, Tag.ProtocolVersion);
  if (!pv) return undefined;
  const num = (t: number): number | undefined => {
    const v = childByTag(pv, t)?.attrs.get('value');
    if (v === undefined) return undefined;
    const n = /^0[xX]/.test(v) ? parseInt(v, 16) : Number(v);
    return Number.isSafeInteger(n) ? n : undefined;
  };
  return versionFrom(num(Tag.ProtocolVersionMajor), num(Tag.ProtocolVersionMinor));
}

class Converter {
  constructor(
    private readonly opts: XmlParseOptions,
    private readonly index: number,
    private readonly version: string | undefined,
  ) {}

  item(el: XmlElement, parentPath: readonly string[], attributeName: string | undefined): TtlvItem {
    const fail = (reason: string): never => {
      throw new XmlParseError(reason, el.line, el.column, el.name);
    };
    if (el.name === 'TTLV' && !el.attrs.has('tag')) fail("<TTLV> needs a 'tag' attribute");
    const tag = tagOfElement(el);
    if (tag === undefined) {
      fail(el.name === 'TTLV' ? `bad tag '${el.attrs.get('tag')}' (0x42xxxx/0x54xxxx or a tag name expected)` : `unknown tag name <${el.name}>`);
    }
    if (!isValidTag(tag!)) fail(`tag ${formatTag(tag!)} is neither a KMIP (0x42xxxx) nor an extension (0x54xxxx) tag`);
    for (const a of el.attrs.keys()) {
      if (a !== 'type' && a !== 'value' && a !== 'xmlns' && !(el.name === 'TTLV' && (a === 'tag' || a === 'name'))) {
        fail(`unexpected attribute '${a}'`);
      }
    }
    const typeName = el.attrs.get('type') ?? 'Structure';
    const type = Object.prototype.hasOwnProperty.call(TYPE_BY_NAME, typeName) ? TYPE_BY_NAME[typeName] : undefined;
    if (type === undefined) fail(`unknown type '${typeName}'`);
    const path = [...parentPath, el.name === 'TTLV' ? el.attrs.get('tag')! : el.name];
    if (type === ItemType.Structure) {
      if (el.attrs.has('value')) fail("a Structure has no 'value' attribute");
      if (el.text) fail(`unexpected text '${el.text.slice(0, 20)}' in a Structure`);
      // The Attribute Name sibling decides how an Attribute Value is named (1.x and 2.x vendor attributes).
      const nameEl = tag === Tag.Attribute ? childByTag(el, Tag.AttributeName) : undefined;
      const attrName = nameEl?.attrs.get('type') === 'TextString' ? nameEl.attrs.get('value') : undefined;
      return { tag: tag!, type: ItemType.Structure, value: el.children.map((c) => this.item(c, path, attrName)) };
    }
    if (el.children.length > 0) fail(`a ${typeName} has no child elements`);
    if (el.text) fail(`unexpected text '${el.text.slice(0, 20)}'; values go in the 'value' attribute`);
    let value = el.attrs.get('value');
    if (value === undefined) return fail(`missing 'value' attribute for type ${typeName}`);
    if (value.startsWith('$') && this.opts.placeholder) {
      const sub = this.opts.placeholder({
        value, type: typeName as ItemTypeName, tag: tag!, path, message: this.index, line: el.line, column: el.column,
      });
      if (sub !== undefined) value = sub;
    }
    try {
      return parseTextValue(tag!, type!, value, valueNamingOf(tag!, attributeName), this.version, 'xml');
    } catch (e) {
      if (e instanceof ValueError) {
        const hint = value.startsWith('$') ? ` (placeholder ${value} needs a substitution)` : '';
        return fail(e.message + hint);
      }
      throw e;
    }
  }
}
