/**
 * Pretty hex: the human-readable form of binary TTLV used by fixtures and by
 * shared/conformance/captures (see its README, "File format"). One item per line, indented two spaces
 * per nesting level:
 *
 *   420078 01 00000118                          structure header: tag type length
 *     42006a 02 00000004 00000001 00000000      primitive: tag type length value+padding (4-byte groups)
 *
 * Lines starting with '#' are comments. Loading = drop comments, drop all whitespace, hex-decode.
 */
import { TtlvError } from './errors';
import { TTLV_HEADER_SIZE, paddedLength, readTtlvHeader } from './header';
import { hexGroups, hexToBuffer } from './hex';
import { encodeTtlv } from './binary-writer';
import type { TtlvItem } from './item';
import { ItemType } from '../kmip/item-type';
import { DEFAULT_TTLV_LIMITS } from './limits';

export interface PrettyHexOptions {
  /** Prefix for every line (e.g. extra indentation in logs). */
  indent?: string;
  /** Deepest nesting printed; default DEFAULT_TTLV_LIMITS.maxDepth. */
  maxDepth?: number;
}

/**
 * Print binary TTLV (one or more consecutive top-level items) as pretty hex, one line per item, each
 * line ending in '\n'. Only the layout is checked (headers present, lengths fit, structure children
 * add up); values, padding and UTF-8 are printed as found, so malformed-but-framed messages can still
 * be inspected. Layout errors raise TtlvError. Every primitive occupies its length rounded up to 8,
 * which holds for every item type, so unknown types print too.
 */
export function formatPrettyHex(buf: Buffer, options: PrettyHexOptions = {}): string {
  const lines: string[] = [];
  const maxDepth = options.maxDepth ?? DEFAULT_TTLV_LIMITS.maxDepth;
  const prefix = options.indent ?? '';
  const walk = (start: number, end: number, depth: number): void => {
    let pos = start;
    while (pos < end) {
      if (end - pos < TTLV_HEADER_SIZE) {
        throw new TtlvError('TRUNCATED', `an item header needs 8 bytes, ${end - pos} available`, pos);
      }
      const h = readTtlvHeader(buf, pos);
      const v = pos + TTLV_HEADER_SIZE;
      const indent = prefix + '  '.repeat(depth - 1);
      const head = `${indent}${hex(h.tag, 6)} ${hex(h.type, 2)} ${hex(h.length, 8)}`;
      if (h.type === ItemType.Structure) {
        if (depth > maxDepth) throw new TtlvError('TOO_DEEP', `nesting deeper than ${maxDepth}`, pos, h.tag);
        if (h.length > end - v) throw new TtlvError('TRUNCATED', `structure length ${h.length} overruns its container`, pos, h.tag);
        lines.push(head);
        walk(v, v + h.length, depth + 1);
        pos = v + h.length;
      } else {
        const padded = paddedLength(h.length);
        if (padded > end - v) throw new TtlvError('TRUNCATED', `value of length ${h.length} overruns its container`, pos, h.tag);
        lines.push(padded === 0 ? head : `${head} ${hexGroups(buf, v, v + padded)}`);
        pos = v + padded;
      }
    }
  };
  walk(0, buf.length, 1);
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

/** Pretty hex of an item tree (encodes it first; the output is what goes on the wire). */
export function toPrettyHex(item: TtlvItem, options?: PrettyHexOptions): string {
  return formatPrettyHex(encodeTtlv(item), options);
}

/**
 * Load pretty hex: drop lines whose first non-blank character is '#', remove all whitespace and
 * hex-decode. Throws TtlvError BAD_HEX (offset = character offset in `text`) on anything else.
 */
export function parsePrettyHex(text: string): Buffer {
  let lineStart = 0;
  const parts: string[] = [];
  while (lineStart <= text.length) {
    let nl = text.indexOf('\n', lineStart);
    if (nl < 0) nl = text.length;
    const line = text.slice(lineStart, nl);
    if (!/^\s*#/.test(line)) {
      const compact = line.replace(/\s+/g, '');
      if (!/^[0-9a-fA-F]*$/.test(compact)) {
        const bad = line.search(/[^0-9a-fA-F\s]/);
        const lineNo = countLines(text, lineStart);
        throw new TtlvError('BAD_HEX', `line ${lineNo}: not a hex digit: ${JSON.stringify(line[bad])}`, lineStart + bad);
      }
      parts.push(compact);
    }
    lineStart = nl + 1;
  }
  return hexToBuffer(parts.join(''));
}

/** The non-comment lines of a pretty-hex text, trailing whitespace trimmed (handy for comparisons). */
export function prettyHexBody(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .filter((l) => !/^\s*#/.test(l))
    .map((l) => l.replace(/\s+$/, ''))
    .filter((l) => l.length > 0);
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function countLines(text: string, upTo: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < upTo; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
