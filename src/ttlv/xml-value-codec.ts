/**
 * One primitive TTLV value ⇄ its text in the XML or JSON encoding (§4.1.6 / §6.1.6).
 * The only differences between the two encodings here: masks are joined with ' ' in XML and '|'
 * in JSON; Big Integers carry a `0x` prefix in JSON.
 */
import { ItemType } from '../kmip/item-type';
import type { TtlvItem } from './item';
import { ValueNaming, formatEnum, formatMask, parseEnum, parseMask } from './xml-names';
import {
  ValueError, formatBigInt, formatDateTime, formatDateTimeExtended, parseBigInt, parseBoolean, parseDateTime,
  parseDateTimeExtended, parseHexBytes, parseInt32, parseInt64, parseUint32,
} from './xml-values';

export type TextEncoding = 'xml' | 'json';

/** Parses the text of a primitive value of `type` (never Structure). Throws ValueError. */
export function parseTextValue(
  tag: number, type: number, text: string, naming: ValueNaming, _version: string | undefined, enc: TextEncoding,
): TtlvItem {
  switch (type) {
    case ItemType.Integer: {
      const isNumber = /^[+-]?[0-9]+$/.test(text) || /^0[xX][0-9a-fA-F]+$/.test(text);
      if (naming?.kind === 'mask' && !isNumber) {
        return { tag, type, value: parseMask(naming, text, enc === 'xml' ? /\s+/ : /\s*\|\s*/) };
      }
      if (naming?.kind === 'mask' && /^0[xX]/.test(text)) return { tag, type, value: parseUint32(text, 'mask') | 0 };
      return { tag, type, value: parseInt32(text) };
    }
    case ItemType.LongInteger:
      return { tag, type, value: parseInt64(text) };
    case ItemType.BigInteger:
      return { tag, type, value: parseBigInt(text) };
    case ItemType.Enumeration:
      return { tag, type, value: parseEnum(naming, text) };
    case ItemType.Boolean:
      return { tag, type, value: parseBoolean(text) };
    case ItemType.TextString:
      return { tag, type, value: text };
    case ItemType.ByteString:
      return { tag, type, value: parseHexBytes(text) };
    case ItemType.DateTime:
      return { tag, type, value: parseDateTime(text) };
    case ItemType.Interval:
      return { tag, type, value: parseUint32(text, 'Interval') };
    case ItemType.DateTimeExtended:
      return { tag, type, value: parseDateTimeExtended(text) };
    default:
      throw new ValueError(`type 0x${type.toString(16)} has no text value`);
  }
}

/** Text of a primitive item's value (XML attribute text; JSON string forms). */
export function formatTextValue(item: TtlvItem, naming: ValueNaming, version: string | undefined, enc: TextEncoding): string {
  switch (item.type) {
    case ItemType.Integer:
      return naming?.kind === 'mask' ? formatMask(naming, item.value, version, enc === 'xml' ? ' ' : '|') : String(item.value);
    case ItemType.LongInteger:
      return item.value.toString();
    case ItemType.BigInteger:
      return (enc === 'json' ? '0x' : '') + formatBigInt(item.value);
    case ItemType.Enumeration:
      return formatEnum(naming, item.value, version);
    case ItemType.Boolean:
      return item.value ? 'true' : 'false';
    case ItemType.TextString:
      return item.value;
    case ItemType.ByteString:
      return item.value.toString('hex');
    case ItemType.DateTime:
      return formatDateTime(item.value);
    case ItemType.Interval:
      return String(item.value);
    case ItemType.DateTimeExtended:
      return formatDateTimeExtended(item.value);
    case ItemType.Structure:
      throw new ValueError('a Structure has no text value');
  }
}
