/**
 * The client side of KMIP over HTTPS: requests as POSTs in each encoding, answers back to TTLV frames in
 * any split, 1xx skipped, refusals as HttpStatusError, malformed answers refused.
 */
import { HttpResponseDecoder, HttpStatusError, httpRequestBytes } from '../../../src/client/http-framing';
import { decodeTtlv, encodeTtlv, parseKmipJson, parseKmipXmlItem, toKmipJson, toKmipXmlItem } from '../../../src/ttlv';

const RESPONSE_XML = `<ResponseMessage><ResponseHeader><ProtocolVersion><ProtocolVersionMajor type="Integer" value="2"/><ProtocolVersionMinor type="Integer" value="1"/></ProtocolVersion><TimeStamp type="DateTime" value="2026-11-26T10:00:00+00:00"/><BatchCount type="Integer" value="1"/></ResponseHeader><BatchItem><Operation type="Enumeration" value="Get"/><ResultStatus type="Enumeration" value="Success"/><ResponsePayload><ObjectType type="Enumeration" value="SymmetricKey"/><UniqueIdentifier type="TextString" value="k1"/><SymmetricKey><KeyBlock><KeyFormatType type="Enumeration" value="Raw"/><KeyValue><KeyMaterial type="ByteString" value="00112233445566778899aabbccddeeff"/></KeyValue><CryptographicAlgorithm type="Enumeration" value="AES"/><CryptographicLength type="Integer" value="128"/></KeyBlock></SymmetricKey></ResponsePayload></BatchItem></ResponseMessage>`;
const REQUEST_XML = `<RequestMessage><RequestHeader><ProtocolVersion><ProtocolVersionMajor type="Integer" value="1"/><ProtocolVersionMinor type="Integer" value="4"/></ProtocolVersion><BatchCount type="Integer" value="1"/></RequestHeader><BatchItem><Operation type="Enumeration" value="Get"/><RequestPayload><UniqueIdentifier type="TextString" value="k1"/></RequestPayload></BatchItem></RequestMessage>`;

const frame = encodeTtlv(parseKmipXmlItem(RESPONSE_XML));

function answer(status: number, type: string, body: Buffer | string): Buffer {
  const b = typeof body === 'string' ? Buffer.from(body) : body;
  return Buffer.concat([Buffer.from(`HTTP/1.1 ${status} X\r\nContent-Type: ${type}\r\nContent-Length: ${b.length}\r\nCache-Control: no-cache\r\n\r\n`), b]);
}

describe('httpRequestBytes', () => {
  const req = encodeTtlv(parseKmipXmlItem(REQUEST_XML));
  const split = (b: Buffer) => {
    const end = b.indexOf('\r\n\r\n');
    return { head: b.subarray(0, end).toString('latin1'), body: b.subarray(end + 4) };
  };

  test.each([
    ['ttlv', 'application/octet-stream'],
    ['xml', 'text/xml'],
    ['json', 'application/json'],
  ] as const)('%s: a POST to /kmip whose body is the same message', (encoding, type) => {
    const { head, body } = split(httpRequestBytes(req, { encoding }, 'kms.example'));
    expect(head).toMatch(/^POST \/kmip HTTP\/1\.1\r\nHost: kms\.example\r\n/);
    expect(head).toContain(`\r\nContent-Type: ${type}\r\n`);
    expect(head).toContain(`\r\nContent-Length: ${body.length}\r\n`);
    expect(head).toContain('\r\nCache-Control: no-cache');
    const item = encoding === 'ttlv' ? decodeTtlv(body) : encoding === 'xml' ? parseKmipXmlItem(body.toString('utf8')) : parseKmipJson(body.toString('utf8'));
    expect(encodeTtlv(item).equals(req)).toBe(true);
  });

  test('another path', () => {
    expect(split(httpRequestBytes(req, { encoding: 'xml', path: '/k' }, 'h')).head).toMatch(/^POST \/k HTTP\/1\.1/);
  });
});

describe('HttpResponseDecoder', () => {
  test.each([
    ['ttlv', 'application/octet-stream', frame],
    ['xml', 'text/xml', Buffer.from(toKmipXmlItem(decodeTtlv(frame)))],
    ['json', 'application/json', Buffer.from(toKmipJson(decodeTtlv(frame)))],
  ] as const)('%s answers become the same TTLV frame, in any split, after a 100 Continue', (encoding, type, body) => {
    const stream = Buffer.concat([Buffer.from('HTTP/1.1 100 Continue\r\n\r\n'), answer(200, type, body), answer(200, `${type}; charset=utf-8`, body)]);
    for (const step of [1, 5, stream.length]) {
      const d = new HttpResponseDecoder(encoding, 1 << 20);
      const out: Array<Buffer | HttpStatusError> = [];
      for (let i = 0; i < stream.length; i += step) out.push(...d.push(stream.subarray(i, i + step)));
      expect(out).toHaveLength(2);
      for (const f of out) expect(Buffer.isBuffer(f) && f.equals(frame)).toBe(true);
    }
  });

  test('a refusal is an HttpStatusError for its request, and the next answer still decodes', () => {
    const d = new HttpResponseDecoder('xml', 1 << 20);
    const [refused, ok] = d.push(Buffer.concat([answer(415, 'text/plain', 'Content-Type must be ...'), answer(200, 'text/xml', RESPONSE_XML)]));
    expect(refused).toBeInstanceOf(HttpStatusError);
    expect((refused as HttpStatusError).status).toBe(415);
    expect((refused as HttpStatusError).message).toBe('HTTP 415: Content-Type must be ...');
    expect(Buffer.isBuffer(ok) && ok.equals(frame)).toBe(true);
  });

  test.each([
    ['not HTTP', Buffer.from([0x42, 0x00, 0x7b, 0x01, 0, 0, 0, 0, 0x0d, 0x0a, 0x0d, 0x0a])],
    ['no Content-Length', Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n')],
    ['chunked', Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc')],
    ['a body over the limit', Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 999999999\r\n\r\n')],
    ['another content type', answer(200, 'application/json', '{}')],
  ])('%s: refused', (_what, bytes) => {
    expect(() => new HttpResponseDecoder('xml', 1 << 20).push(bytes)).toThrow();
  });
});
