/**
 * How the runner talks to the server: TTLV over mutual TLS (the default), or KMIP over HTTPS
 * (Additional Message Encodings v1.0 §2) with the message in TTLV, KMIP XML or KMIP JSON, over one
 * persistent connection per file. Both go through the project's client (src/client/connection.ts and,
 * for HTTPS, src/client/http-framing.ts), so a request goes out as an item and comes back as one and the
 * comparison does not depend on the encoding; with XML or JSON every vector also exercises both text
 * codecs, the client's and the server's, in each direction.
 */
import { KmipConnection } from '../../src/client/connection';
import { HTTP_BODY_ENCODINGS, type HttpBodyEncoding } from '../../src/client/http-framing';
import { decodeTtlv } from '../../src/ttlv/binary-reader';
import { encodeTtlv } from '../../src/ttlv/binary-writer';
import type { TtlvItem } from '../../src/ttlv/item';
import type { ServerEndpoint } from './types';

export type HttpEncoding = HttpBodyEncoding;
export const HTTP_ENCODINGS = HTTP_BODY_ENCODINGS;

export interface ChannelOptions {
  /** KMIP over HTTPS in this encoding; absent: TTLV over plain mutual TLS. */
  http?: HttpEncoding;
  /** Target of HTTPS requests (default /kmip). */
  httpPath?: string;
  requestTimeoutMs: number;
}

export interface Channel {
  /** Sends one request message; resolves with the raw TTLV answer (a transport failure or an HTTP refusal rejects). */
  send(request: TtlvItem): Promise<Buffer>;
  /** The answer as an item (throws when it does not decode). */
  decode(reply: Buffer): TtlvItem;
  close(): Promise<void>;
}

export async function openChannel(endpoint: ServerEndpoint, opts: ChannelOptions): Promise<Channel> {
  const conn = await KmipConnection.connect({
    host: endpoint.host,
    port: endpoint.port,
    cert: endpoint.cert,
    key: endpoint.key,
    ca: endpoint.ca,
    servername: endpoint.servername,
    requestTimeoutMs: opts.requestTimeoutMs,
    http: opts.http ? { encoding: opts.http, path: opts.httpPath } : undefined,
  });
  return {
    send: (request) => conn.request(encodeTtlv(request)),
    decode: (reply) => decodeTtlv(reply),
    close: () => conn.close(),
  };
}
