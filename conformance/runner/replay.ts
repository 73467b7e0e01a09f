/**
 * Replays one vector file against a live server over mutual TLS with the project's own client
 * (src/client/connection.ts) and binary codec, or over KMIP over HTTPS in TTLV, XML or JSON
 * (channel.ts): each RequestMessage in order, each response decoded and compared (compare.ts). Stops at
 * the first failing pair: later pairs depend on it.
 */
import { openChannel, type Channel, type HttpEncoding } from './channel';
import { Tag } from '../../src/kmip/tags';
import { ItemType } from '../../src/kmip/item-type';
import { children, child, type TtlvItem } from '../../src/ttlv/item';
import { encodeTtlv } from '../../src/ttlv/binary-writer';
import { valueNamingOf } from '../../src/ttlv/xml-names';
import { formatTextValue } from '../../src/ttlv/xml-value-codec';
import { messageVersion, toKmipXmlItem } from '../../src/ttlv/xml-write';
import { compareResponse } from './compare';
import { Bindings, PlaceholderError } from './placeholders';
import type { FileFailure, ServerEndpoint } from './types';
import type { VectorFile, VectorPair } from './vector-file';

export interface ReplayOptions {
  /** Give up on a response after this long (default 30 s). */
  requestTimeoutMs?: number;
  /** Put the XML of the failing pair's request (as sent) and response (as received) in the failure. */
  showMessages?: boolean;
  /** Clock for $NOW (tests); default Date.now. */
  clock?: () => number;
  /** How long a repeated step (`# [REPEAT]`) may be sent again before its last difference counts (default 180 s). */
  repeatTimeoutMs?: number;
  /** Send the requests as KMIP over HTTPS in this encoding instead of TTLV over plain TLS. */
  http?: HttpEncoding;
}

/** TC_92 waits for a Deactivation Date two minutes after its Activation Date. */
const REPEAT_TIMEOUT_MS = 180_000;
const REPEAT_INTERVAL_MS = 1_000;

export interface ReplayOutcome {
  pairs: number;
  pairsPassed: number;
  failure?: FileFailure;
}

/** Names of the operations of a request's batch items, e.g. "Create,GetAttributes". */
export function operationsOf(request: TtlvItem): string {
  const v = messageVersion(request);
  return children(request, Tag.BatchItem)
    .map((bi) => {
      const op = child(bi, Tag.Operation);
      if (!op || op.type !== ItemType.Enumeration) return '?';
      try {
        return formatTextValue(op, valueNamingOf(Tag.Operation, undefined), v, 'xml');
      } catch {
        return String(op.value);
      }
    })
    .join(',');
}

/** State shared with other files replayed on the same server (a test sequence, sequences.ts). */
export interface SharedReplayState {
  /** Unique identifiers of objects the server generated; filled by this replay too. */
  serverGenerated: Set<string>;
}

export async function replayVector(vf: VectorFile, endpoint: ServerEndpoint, opts: ReplayOptions = {}, shared?: SharedReplayState): Promise<ReplayOutcome> {
  const pairs = vf.pairs.length;
  let conn: Channel;
  try {
    conn = await openChannel(endpoint, { http: opts.http, requestTimeoutMs: opts.requestTimeoutMs ?? 30_000 });
  } catch (err) {
    return { pairs, pairsPassed: 0, failure: { kind: 'transport', message: `cannot connect: ${(err as Error).message}` } };
  }
  const clock = opts.clock ?? (() => Math.floor(Date.now() / 1000));
  const bindings = new Bindings(clock(), clock, shared?.serverGenerated);
  let passed = 0;
  try {
    for (let k = 0; k < vf.pairs.length; k++) {
      const pair = vf.pairs[k];
      const deadline = Date.now() + (opts.repeatTimeoutMs ?? REPEAT_TIMEOUT_MS);
      for (;;) {
        const before = pair.repeat ? bindings.snapshot() : undefined;
        const failure = await exchange(conn, pair, k, bindings, vf.version, opts);
        if (!failure) break;
        // A repeated step (vector-file.ts) is sent again while the server's answer has not yet changed.
        if (!before || failure.kind !== 'mismatch' || Date.now() + REPEAT_INTERVAL_MS > deadline) {
          return { pairs, pairsPassed: passed, failure };
        }
        bindings.restore(before);
        await new Promise((r) => setTimeout(r, REPEAT_INTERVAL_MS));
      }
      passed++;
    }
  } finally {
    await conn.close().catch(() => undefined);
  }
  return { pairs, pairsPassed: passed };
}


/** Send one pair's request and compare the answer; undefined when it matches. */
async function exchange(conn: Channel, pair: VectorPair, k: number, bindings: Bindings, fileVersion: string, opts: ReplayOptions): Promise<FileFailure | undefined> {
  const { request, response } = pair;
  const at = { pairIndex: k, messageIndex: request.index, operation: operationsOf(request.item) };
  let sent: TtlvItem;
  try {
    sent = bindings.fillRequest(request.item, request.placeholders);
    encodeTtlv(sent);
  } catch (err) {
    const why = err instanceof PlaceholderError ? err.message : `cannot encode the request: ${(err as Error).message}`;
    return { kind: 'request', ...at, message: why };
  }
  let reply: Buffer;
  try {
    reply = await conn.send(sent);
  } catch (err) {
    return { kind: 'transport', ...at, message: `no response: ${(err as Error).message}` };
  }
  let actual: TtlvItem;
  try {
    actual = conn.decode(reply);
  } catch (err) {
    return { kind: 'decode', ...at, messageIndex: response.index, message: `response does not decode: ${(err as Error).message}` };
  }
  const difference = compareResponse({
    expected: response.item,
    placeholders: response.placeholders,
    actual,
    request: sent,
    bindings,
    version: messageVersion(response.item) ?? fileVersion,
  });
  if (!difference) return undefined;
  return {
    kind: 'mismatch',
    ...at,
    messageIndex: response.index,
    message: `${difference.path}: ${difference.reason}`,
    difference,
    ...(opts.showMessages ? { sentXml: toKmipXmlItem(sent), receivedXml: toKmipXmlItem(actual) } : {}),
  };
}
