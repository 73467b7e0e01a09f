/**
 * `tumbler ttlv convert --from <fmt> --to <fmt> [FILE]`: converts KMIP messages between binary TTLV,
 * hex, pretty hex, XML and JSON (KMIP Additional Message Encodings v1.0). Gathers input, converts
 * through the TtlvItem tree, prints. Parse errors exit with code 3 and a one-line message with the
 * position (line:column for XML/JSON, byte or character offset for binary/hex).
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError, EXIT } from '../errors';
import {
  decodeTtlv, encodeTtlv, FrameDecoder, DEFAULT_TTLV_LIMITS, isTtlvError, parsePrettyHex, toPrettyHex, type TtlvItem,
} from '../../ttlv';
import { parseKmipXml, XmlParseError } from '../../ttlv/xml-parse';
import { toKmipXml, toKmipXmlItem } from '../../ttlv/xml-write';
import { parseKmipJsonLines, toKmipJson, JsonParseError } from '../../ttlv/json';

export const CONVERT_FORMATS = ['ttlv', 'hex', 'pretty', 'xml', 'json'] as const;
export type ConvertFormat = (typeof CONVERT_FORMATS)[number];

const HELP = `
Formats:
  ttlv    binary TTLV bytes; several messages are simply concatenated
  hex     TTLV as plain hex; one message per line on output ('#' lines and whitespace ignored on input)
  pretty  pretty hex (one item per line, indented); messages separated by a blank line
  xml     KMIP XML (Additional Message Encodings §6); several messages are wrapped in <KMIP>;
          input may be one message, several, or a <KMIP>/<KmipTestCase> test-vector file
  json    KMIP JSON (Additional Message Encodings §4); a single message is indented, several are
          written one per line (--compact: always one line); input: one document, one per line, or an array

Names of enumerations and masks follow each message's own Protocol Version. Test-vector
placeholders such as $NOW or $UNIQUE_IDENTIFIER_0 cannot be converted (exit code 3).

Examples:
  tumbler ttlv convert --from xml --to pretty TC-SJ-3-21.xml
  tumbler ttlv convert --from pretty --to xml 04-create-request.hex
  echo 42007801... | tumbler ttlv convert --from hex --to json`;

export interface ConvertOptions {
  from: ConvertFormat;
  to: ConvertFormat;
  compact?: boolean;
}

/** Pure conversion used by the command (and testable without a process). */
export function convertMessages(input: Buffer, opts: ConvertOptions): Buffer | string {
  return writeMessages(readMessages(input, opts.from), opts);
}

export function readMessages(input: Buffer, from: ConvertFormat): TtlvItem[] {
  try {
    switch (from) {
      case 'ttlv':
        return splitFrames(input).map((m) => decodeTtlv(m));
      case 'hex':
        return splitFrames(parsePrettyHex(input.toString('utf8'))).map((m) => decodeTtlv(m));
      case 'pretty':
        return splitFrames(parsePrettyHex(input.toString('utf8'))).map((m) => decodeTtlv(m));
      case 'xml':
        return parseKmipXml(input.toString('utf8'));
      case 'json':
        return parseKmipJsonLines(input.toString('utf8'));
    }
  } catch (e) {
    throw asCliError(e, from);
  }
}

export function writeMessages(items: TtlvItem[], opts: ConvertOptions): Buffer | string {
  try {
    switch (opts.to) {
      case 'ttlv':
        return Buffer.concat(items.map((i) => encodeTtlv(i)));
      case 'hex':
        return items.map((i) => encodeTtlv(i).toString('hex') + '\n').join('');
      case 'pretty':
        return items.map((i) => toPrettyHex(i)).join('\n');
      case 'xml':
        return items.length === 1 ? toKmipXmlItem(items[0]) + '\n' : toKmipXml(items);
      case 'json':
        if (items.length === 1 && !opts.compact) return toKmipJson(items[0], { indent: '  ' }) + '\n';
        return items.map((i) => toKmipJson(i) + '\n').join('');
    }
  } catch (e) {
    // An item tree that cannot be encoded (e.g. out-of-range value) is a bad input too.
    throw asCliError(e, opts.to);
  }
}

/** Splits a byte string into top-level TTLV messages by their headers. */
function splitFrames(bytes: Buffer): Buffer[] {
  if (bytes.length === 0) return [];
  // The input is already in memory: the limit only has to let a declared length be checked against it.
  const fd = new FrameDecoder({ maxMessageSize: Math.max(bytes.length, DEFAULT_TTLV_LIMITS.maxMessageSize) });
  const msgs = fd.push(bytes);
  if (fd.buffered > 0) throw new CliError(`input: truncated message: ${fd.buffered} bytes after the last complete message`, EXIT.PARSE);
  return msgs;
}

function asCliError(e: unknown, fmt: ConvertFormat): Error {
  if (e instanceof CliError) return e;
  if (e instanceof XmlParseError || e instanceof JsonParseError) return new CliError(`${fmt} input: ${e.message}`, EXIT.PARSE);
  if (isTtlvError(e)) return new CliError(`${fmt}: ${e.message}`, EXIT.PARSE);
  if (e instanceof RangeError || e instanceof TypeError) return new CliError(`${fmt}: ${e.message}`, EXIT.PARSE);
  return e as Error;
}

function parseFormat(v: string): ConvertFormat {
  if ((CONVERT_FORMATS as readonly string[]).includes(v)) return v as ConvertFormat;
  throw new CliError(`unknown format '${v}' (one of: ${CONVERT_FORMATS.join(', ')})`, EXIT.USAGE);
}

function readInput(file: string | undefined): Buffer {
  try {
    return file && file !== '-' ? readFileSync(file) : readFileSync(0);
  } catch (e) {
    throw new CliError(`cannot read ${file ?? 'stdin'}: ${(e as Error).message}`, EXIT.USAGE);
  }
}

export function register(program: Command): void {
  // `ttlv` may already exist if another command file adds subcommands to it.
  const ttlv = program.commands.find((c) => c.name() === 'ttlv') ?? program.command('ttlv').description('TTLV codec tools');
  ttlv
    .command('convert')
    .description('convert KMIP messages between ttlv, hex, pretty, xml and json')
    .requiredOption('--from <format>', `input format: ${CONVERT_FORMATS.join('|')}`)
    .requiredOption('--to <format>', `output format: ${CONVERT_FORMATS.join('|')}`)
    .option('--compact', 'JSON: one line per message even for a single message')
    .argument('[file]', 'input file (default: stdin)')
    .addHelpText('after', HELP)
    .action((file: string | undefined, o: { from: string; to: string; compact?: boolean }) => {
      const opts: ConvertOptions = { from: parseFormat(o.from), to: parseFormat(o.to), compact: o.compact };
      const out = convertMessages(readInput(file), opts);
      process.stdout.write(out);
    });
}
