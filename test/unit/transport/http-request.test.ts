/**
 * HTTP request framing for KMIP over HTTPS: whole requests in any split, pipelining, connection
 * persistence, and a refusal (with the right status) for every malformed or oversized request.
 */
import { HttpFramingError, HttpRequestDecoder, MAX_HEAD_BYTES, type HttpRequest } from '../../../src/transport/http-request';

const MAX = 1024;

function post(body: string | Buffer, extra: string[] = [], version = '1.1', target = '/kmip'): Buffer {
  const b = typeof body === 'string' ? Buffer.from(body) : body;
  const head = [`POST ${target} HTTP/${version}`, 'Host: kms', 'Content-Type: application/octet-stream', `Content-Length: ${b.length}`, ...extra].join('\r\n');
  return Buffer.concat([Buffer.from(head + '\r\n\r\n', 'latin1'), b]);
}

function decodeAll(bytes: Buffer, splitEvery = 0): HttpRequest[] {
  const d = new HttpRequestDecoder({ maxBodyBytes: MAX });
  if (splitEvery <= 0) return d.push(bytes);
  const out: HttpRequest[] = [];
  for (let i = 0; i < bytes.length; i += splitEvery) out.push(...d.push(bytes.subarray(i, i + splitEvery)));
  return out;
}

function statusOf(bytes: Buffer, max = MAX): number {
  const d = new HttpRequestDecoder({ maxBodyBytes: max });
  try {
    d.push(bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(HttpFramingError);
    return (err as HttpFramingError).status;
  }
  throw new Error('no framing error');
}

describe('HttpRequestDecoder', () => {
  test('a whole request: method, target, headers in lower case, exact body', () => {
    const body = Buffer.from([0x42, 0x00, 0x78, 0x01, 0x00, 0x00, 0x00, 0x00]);
    const [r, ...rest] = decodeAll(post(body, ['X-Thing: a', 'X-Thing: b']));
    expect(rest).toHaveLength(0);
    expect(r.method).toBe('POST');
    expect(r.target).toBe('/kmip');
    expect(r.minor).toBe(1);
    expect(r.headers.get('content-type')).toBe('application/octet-stream');
    expect(r.headers.get('x-thing')).toBe('a, b');
    expect(r.body.equals(body)).toBe(true);
    expect(r.keepAlive).toBe(true);
  });

  test.each([1, 2, 3, 7, 64])('the same requests arrive whole when split every %i bytes, pipelined back to back', (n) => {
    const bytes = Buffer.concat([post('first body'), post(''), post(Buffer.alloc(300, 7), ['Connection: close'])]);
    const got = decodeAll(bytes, n);
    expect(got.map((r) => r.body.length)).toEqual([10, 0, 300]);
    expect(got[0].body.toString()).toBe('first body');
    expect(got[2].body.every((b) => b === 7)).toBe(true);
    expect(got.map((r) => r.keepAlive)).toEqual([true, true, false]);
  });

  test('a body that has not fully arrived is not a request yet', () => {
    const d = new HttpRequestDecoder({ maxBodyBytes: MAX });
    const bytes = post('0123456789');
    expect(d.push(bytes.subarray(0, bytes.length - 1))).toEqual([]);
    expect(d.partial).toBe(true);
    const [r] = d.push(bytes.subarray(bytes.length - 1));
    expect(r.body.toString()).toBe('0123456789');
    expect(d.partial).toBe(false);
  });

  test('persistence: HTTP/1.1 unless "close", HTTP/1.0 only with "keep-alive"', () => {
    expect(decodeAll(post('x', [], '1.1'))[0].keepAlive).toBe(true);
    expect(decodeAll(post('x', ['Connection: Close'], '1.1'))[0].keepAlive).toBe(false);
    expect(decodeAll(post('x', [], '1.0'))[0]).toMatchObject({ minor: 0, keepAlive: false });
    expect(decodeAll(post('x', ['Connection: keep-alive'], '1.0'))[0].keepAlive).toBe(true);
  });

  test('empty lines before a request line are ignored (RFC 9112 §2.2), even split from it', () => {
    const got = decodeAll(Buffer.concat([Buffer.from('\r\n\r\n'), post('abc')]), 1);
    expect(got).toHaveLength(1);
    expect(got[0].body.toString()).toBe('abc');
  });

  test('"Expect: 100-continue" is reported once the head is read and before the body', () => {
    let asked = 0;
    const d = new HttpRequestDecoder({ maxBodyBytes: MAX, onContinue: () => asked++ });
    const bytes = post('abcdef', ['Expect: 100-continue']);
    const headEnd = bytes.indexOf('\r\n\r\n') + 4;
    expect(d.push(bytes.subarray(0, headEnd))).toEqual([]);
    expect(asked).toBe(1);
    expect(d.push(bytes.subarray(headEnd))[0].body.toString()).toBe('abcdef');
    expect(asked).toBe(1);
    // Head and body together: nothing to wait for.
    const d2 = new HttpRequestDecoder({ maxBodyBytes: MAX, onContinue: () => asked++ });
    d2.push(bytes);
    expect(asked).toBe(1);
  });

  test('a GET without a body is framed (its method is refused later, not here)', () => {
    const [r] = decodeAll(Buffer.from('GET /kmip HTTP/1.1\r\nHost: x\r\n\r\n'));
    expect(r).toMatchObject({ method: 'GET', target: '/kmip' });
    expect(r.body.length).toBe(0);
  });

  describe('refusals', () => {
    test('a declared body over the limit: 413, before the body is read', () => {
      const head = Buffer.from(`POST /kmip HTTP/1.1\r\nContent-Length: ${MAX + 1}\r\n\r\n`);
      expect(statusOf(head)).toBe(413);
      expect(statusOf(Buffer.from('POST /kmip HTTP/1.1\r\nContent-Length: 99999999999999999\r\n\r\n'))).toBe(400);
    });

    test('no Content-Length on POST, or any Transfer-Encoding: 411', () => {
      expect(statusOf(Buffer.from('POST /kmip HTTP/1.1\r\nHost: x\r\n\r\n'))).toBe(411);
      expect(statusOf(Buffer.from('POST /kmip HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n'))).toBe(411);
      expect(statusOf(Buffer.from('POST /kmip HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc'))).toBe(411);
    });

    test('conflicting or malformed Content-Length: 400', () => {
      expect(statusOf(Buffer.from('POST /kmip HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd'))).toBe(400);
      expect(statusOf(Buffer.from('POST /kmip HTTP/1.1\r\nContent-Length: 3, 4\r\n\r\nabcd'))).toBe(400);
      expect(statusOf(Buffer.from('POST /kmip HTTP/1.1\r\nContent-Length: -1\r\n\r\n'))).toBe(400);
      expect(statusOf(Buffer.from('POST /kmip HTTP/1.1\r\nContent-Length: 0x10\r\n\r\n'))).toBe(400);
      // The same length twice is the same length.
      expect(decodeAll(Buffer.from('POST /kmip HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok'))[0].body.toString()).toBe('ok');
    });

    test('malformed request lines and header fields: 400', () => {
      expect(statusOf(Buffer.from('POST /kmip\r\n\r\n'))).toBe(400);
      expect(statusOf(Buffer.from('POST  /kmip HTTP/1.1\r\n\r\n'))).toBe(400);
      expect(statusOf(Buffer.from('POST /kmip HTTP/1.1\r\nNo colon here\r\n\r\n'))).toBe(400);
      expect(statusOf(Buffer.from('POST /kmip HTTP/1.1\r\nBad Name: x\r\n\r\n'))).toBe(400);
      expect(statusOf(Buffer.from('POST /kmip HTTP/1.1\r\nContent-Length: 0\r\n folded: x\r\n\r\n'))).toBe(400);
      expect(statusOf(Buffer.from('POST /kmip HTTP/1.1\r\nX: a\nY: b\r\n\r\n'))).toBe(400);
    });

    test('another HTTP major version: 505', () => {
      expect(statusOf(Buffer.from('POST /kmip HTTP/2.0\r\nContent-Length: 0\r\n\r\n'))).toBe(505);
    });

    test('a head that never ends, or too many fields: 431, holding at most the head limit', () => {
      const d = new HttpRequestDecoder({ maxBodyBytes: MAX });
      d.push(Buffer.from('POST /kmip HTTP/1.1\r\n'));
      let status = 0;
      try {
        for (let i = 0; i < 100; i++) d.push(Buffer.from(`X-Filler-${i}: ${'y'.repeat(400)}\r\n`));
      } catch (err) {
        status = (err as HttpFramingError).status;
      }
      expect(status).toBe(431);
      const fields = Array.from({ length: 101 }, (_, i) => `X-${i}: 1`).join('\r\n');
      expect(statusOf(Buffer.from(`POST /kmip HTTP/1.1\r\n${fields}\r\nContent-Length: 0\r\n\r\n`))).toBe(431);
      expect(MAX_HEAD_BYTES).toBeLessThanOrEqual(64 * 1024);
    });

    test('after a refusal the decoder takes nothing more', () => {
      const d = new HttpRequestDecoder({ maxBodyBytes: MAX });
      expect(() => d.push(Buffer.from('BREW /pot HTCPCP/1.0\r\n\r\n'))).toThrow(HttpFramingError);
      expect(d.push(post('fine'))).toEqual([]);
    });
  });
});
