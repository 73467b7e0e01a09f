/**
 * handleRequest: bytes of one request in, bytes of one response out. This is the function the
 * transport is handed. It never throws and never leaves a request unanswered: a frame that does not
 * decode, or a message that is not a usable Request Message, is answered with a Response Message
 * holding one batch item without Operation, Operation Failed / Invalid Message (1.4 Table 327
 * "Message cannot be parsed" and "Protocol major version mismatch").
 *
 * Version of an error answer: the request's own version when it can be read (from the decoded header,
 * or sniffed from the fixed offsets of the raw bytes); for a major we do not speak, the nearest one we
 * do (see version.ts); when nothing is readable, 1.0 (FALLBACK_VERSION), the shape every client parses.
 *
 * Nothing is acknowledged before it is durable: the answer waits for store.durable().
 */
import { ResultReason, ResultStatus } from '../kmip/enums';
import { decodeTtlv } from '../ttlv/binary-reader';
import { encodeTtlv, encodedTtlvSize } from '../ttlv/binary-writer';
import type { TtlvLimits } from '../ttlv/limits';
import type { TtlvItem } from '../ttlv/item';
import { runBatch, type BatchDeps, type MessageLogger, type MessagePeer } from './batch-runner';
import { decodeRequestMessage, RequestDecodeError, sniffProtocolVersion, type Credential, type RequestMessage } from './request';
import { KmipError } from './errors';
import { responseHeaderItem, responseMessageItem, toKmipTime, type ResponseBatchItem, type ResponseMessage } from './response';
import { gateItem, type GateReport } from './version-gate';
import { FALLBACK_VERSION, negotiateVersion, type ProtocolVersion } from './version';

/** The outcome of checking a request's Authentication (src/auth/credentials.ts). */
export type Authenticated = { ok: true; peer: MessagePeer } | { ok: false; message: string; reason?: number; allows?: ReadonlySet<number> };

export interface MessageDeps extends BatchDeps {
  limits?: Partial<TtlvLimits>;
  /**
   * Checks the request header's credentials for the certificate's peer: the peer the request acts as, or a
   * refusal (every batch item then fails with Authentication Not Successful). Absent: credentials are ignored.
   */
  authenticate?(credentials: Credential[] | undefined, peer: MessagePeer): Authenticated | Promise<Authenticated>;
}

/** Size of the Response Message envelope (tag, type, length). */
const ENVELOPE = 8;

function answerVersion(v: ProtocolVersion | undefined): ProtocolVersion {
  if (!v) return FALLBACK_VERSION;
  const n = negotiateVersion(v);
  return n.ok ? n.version : n.answerIn;
}

/** Encode a response message in `version`, passing it through the version gate. */
export function encodeResponse(msg: ResponseMessage, logger?: MessageLogger): Buffer {
  const report: GateReport = { removed: [] };
  const gated = gateItem(responseMessageItem(msg), msg.header.protocolVersion, report);
  if (report.removed.length > 0) {
    // An operation produced something its version does not define: worth fixing at the source.
    logger?.debug('version gate removed fields from a response', {
      version: `${msg.header.protocolVersion.major}.${msg.header.protocolVersion.minor}`,
      tags: report.removed.map((t) => '0x' + t.toString(16)),
    });
  }
  return encodeTtlv(gated as TtlvItem);
}

/** A whole-message failure: one batch item without Operation (1.4 Table 327). */
export function invalidMessageResponse(version: ProtocolVersion, message: string, now: Date, reason: number = ResultReason.InvalidMessage): Buffer {
  return encodeResponse({
    header: { protocolVersion: version, timeStamp: toKmipTime(now) },
    batchItems: [{ resultStatus: ResultStatus.OperationFailed, resultReason: reason, resultMessage: message }],
  });
}

/** The answer to one request frame. Never throws. */
export async function handleRequest(frame: Buffer, peer: MessagePeer, deps: MessageDeps): Promise<Buffer> {
  try {
    return await handle(frame, peer, deps);
  } catch (err) {
    // Last line of defence: a bug above must still produce an answer, not a dropped connection.
    deps.logger?.error('request handling failed unexpectedly', { error: err, peer: peer.principal });
    return invalidMessageResponse(answerVersion(sniffProtocolVersion(frame)), 'internal server error', deps.now(), ResultReason.GeneralFailure);
  }
}

async function handle(frame: Buffer, peer: MessagePeer, deps: MessageDeps): Promise<Buffer> {
  let req: RequestMessage;
  try {
    req = decodeRequestMessage(decodeTtlv(frame, deps.limits));
  } catch (err) {
    const known = err instanceof RequestDecodeError ? err.version : undefined;
    const version = answerVersion(known ?? sniffProtocolVersion(frame));
    const what = err instanceof Error ? err.message : 'unreadable message';
    deps.logger?.warn('request could not be parsed', { peer: peer.principal, reason: what });
    return invalidMessageResponse(version, `request message could not be parsed: ${what}`, deps.now());
  }

  const negotiated = negotiateVersion(req.header.protocolVersion);
  if (!negotiated.ok) {
    const v = req.header.protocolVersion;
    return invalidMessageResponse(negotiated.answerIn, `protocol version ${v.major}.${v.minor} is not supported (major versions 1 and 2 are)`, deps.now());
  }
  const version = negotiated.version;
  if (req.header.clientCorrelationValue !== undefined) {
    deps.logger?.debug('client correlation value', { peer: peer.principal, clientCorrelationValue: req.header.clientCorrelationValue });
  }

  const header = {
    protocolVersion: version,
    timeStamp: toKmipTime(deps.now()),
    // Client Correlation Value is not echoed: for client-to-server operations it travels in the request
    // only (KMIP 1.4 §6.18, 2.1 §9.9); the server logs it instead.
    serverCorrelationValue: req.header.serverCorrelationValue,
  };
  let budget: number | undefined;
  if (req.header.maximumResponseSize !== undefined) {
    const headerItem = gateItem(responseHeaderItem(header, req.batchItems.length), version)!;
    budget = req.header.maximumResponseSize - ENVELOPE - encodedTtlvSize(headerItem);
  }

  let actor = peer;
  if (deps.authenticate) {
    const pending = deps.authenticate(req.header.authentication, peer);
    // Requests without credentials are answered synchronously: no extra turn per request.
    const a = pending instanceof Promise ? await pending : pending;
    if (a.ok) actor = a.peer;
    else {
      // Each item fails (and is audited) as the certificate's principal, except the ones the refusal allows.
      deps.logger?.warn('request credentials not accepted', { peer: peer.principal, reason: a.message });
      const refused = new KmipError(a.reason ?? ResultReason.AuthenticationNotSuccessful, a.message);
      for (const item of req.batchItems) if (item.operation === undefined || !a.allows?.has(item.operation)) item.error ??= refused;
    }
  }

  // Writes made from here on (ours or others') must be durable before answering; see finish().
  const mark = deps.store.writeMark();
  const produced: ResponseBatchItem[] = await runBatch(req, version, actor, deps, { bytes: budget });
  try {
    return await finish(header, produced, deps, mark);
  } finally {
    // Key material copies in payloads (Get) are zeroed once encoded, or dropped (OperationResult.release).
    for (const b of produced) b.release?.();
  }
}

/**
 * Wait until the batch's writes (and every other change it may have seen) are durable, then encode the
 * answer. settled() is durable() except for the audit records of reads: those are committed, not yet
 * fsynced, when the answer leaves (store port; `audit.durableReads` makes them wait for the flush too).
 */
async function finish(header: ResponseMessage['header'], produced: ResponseBatchItem[], deps: MessageDeps, mark: number): Promise<Buffer> {
  let items = produced;
  try {
    // With the mark, a group commit that failed while this request was running fails it too: it may have
    // read what that group wrote.
    await deps.store.settled(mark);
  } catch (err) {
    // Writes were not made durable: no success may be acknowledged.
    deps.logger?.error('store could not make the batch durable', { error: err });
    items = items.map((b) =>
      b.resultStatus === ResultStatus.Success
        ? { operation: b.operation, uniqueBatchItemId: b.uniqueBatchItemId, resultStatus: ResultStatus.OperationFailed, resultReason: ResultReason.GeneralFailure, resultMessage: 'the result could not be stored durably' }
        : b,
    );
  }
  return encodeResponse({ header, batchItems: items }, deps.logger);
}
