/**
 * The client side of KMIP over HTTPS (Additional Message Encodings v1.0 §2) for KmipConnection: each
 * request frame becomes a POST with the message in TTLV, KMIP XML or KMIP JSON, and each HTTP answer is
 * read back (status line, header fields, exactly Content-Length bytes) and turned into a TTLV frame
 * again, so that callers see the same frames over either transport. 1xx interim answers are skipped.
 */
import { decodeTtlv } from '../ttlv/binary-reader';
import { encodeTtlv } from '../ttlv/binary-writer';
import { parseKmipJson, toKmipJson } from '../ttlv/json';
import { parseKmipXmlItem } from '../ttlv/xml-parse';
import { toKmipXmlItem } from '../ttlv/xml-write';

export type HttpBodyEncoding = 'ttlv' | 'xml' | 'json';
export const HTTP_BODY_ENCODINGS: readonly HttpBodyEncoding[] = ['ttlv', 'xml', 'json'];

export interface HttpClientOptions {
  encoding: HttpBodyEncoding;
  /** Request target (default /kmip). */
  path?: string;
  /** Host header (default the connection's host). */
  host?: string;
}

const CONTENT_TYPE: Readonly<Record<HttpBodyEncoding, string>> = { ttlv: 'application/octet-stream', xml: 'text/xml', json: 'application/json' };
const HEAD_END = Buffer.from('\r\n\r\n');
const MAX_HEAD = 16 * 1024;

/** One HTTP answer that is not a KMIP response (status other than 200). */
export class HttpStatusError extends Error {
  constructor(readonly status: number, body: string) {
    super(`HTTP ${status}${body ? `: ${body.slice(0, 200).trim()}` : ''}`);
    this.name = 'HttpStatusError';
  }
}

/** A request frame (TTLV) as the bytes of one POST. */
export function httpRequestBytes(frame: Buffer, o: HttpClientOptions, host: string): Buffer {
  let body = frame;
  if (o.encoding !== 'ttlv') {
    const item = decodeTtlv(frame, { maxMessageSize: frame.length + 8, maxItems: frame.length });
    body = Buffer.from(o.encoding === 'xml' ? toKmipXmlItem(item, { indent: '' }) : toKmipJson(item), 'utf8');
  }
  const head =
    `POST ${o.path ?? '/kmip'} HTTP/1.1\r\nHost: ${o.host ?? host}\r\nContent-Type: ${CONTENT_TYPE[o.encoding]}\r\n` +
    `Content-Length: ${body.length}\r\nCache-Control: no-cache\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

/** Splits the server's byte stream into answers: a TTLV frame, or an HttpStatusError, per request. */
export class HttpResponseDecoder {
  private buf: Buffer = Buffer.alloc(0);
  private need: { status: number; length: number; type: string } | undefined;

  constructor(private readonly encoding: HttpBodyEncoding, private readonly maxBody: number) {}

  /** Throws on a malformed stream (the connection is then unusable). */
  push(chunk: Buffer): Array<Buffer | HttpStatusError> {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const out: Array<Buffer | HttpStatusError> = [];
    for (;;) {
      if (!this.need) {
        const end = this.buf.indexOf(HEAD_END);
        if (end < 0) {
          if (this.buf.length > MAX_HEAD) throw new Error('HTTP answer head too long');
          return out;
        }
        this.need = parseHead(this.buf.subarray(0, end).toString('latin1'), this.maxBody);
        this.buf = this.buf.subarray(end + HEAD_END.length);
      }
      const need = this.need;
      if (need.status >= 100 && need.status < 200) {
        this.need = undefined;
        continue;
      }
      if (this.buf.length < need.length) return out;
      const body = Buffer.from(this.buf.subarray(0, need.length));
      this.buf = this.buf.subarray(need.length);
      this.need = undefined;
      out.push(need.status === 200 ? this.frameOf(body, need.type) : new HttpStatusError(need.status, body.toString('utf8')));
    }
  }

  private frameOf(body: Buffer, type: string): Buffer {
    if (type !== CONTENT_TYPE[this.encoding]) throw new Error(`answer with Content-Type "${type}", not ${CONTENT_TYPE[this.encoding]}`);
    if (this.encoding === 'ttlv') return body;
    const text = body.toString('utf8');
    return encodeTtlv(this.encoding === 'xml' ? parseKmipXmlItem(text) : parseKmipJson(text));
  }
}

function parseHead(text: string, maxBody: number): { status: number; length: number; type: string } {
  const lines = text.split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/.exec(lines[0]);
  if (!m) throw new Error(`not an HTTP answer: ${JSON.stringify(lines[0].slice(0, 60))}`);
  const status = Number(m[1]);
  let length = status >= 100 && status < 200 ? 0 : -1;
  let type = '';
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error('malformed header field in an HTTP answer');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-length') {
      if (!/^\d{1,15}$/.test(value)) throw new Error('malformed Content-Length in an HTTP answer');
      length = Number(value);
    } else if (name === 'content-type') type = value.split(';')[0].trim().toLowerCase();
    else if (name === 'transfer-encoding') throw new Error('HTTP answers with a Transfer-Encoding are not read');
  }
  if (length < 0) throw new Error('HTTP answer without Content-Length');
  if (length > maxBody) throw new Error(`HTTP answer of ${length} bytes is larger than ${maxBody}`);
  return { status, length, type };
}
