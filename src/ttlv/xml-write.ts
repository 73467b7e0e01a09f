/**
 * TtlvItem → KMIP XML (KMIP Additional Message Encodings v1.0 §6.1).
 *
 * Known tags are written as elements of their normalized name, unknown ones in the general form
 * `<TTLV tag="0x54xxxx" type="…" value="…"/>`. Names of enumeration values and mask flags are the
 * ones defined in the protocol version of the message (read from its header first); values without
 * a name in that version are written in `0x%08x` hex.
 */
import { ItemType, ITEM_TYPE_NAMES } from '../kmip/item-type';
import type { TtlvItem } from './item';
import { Tag } from '../kmip/tags';
import { formatTextValue } from './xml-value-codec';
import { tagNameOf, valueNamingOf, versionFrom, MESSAGE_TAGS, HEADER_TAGS } from './xml-names';
import { formatTag } from './errors';

export interface XmlWriteOptions {
  /** Indentation unit (default two spaces); '' writes everything on one line. */
  indent?: string;
  /** Root element wrapping several items (default 'KMIP'); null writes them one after another. */
  root?: string | null;
  /** Version used for names when an item is not a message with a header. */
  defaultVersion?: string;
}

/** Protocol version "major.minor" of a RequestMessage/ResponseMessage, from its header. */
export function messageVersion(item: TtlvItem): string | undefined {
  if (item.type !== ItemType.Structure || !MESSAGE_TAGS.has(item.tag)) return undefined;
  const header = item.value.find((c) => HEADER_TAGS.has(c.tag));
  if (!header || header.type !== ItemType.Structure) return undefined;
  const pv = header.value.find((c) => c.tag === Tag.ProtocolVersion);
  if (!pv || pv.type !== ItemType.Structure) return undefined;
  const num = (t: number) => {
    const c = pv.value.find((x) => x.tag === t);
    return c && c.type === ItemType.Integer ? c.value : undefined;
  };
  return versionFrom(num(Tag.ProtocolVersionMajor), num(Tag.ProtocolVersionMinor));
}

/** One item as an XML element (no trailing newline). */
export function toKmipXmlItem(item: TtlvItem, opts: XmlWriteOptions = {}): string {
  const out: string[] = [];
  writeItem(item, messageVersion(item) ?? opts.defaultVersion, undefined, opts.indent ?? '  ', 0, out);
  return out.join(opts.indent === '' ? '' : '\n');
}

/** Several items (e.g. the messages of a test case), wrapped in a root unless `root: null`. */
export function toKmipXml(items: readonly TtlvItem[], opts: XmlWriteOptions = {}): string {
  const indent = opts.indent ?? '  ';
  const root = opts.root === undefined ? 'KMIP' : opts.root;
  const out: string[] = [];
  if (root) out.push(`<${root}>`);
  for (const item of items) {
    writeItem(item, messageVersion(item) ?? opts.defaultVersion, undefined, indent, root ? 1 : 0, out);
  }
  if (root) out.push(`</${root}>`);
  return out.join(indent === '' ? '' : '\n') + '\n';
}

function writeItem(
  item: TtlvItem, version: string | undefined, attributeName: string | undefined, indent: string, depth: number, out: string[],
): void {
  const pad = indent.repeat(depth);
  const name = tagNameOf(item.tag, version);
  const open = name ?? `TTLV tag="${formatTag(item.tag)}"`;
  const close = name ?? 'TTLV';
  if (item.type === ItemType.Structure) {
    if (item.value.length === 0) {
      out.push(`${pad}<${open}${name ? '' : ' type="Structure"'}/>`);
      return;
    }
    out.push(`${pad}<${open}>`);
    const nameItem = item.tag === Tag.Attribute ? item.value.find((c) => c.tag === Tag.AttributeName) : undefined;
    const attrName = nameItem?.type === ItemType.TextString ? nameItem.value : undefined;
    for (const c of item.value) writeItem(c, version, attrName, indent, depth + 1, out);
    out.push(`${pad}</${close}>`);
    return;
  }
  const text = formatTextValue(item, valueNamingOf(item.tag, attributeName), version, 'xml');
  out.push(`${pad}<${open} type="${ITEM_TYPE_NAMES[item.type]}" value="${escapeAttr(text)}"/>`);
}

/** Escapes for a double-quoted attribute; tabs and line breaks as references so they survive normalization. */
export function escapeAttr(s: string): string {
  return s.replace(/[&<>"\t\n\r\u0000-\u001f]/g, (c) => {
    switch (c) {
      case '&': return '&amp;';
      case '<': return '&lt;';
      case '>': return '&gt;';
      case '"': return '&quot;';
      default: return `&#x${c.charCodeAt(0).toString(16)};`;
    }
  });
}
