/**
 * How the runner talks to the server: TTLV over mutual TLS (the project's client, the default), or KMIP
 * over HTTPS (Additional Message Encodings v1.0 §2) with the message in TTLV, KMIP XML or KMIP JSON, over
 * one persistent connection per file. Either way a request goes out as an item and comes back as one,
 * so the comparison does not depend on the encoding; with XML or JSON every vector also exercises both
 * text codecs, the client's and the server's, in each direction.
 */
import * as https from 'node:https';
import { KmipConnection } from '../../src/client/connection';
import { decodeTtlv } from '../../src/ttlv/binary-reader';
import { encodeTtlv } from '../../src/ttlv/binary-writer';
import type { TtlvItem } from '../../src/ttlv/item';
import { parseKmipJson, toKmipJson } from '../../src/ttlv/json';
import { parseKmipXmlItem } from '../../src/ttlv/xml-parse';
import { toKmipXmlItem } from '../../src/ttlv/xml-write';
import type { ServerEndpoint } from './types';

export type HttpEncoding = 'ttlv' | 'xml' | 'json';
export const HTTP_ENCODINGS: readonly HttpEncoding[] = ['ttlv', 'xml', 'json'];

const CONTENT_TYPE: Readonly<Record<HttpEncoding, string>> = { ttlv: 'application/octet-stream', xml: 'text/xml', json: 'application/json' };

export interface ChannelOptions {
  /** KMIP over HTTPS in this encoding; absent: TTLV over plain mutual TLS. */
  http?: HttpEncoding;
  /** Target of HTTPS requests (default /kmip). */
  httpPath?: string;
  requestTimeoutMs: number;
}

export interface Channel {
  /** Sends one request message; resolves with the raw answer (a transport failure rejects). */
  send(request: TtlvItem): Promise<Buffer>;
  /** The answer as an item (throws when it does not decode). */
  decode(reply: Buffer): TtlvItem;
  close(): Promise<void>;
}

export async function openChannel(endpoint: ServerEndpoint, opts: ChannelOptions): Promise<Channel> {
  if (opts.http) return new HttpsChannel(endpoint, opts.http, opts.httpPath ?? '/kmip', opts.requestTimeoutMs);
  const conn = await KmipConnection.connect({
    host: endpoint.host,
    port: endpoint.port,
    cert: endpoint.cert,
    key: endpoint.key,
    ca: endpoint.ca,
    servername: endpoint.servername,
    requestTimeoutMs: opts.requestTimeoutMs,
  });
  return {
    send: (request) => conn.request(encodeTtlv(request)),
    decode: (reply) => decodeTtlv(reply),
    close: () => conn.close(),
  };
}

class HttpsChannel implements Channel {
  private readonly agent: https.Agent;

  constructor(
    private readonly endpoint: ServerEndpoint,
    private readonly encoding: HttpEncoding,
    private readonly path: string,
    private readonly timeoutMs: number,
  ) {
    this.agent = new https.Agent({ keepAlive: true, maxSockets: 1 });
  }

  send(request: TtlvItem): Promise<Buffer> {
    const body = this.encode(request);
    return new Promise((resolve, reject) => {
      const req = https.request(
        {
          host: this.endpoint.host,
          port: this.endpoint.port,
          path: this.path,
          method: 'POST',
          agent: this.agent,
          cert: this.endpoint.cert,
          key: this.endpoint.key,
          ca: this.endpoint.ca,
          servername: this.endpoint.servername ?? this.endpoint.host,
          headers: { 'Content-Type': CONTENT_TYPE[this.encoding], 'Content-Length': body.length, 'Cache-Control': 'no-cache' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (d: Buffer) => chunks.push(d));
          res.on('error', reject);
          res.on('end', () => {
            const data = Buffer.concat(chunks);
            if (res.statusCode !== 200) {
              reject(new Error(`HTTP ${res.statusCode}: ${data.toString('utf8', 0, Math.min(data.length, 200)).trim()}`));
              return;
            }
            const type = (res.headers['content-type'] ?? '').split(';')[0].trim();
            if (type !== CONTENT_TYPE[this.encoding]) {
              reject(new Error(`answered with Content-Type "${type}", not ${CONTENT_TYPE[this.encoding]}`));
              return;
            }
            resolve(data);
          });
        },
      );
      req.setTimeout(this.timeoutMs, () => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  decode(reply: Buffer): TtlvItem {
    if (this.encoding === 'ttlv') return decodeTtlv(reply);
    const text = reply.toString('utf8');
    return this.encoding === 'xml' ? parseKmipXmlItem(text) : parseKmipJson(text);
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }

  private encode(request: TtlvItem): Buffer {
    if (this.encoding === 'ttlv') return encodeTtlv(request);
    return Buffer.from(this.encoding === 'xml' ? toKmipXmlItem(request, { indent: '' }) : toKmipJson(request), 'utf8');
  }
}
