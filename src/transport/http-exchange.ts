/**
 * One KMIP request over HTTPS (KMIP Additional Message Encodings v1.0 §2): POST to the KMIP target
 * (default /kmip) with the message as the body, in the encoding its Content-Type names:
 *   application/octet-stream  TTLV (the binary encoding)
 *   text/xml                  KMIP XML (§6)   (application/xml is accepted too)
 *   application/json          KMIP JSON (§5)
 * The answer is 200 with the response message in the same encoding, Content-Length and
 * Cache-Control: no-cache. XML and JSON are converted to TTLV and back around the same request
 * handler the binary transport uses, so the operations, the version rules, the authorisation and the
 * audit are the same. A message that does not parse is answered 200 with a KMIP Invalid Message
 * response (a KMIP response is available); what is not a KMIP request at all (another target, another
 * method, another content type) gets the HTTP status that says so, as plain text.
 */
import { Tag } from '../kmip/tags';
import { decodeTtlv } from '../ttlv/binary-reader';
import { encodeTtlv } from '../ttlv/binary-writer';
import type { TtlvItem } from '../ttlv/item';
import { parseKmipJson, toKmipJson } from '../ttlv/json';
import { parseKmipXmlItem } from '../ttlv/xml-parse';
import { toKmipXmlItem } from '../ttlv/xml-write';
import type { HttpRequest } from './http-request';

export type KmipEncoding = 'ttlv' | 'xml' | 'json';

export const CONTENT_TYPES: Readonly<Record<KmipEncoding, string>> = {
  ttlv: 'application/octet-stream',
  xml: 'text/xml',
  json: 'application/json',
};

const ENCODING_OF: ReadonlyMap<string, KmipEncoding> = new Map([
  ['application/octet-stream', 'ttlv'],
  ['text/xml', 'xml'],
  ['application/xml', 'xml'],
  ['application/json', 'json'],
]);

const REASONS: Readonly<Record<number, string>> = {
  100: 'Continue',
  200: 'OK',
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  411: 'Length Required',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  431: 'Request Header Fields Too Large',
  505: 'HTTP Version Not Supported',
};

export interface HttpExchangeOptions {
  /** The target KMIP requests are posted to (the profile's SHOULD: /kmip). */
  path: string;
  /** The binary transport's request handler, bound to the connection's peer. */
  handle(frame: Buffer): Promise<Buffer>;
  /** A KMIP Invalid Message response (TTLV) for a body that does not parse. */
  invalidMessage(err: Error): Buffer | undefined;
}

export interface HttpAnswer {
  /** 200, or the status of a refusal (404, 405, 415). */
  status: number;
  response: Buffer;
  /** Close the connection after this answer. */
  close: boolean;
}

/** The encoding a Content-Type names (parameters such as charset ignored), or undefined. */
export function encodingOf(contentType: string | undefined): KmipEncoding | undefined {
  if (contentType === undefined) return undefined;
  return ENCODING_OF.get(contentType.split(';')[0].trim().toLowerCase());
}

/** The whole HTTP answer to one framed request. Never throws. */
export async function answerHttpRequest(req: HttpRequest, opts: HttpExchangeOptions): Promise<HttpAnswer> {
  const close = !req.keepAlive;
  const path = req.target.split('?')[0];
  if (path !== opts.path) return { status: 404, response: httpResponse(404, textBody(`KMIP requests are posted to ${opts.path}`), req, close), close };
  if (req.method !== 'POST') {
    return { status: 405, response: httpResponse(405, textBody('KMIP requests use POST'), req, close, ['Allow: POST']), close };
  }
  const encoding = encodingOf(req.headers.get('content-type'));
  if (!encoding) {
    const body = textBody(`Content-Type must be one of ${Object.values(CONTENT_TYPES).join(', ')}`);
    return { status: 415, response: httpResponse(415, body, req, close), close };
  }
  const answer = await kmipAnswer(req.body, encoding, opts);
  const body = { type: CONTENT_TYPES[encoding], bytes: answer };
  return { status: 200, response: httpResponse(200, body, req, close), close };
}

/** The KMIP response, in the request's encoding, to one request body. */
async function kmipAnswer(body: Buffer, encoding: KmipEncoding, opts: HttpExchangeOptions): Promise<Buffer> {
  let frame: Buffer;
  try {
    frame = encoding === 'ttlv' ? body : encodeTtlv(requestItem(body, encoding));
  } catch (err) {
    const invalid = opts.invalidMessage(err instanceof Error ? err : new Error(String(err)));
    return invalid ? toEncoding(invalid, encoding) : Buffer.alloc(0);
  }
  return toEncoding(await opts.handle(frame), encoding);
}

function requestItem(body: Buffer, encoding: 'xml' | 'json'): TtlvItem {
  // A byte order mark is not part of the document (RFC 8259 §8.1 lets a parser ignore it).
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  const item = encoding === 'xml' ? parseKmipXmlItem(text) : parseKmipJson(text);
  if (item.tag !== Tag.RequestMessage) throw new Error('the body is not a RequestMessage');
  return item;
}

function toEncoding(ttlv: Buffer, encoding: KmipEncoding): Buffer {
  if (encoding === 'ttlv') return ttlv;
  // Our own answer: limits only as wide as it is.
  const item = decodeTtlv(ttlv, { maxMessageSize: Math.max(ttlv.length, 1024), maxItems: Math.max(ttlv.length >> 3, 1) + 1 });
  return Buffer.from(encoding === 'xml' ? toKmipXmlItem(item) + '\n' : toKmipJson(item) + '\n', 'utf8');
}

function textBody(message: string): { type: string; bytes: Buffer } {
  return { type: 'text/plain; charset=utf-8', bytes: Buffer.from(message + '\n', 'utf8') };
}

/** A framing error's answer (the connection closes after it). */
export function httpErrorResponse(status: number, message: string): Buffer {
  return serialize(status, textBody(message), true, []);
}

/** "100 Continue", for a client that waits for it before sending the body. */
export const CONTINUE_RESPONSE = Buffer.from('HTTP/1.1 100 Continue\r\n\r\n', 'latin1');

function httpResponse(status: number, body: { type: string; bytes: Buffer }, req: HttpRequest, close: boolean, extra: string[] = []): Buffer {
  // An HTTP/1.0 client that asked to keep the connection is told it is kept.
  const fields = !close && req.minor === 0 ? [...extra, 'Connection: keep-alive'] : extra;
  return serialize(status, body, close, fields);
}

function serialize(status: number, body: { type: string; bytes: Buffer }, close: boolean, extra: string[]): Buffer {
  const lines = [
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}`,
    `Content-Type: ${body.type}`,
    `Content-Length: ${body.bytes.length}`,
    'Cache-Control: no-cache',
    ...extra,
  ];
  if (close) lines.push('Connection: close');
  const head = Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1');
  return Buffer.concat([head, body.bytes], head.length + body.bytes.length);
}
