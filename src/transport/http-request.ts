/**
 * HTTP/1.0 and 1.1 request framing for KMIP over HTTPS (KMIP Additional Message Encodings v1.0 §2): the
 * request line, the header fields and a body of exactly Content-Length bytes. Strict and bounded: the
 * head may not pass MAX_HEAD_BYTES, the body may not pass the KMIP message limit (refused from the
 * declared length, before a byte of it is kept), and a body without Content-Length (chunked transfer
 * coding included) is refused, since the profile requires the length. After a framing error the
 * decoder is dead: the connection answers that error and closes.
 *
 * Pure: no sockets. What a request means (target, method, content type) is decided in http-exchange.ts.
 */

/** Largest request line plus header fields, in bytes. */
export const MAX_HEAD_BYTES = 16 * 1024;
/** Most header fields in one request. */
export const MAX_HEADER_FIELDS = 100;

export interface HttpRequest {
  method: string;
  /** The request target as sent (origin form, e.g. "/kmip"). */
  target: string;
  /** 0 for HTTP/1.0, 1 for HTTP/1.1. */
  minor: 0 | 1;
  /** Field names in lower case; repeated fields are joined with ", " (RFC 9110 §5.3). */
  headers: Map<string, string>;
  body: Buffer;
  /** Whether the connection stays open after the answer (HTTP/1.1 unless "close"; 1.0 only with "keep-alive"). */
  keepAlive: boolean;
}

/** A request that cannot be framed: answered with `status`, then the connection closes. */
export class HttpFramingError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'HttpFramingError';
  }
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const REQUEST_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+) (\S+) HTTP\/(\d)\.(\d)$/;
const HEAD_END = Buffer.from('\r\n\r\n');

interface Head {
  method: string;
  target: string;
  minor: 0 | 1;
  headers: Map<string, string>;
  length: number;
  keepAlive: boolean;
}

export interface HttpRequestDecoderOptions {
  maxBodyBytes: number;
  /** Called once a head asking "Expect: 100-continue" is read and its body has not arrived yet. */
  onContinue?: () => void;
}

export class HttpRequestDecoder {
  private head: Head | undefined;
  private headBytes: Buffer[] = [];
  private headLength = 0;
  private body: Buffer[] = [];
  private bodyLength = 0;
  private dead = false;

  constructor(private readonly opts: HttpRequestDecoderOptions) {}

  /** Feeds bytes; returns the requests they complete (in order). Throws HttpFramingError. */
  push(chunk: Buffer): HttpRequest[] {
    if (this.dead) return [];
    const out: HttpRequest[] = [];
    try {
      let rest: Buffer | undefined = chunk;
      while (rest && rest.length > 0) rest = this.head ? this.takeBody(rest, out) : this.takeHead(rest);
      // A head whose body is empty completes at once.
      if (this.head && this.head.length === 0) this.complete(out);
    } catch (err) {
      this.dead = true;
      throw err;
    }
    return out;
  }

  /** Bytes of a request started and not complete (a connection closing with these was cut short). */
  get partial(): boolean {
    return this.head !== undefined || this.headLength > 0;
  }

  private takeHead(chunk: Buffer): Buffer | undefined {
    let buf = this.headLength === 0 ? chunk : Buffer.concat([...this.headBytes, chunk], this.headLength + chunk.length);
    // RFC 9112 §2.2: empty lines before a request line are ignored.
    let skip = 0;
    while (skip + 1 < buf.length && buf[skip] === 0x0d && buf[skip + 1] === 0x0a) skip += 2;
    if (skip > 0) buf = buf.subarray(skip);
    const end = buf.indexOf(HEAD_END);
    if (end < 0) {
      if (buf.length > MAX_HEAD_BYTES) throw new HttpFramingError(431, `request head longer than ${MAX_HEAD_BYTES} bytes`);
      this.headBytes = buf.length > 0 ? [buf] : [];
      this.headLength = buf.length;
      return undefined;
    }
    if (end > MAX_HEAD_BYTES) throw new HttpFramingError(431, `request head longer than ${MAX_HEAD_BYTES} bytes`);
    this.head = parseHead(buf.subarray(0, end).toString('latin1'), this.opts.maxBodyBytes);
    this.headBytes = [];
    this.headLength = 0;
    const rest = buf.subarray(end + HEAD_END.length);
    if (this.head.length > 0 && rest.length === 0 && this.head.headers.get('expect')?.toLowerCase() === '100-continue') {
      this.opts.onContinue?.();
    }
    return rest;
  }

  private takeBody(chunk: Buffer, out: HttpRequest[]): Buffer | undefined {
    const head = this.head as Head;
    const need = head.length - this.bodyLength;
    const part = chunk.length <= need ? chunk : chunk.subarray(0, need);
    if (part.length > 0) {
      this.body.push(part);
      this.bodyLength += part.length;
    }
    if (this.bodyLength === head.length) this.complete(out);
    return chunk.length > need ? chunk.subarray(need) : undefined;
  }

  private complete(out: HttpRequest[]): void {
    const head = this.head as Head;
    const body = this.body.length === 1 ? this.body[0] : Buffer.concat(this.body, this.bodyLength);
    out.push({ method: head.method, target: head.target, minor: head.minor, headers: head.headers, body, keepAlive: head.keepAlive });
    this.head = undefined;
    this.body = [];
    this.bodyLength = 0;
  }
}

function parseHead(text: string, maxBodyBytes: number): Head {
  const lines = text.split('\r\n');
  const m = REQUEST_LINE.exec(lines[0]);
  if (!m) throw new HttpFramingError(400, 'malformed request line');
  if (m[3] !== '1') throw new HttpFramingError(505, `HTTP/${m[3]}.${m[4]} is not supported (HTTP/1.0 and 1.1 are)`);
  const minor = m[4] === '0' ? 0 : 1;
  if (lines.length - 1 > MAX_HEADER_FIELDS) throw new HttpFramingError(431, `more than ${MAX_HEADER_FIELDS} header fields`);
  const headers = new Map<string, string>();
  let lengths: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const colon = line.indexOf(':');
    // No obsolete line folding (RFC 9112 §5.2), no whitespace before the colon (§5.1).
    if (colon <= 0 || !TOKEN.test(line.slice(0, colon))) throw new HttpFramingError(400, `malformed header field on line ${i + 1}`);
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (/[\0\r\n]/.test(value)) throw new HttpFramingError(400, `malformed value of header field ${name}`);
    if (name === 'content-length') lengths = lengths.concat(value.split(',').map((v) => v.trim()));
    const prev = headers.get(name);
    headers.set(name, prev === undefined ? value : `${prev}, ${value}`);
  }
  if (headers.has('transfer-encoding')) {
    throw new HttpFramingError(411, 'Transfer-Encoding is not accepted: send the KMIP message with a Content-Length');
  }
  let length = 0;
  if (lengths.length > 0) {
    if (lengths.some((v) => !/^\d{1,15}$/.test(v)) || lengths.some((v) => v !== lengths[0])) {
      throw new HttpFramingError(400, 'malformed Content-Length');
    }
    length = Number(lengths[0]);
    if (length > maxBodyBytes) throw new HttpFramingError(413, `request body of ${length} bytes is larger than the limit of ${maxBodyBytes}`);
  } else if (m[1] === 'POST' || m[1] === 'PUT') {
    throw new HttpFramingError(411, 'a Content-Length is required');
  }
  const connection = (headers.get('connection') ?? '').toLowerCase().split(',').map((t) => t.trim());
  const keepAlive = minor === 1 ? !connection.includes('close') : connection.includes('keep-alive');
  return { method: m[1], target: m[2], minor, headers, length, keepAlive };
}
