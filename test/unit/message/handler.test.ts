/**
 * Message layer through handleRequest with fake operation handlers and the memory store.
 */
import { Tag } from '../../../src/kmip/tags';
import { AsynchronousIndicator, BatchErrorContinuationOption, CancellationResult, Operation, ResultReason, ResultStatus } from '../../../src/kmip/enums';
import { T, child, type TtlvItem } from '../../../src/ttlv/item';
import { encodeTtlv } from '../../../src/ttlv/binary-writer';
import { handleRequest } from '../../../src/message/handler';
import { AsyncRegistry, MAX_PENDING, PENDING_TTL_MS } from '../../../src/message/async-requests';
import type { OperationHandler } from '../../../src/operations/types';
import { NOW, PEER, allTags, fakeCreate, harness, parseResponse, request, requestItem } from './fixtures';

const ubi = (s: string) => Buffer.from(s, 'hex');

describe('response header', () => {
  it('is Protocol Version, Time Stamp, Batch Count in that order, in the request version', async () => {
    const h = harness();
    const res = parseResponse(await handleRequest(request({ version: [1, 2], items: [{ operation: Operation.Create }] }), PEER, h.deps));
    expect(res.headerFields).toEqual([Tag.ProtocolVersion, Tag.TimeStamp, Tag.BatchCount]);
    expect(res.version).toEqual([1, 2]);
    expect(res.batchCount).toBe(1);
    const ts = child(child(res.tree, Tag.ResponseHeader), Tag.TimeStamp)!;
    expect(ts.value).toBe(BigInt(NOW.getTime() / 1000));
  });

  it.each([
    [1, 0],
    [1, 1],
    [1, 3],
    [1, 4],
    [2, 0],
    [2, 1],
  ])('answers KMIP %i.%i in that version (versions may switch on one connection)', async (major, minor) => {
    const h = harness();
    const res = parseResponse(await handleRequest(request({ version: [major, minor], items: [{ operation: Operation.Create }] }), PEER, h.deps));
    expect(res.version).toEqual([major, minor]);
    expect(res.items[0].status).toBe(ResultStatus.Success);
  });

  it('never echoes the Client Correlation Value (request-only for client-to-server operations) and gates the Server Correlation Value by version', async () => {
    const h = harness();
    const hdr = [T.text(Tag.ClientCorrelationValue, 'cc-1'), T.text(Tag.ServerCorrelationValue, 'sc-1')];
    const r14 = parseResponse(await handleRequest(request({ version: [1, 4], header: hdr, items: [{ operation: Operation.Create }] }), PEER, h.deps));
    expect(r14.headerFields).toEqual([Tag.ProtocolVersion, Tag.TimeStamp, Tag.ServerCorrelationValue, Tag.BatchCount]);
    const r10 = parseResponse(await handleRequest(request({ version: [1, 0], header: hdr, items: [{ operation: Operation.Create }] }), PEER, h.deps));
    expect(r10.headerFields).toEqual([Tag.ProtocolVersion, Tag.TimeStamp, Tag.BatchCount]);
    expect(r10.items[0].status).toBe(ResultStatus.Success);
  });

  it('accepts header fields it ignores: Authentication, Batch Order Option, attestation, unknown tags', async () => {
    const h = harness();
    const header = [
      T.int(Tag.MaximumResponseSize, 65536),
      T.struct(Tag.Authentication, [
        T.struct(Tag.Credential, [T.enum(Tag.CredentialType, 1), T.struct(Tag.CredentialValue, [T.text(Tag.Username, 'u'), T.text(Tag.Password, 'p')])]),
      ]),
      T.bool(Tag.BatchOrderOption, true),
      T.bool(Tag.AttestationCapableIndicator, false),
      T.text(0x54ff01, 'vendor extension in header'),
      T.date(Tag.TimeStamp, 1n),
    ];
    const res = parseResponse(await handleRequest(request({ version: [1, 0], header, items: [{ operation: Operation.Create }] }), PEER, h.deps));
    expect(res.items[0].status).toBe(ResultStatus.Success);
  });
});

describe('request credentials (deps.authenticate)', () => {
  const cred = [
    T.struct(Tag.Authentication, [
      T.struct(Tag.Credential, [T.enum(Tag.CredentialType, 1), T.struct(Tag.CredentialValue, [T.text(Tag.Username, 'fred'), T.text(Tag.Password, 'pw')])]),
    ]),
  ];
  it('a refusal fails every item with Authentication Not Successful, and nothing runs', async () => {
    const h = harness();
    h.deps.authenticate = async () => ({ ok: false, message: 'credential not accepted' });
    const continueAll = T.enum(Tag.BatchErrorContinuationOption, BatchErrorContinuationOption.Continue);
    const res = parseResponse(await handleRequest(request({ header: [...cred, continueAll], items: [{ operation: Operation.Create }, { operation: Operation.Create }] }), PEER, h.deps));
    expect(res.items.map((i) => [i.status, i.reason])).toEqual([
      [ResultStatus.OperationFailed, ResultReason.AuthenticationNotSuccessful],
      [ResultStatus.OperationFailed, ResultReason.AuthenticationNotSuccessful],
    ]);
    expect(await h.store.locate({ filters: [] })).toEqual([]);
    expect(h.logs.some((l) => l.level === 'warn' && l.message === 'request credentials not accepted')).toBe(true);
  });
  it("a refusal's allowed operations still run, as the certificate's principal", async () => {
    const h = harness();
    h.deps.authenticate = () => ({ ok: false, message: 'no account credential', allows: new Set([Operation.DiscoverVersions]) });
    const continueAll = T.enum(Tag.BatchErrorContinuationOption, BatchErrorContinuationOption.Continue);
    const res = parseResponse(await handleRequest(request({ version: [1, 4], header: [continueAll], items: [{ operation: Operation.DiscoverVersions }, { operation: Operation.Create }] }), PEER, h.deps));
    expect(res.items.map((i) => [i.status, i.reason])).toEqual([
      [ResultStatus.Success, undefined],
      [ResultStatus.OperationFailed, ResultReason.AuthenticationNotSuccessful],
    ]);
  });
  it('an accepted credential makes the request act as the peer it returns; the credentials reach it', async () => {
    const h = harness();
    let seen: unknown;
    h.deps.authenticate = (creds, peer) => {
      seen = creds;
      return { ok: true, peer: { ...peer, principal: 'user:fred' } };
    };
    const res = parseResponse(await handleRequest(request({ header: cred, items: [{ operation: Operation.Create }] }), PEER, h.deps));
    const uid = child(res.items[0].payload, Tag.UniqueIdentifier)!.value as string;
    expect(h.store.get(uid)?.owner).toBe('user:fred');
    expect(seen).toEqual([{ type: 1, username: 'fred', password: 'pw' }]);
  });
});

describe('batch items', () => {
  it('echo Operation and the Unique Batch Item ID byte for byte, in order', async () => {
    const h = harness();
    const ids = [ubi('514c4b4301000000'), ubi('00'), ubi('0102030405060708090a0b0c0d0e0f10')];
    const res = parseResponse(
      await handleRequest(
        request({ header: [T.enum(Tag.BatchErrorContinuationOption, BatchErrorContinuationOption.Continue)], items: ids.map((u) => ({ operation: Operation.Create, ubi: u })) }),
        PEER,
        h.deps,
      ),
    );
    expect(res.batchCount).toBe(3);
    expect(res.items.map((i) => i.ubi)).toEqual(ids);
    expect(res.items.map((i) => i.operation)).toEqual([Operation.Create, Operation.Create, Operation.Create]);
    expect(res.items[0].fields).toEqual([Tag.Operation, Tag.UniqueBatchItemID, Tag.ResultStatus, Tag.ResponsePayload]);
  });

  it('carry the ID Placeholder from Create to a Get without Unique Identifier', async () => {
    const h = harness();
    const res = parseResponse(await handleRequest(request({ items: [{ operation: Operation.Create }, { operation: Operation.Get }] }), PEER, h.deps));
    const created = child(res.items[0].payload, Tag.UniqueIdentifier)!.value;
    expect(res.items[1].status).toBe(ResultStatus.Success);
    expect(child(res.items[1].payload, Tag.UniqueIdentifier)!.value).toBe(created);
  });

  it('tell each item whether an earlier item of the batch wrote (ctx.batchWrote), so a Locate does not split the batch', async () => {
    const seen: Array<boolean | undefined> = [];
    const probe: OperationHandler = {
      operation: Operation.Locate,
      since: { major: 1, minor: 0 },
      async handle(_p, ctx) {
        seen.push(ctx.batchWrote);
        return { payload: [] };
      },
    };
    const h = harness([fakeCreate, probe]);
    const items = [{ operation: Operation.Locate }, { operation: Operation.Locate }, { operation: Operation.Create }, { operation: Operation.Locate }];
    await handleRequest(request({ items }), PEER, h.deps);
    expect(seen).toEqual([undefined, undefined, true]);
    seen.length = 0;
    await handleRequest(request({ items: [{ operation: Operation.Locate }] }), PEER, h.deps);
    expect(seen).toEqual([undefined]); // a new request starts clean
  });

  it('does not share the ID Placeholder between requests', async () => {
    const h = harness();
    await handleRequest(request({ items: [{ operation: Operation.Create }] }), PEER, h.deps);
    const res = parseResponse(await handleRequest(request({ items: [{ operation: Operation.Get }] }), PEER, h.deps));
    expect(res.items[0].status).toBe(ResultStatus.OperationFailed);
    expect(res.items[0].reason).toBe(ResultReason.ItemNotFound);
  });
});

describe('Batch Error Continuation Option', () => {
  const items = [
    { operation: Operation.Create, ubi: ubi('01') },
    { operation: Operation.Get, ubi: ubi('02'), payload: [T.text(Tag.UniqueIdentifier, 'missing')] },
    { operation: Operation.Create, ubi: ubi('03') },
  ];

  it('Stop (default): the failed item is returned, later items are neither run nor returned', async () => {
    const h = harness();
    const res = parseResponse(await handleRequest(request({ items }), PEER, h.deps));
    expect(res.batchCount).toBe(2);
    expect(res.items.map((i) => i.status)).toEqual([ResultStatus.Success, ResultStatus.OperationFailed]);
    expect(res.items[1].reason).toBe(ResultReason.ItemNotFound);
    expect(res.items[1].ubi).toEqual(ubi('02'));
    expect(h.store.locate({ filters: [] })).toHaveLength(1);
  });

  it('Continue: every item runs and is returned', async () => {
    const h = harness();
    const header = [T.enum(Tag.BatchErrorContinuationOption, BatchErrorContinuationOption.Continue)];
    const res = parseResponse(await handleRequest(request({ header, items }), PEER, h.deps));
    expect(res.items.map((i) => i.status)).toEqual([ResultStatus.Success, ResultStatus.OperationFailed, ResultStatus.Success]);
    expect(h.store.locate({ filters: [] })).toHaveLength(2);
  });

  it('Undo: earlier items are rolled back and returned as Operation Undone; later items are not returned', async () => {
    const h = harness();
    const header = [T.enum(Tag.BatchErrorContinuationOption, BatchErrorContinuationOption.Undo)];
    const res = parseResponse(await handleRequest(request({ header, items }), PEER, h.deps));
    expect(res.items.map((i) => i.status)).toEqual([ResultStatus.OperationUndone, ResultStatus.OperationFailed]);
    expect(res.items[0].ubi).toEqual(ubi('01'));
    // The undone item keeps its Response Payload (what was done, then undone: KMIP 2.1 BL-M-2-21);
    // only the failed item has none.
    expect(child(res.items[0].payload!, Tag.UniqueIdentifier)).toBeDefined();
    expect(res.items[1].payload).toBeUndefined();
    expect(h.store.locate({ filters: [] })).toHaveLength(0);
  });

  it('Undo with no failure keeps every result', async () => {
    const h = harness();
    const header = [T.enum(Tag.BatchErrorContinuationOption, BatchErrorContinuationOption.Undo)];
    const res = parseResponse(await handleRequest(request({ header, items: [{ operation: Operation.Create }, { operation: Operation.Get }] }), PEER, h.deps));
    expect(res.items.map((i) => i.status)).toEqual([ResultStatus.Success, ResultStatus.Success]);
    expect(h.store.locate({ filters: [] })).toHaveLength(1);
  });
});

describe('OperationResult.release', () => {
  const secret = () => Buffer.from('00112233445566778899aabbccddeeff', 'hex');
  function leakyGet(seen: Buffer[]): OperationHandler {
    return {
      operation: Operation.Get,
      since: { major: 1, minor: 0 },
      async handle() {
        const key = secret();
        seen.push(key);
        return { payload: [T.bytes(Tag.KeyMaterial, key)], release: () => key.fill(0) };
      },
    };
  }

  it('is called after the response is encoded: the answer carries the key, the copy is zeroed', async () => {
    const seen: Buffer[] = [];
    const h = harness([leakyGet(seen)]);
    const out = await handleRequest(request({ items: [{ operation: Operation.Get }] }), PEER, h.deps);
    expect(out.includes(secret())).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0].equals(Buffer.alloc(16))).toBe(true);
  });

  it('is called when the item is replaced by Response Too Large', async () => {
    const seen: Buffer[] = [];
    const h = harness([leakyGet(seen)]);
    const header = [T.int(Tag.MaximumResponseSize, 120)];
    const res = parseResponse(await handleRequest(request({ header, items: [{ operation: Operation.Get }] }), PEER, h.deps));
    expect(res.items[0].reason).toBe(ResultReason.ResponseTooLarge);
    expect(seen[0].equals(Buffer.alloc(16))).toBe(true);
  });
});

describe('Maximum Response Size', () => {
  it('replaces an item that does not fit with Response Too Large and never sends a larger message', async () => {
    const h = harness();
    const max = 600;
    const buf = await handleRequest(request({ header: [T.int(Tag.MaximumResponseSize, max)], items: [{ operation: Operation.Query, ubi: ubi('aa') }] }), PEER, h.deps);
    expect(buf.length).toBeLessThanOrEqual(max);
    const res = parseResponse(buf);
    expect(res.items[0].status).toBe(ResultStatus.OperationFailed);
    expect(res.items[0].reason).toBe(ResultReason.ResponseTooLarge);
    expect(res.items[0].ubi).toEqual(ubi('aa'));
    expect(res.items[0].operation).toBe(Operation.Query);
  });

  it('lets a response through when it fits', async () => {
    const h = harness();
    const buf = await handleRequest(request({ header: [T.int(Tag.MaximumResponseSize, 4096)], items: [{ operation: Operation.Query }] }), PEER, h.deps);
    expect(buf.length).toBeLessThanOrEqual(4096);
    expect(parseResponse(buf).items[0].status).toBe(ResultStatus.Success);
  });

  it('counts the whole batch: with Continue, later small items still fit after a too-large one', async () => {
    const h = harness();
    const max = 700;
    const header = [T.int(Tag.MaximumResponseSize, max), T.enum(Tag.BatchErrorContinuationOption, BatchErrorContinuationOption.Continue)];
    const buf = await handleRequest(request({ header, items: [{ operation: Operation.Create }, { operation: Operation.Query }, { operation: Operation.Create }] }), PEER, h.deps);
    expect(buf.length).toBeLessThanOrEqual(max);
    const res = parseResponse(buf);
    expect(res.items.map((i) => i.reason)).toEqual([undefined, ResultReason.ResponseTooLarge, undefined]);
  });
});

describe('asynchronous Locate/Archive/Recover: Operation Pending, Poll, Cancel', () => {
  function withAsync() {
    const calls: string[] = [];
    const fakeLocate: OperationHandler = {
      operation: Operation.Locate,
      since: { major: 1, minor: 0 },
      async handle(_p, ctx) {
        expect(ctx.options.asynchronous).toBe(true); // Query's Asynchronous Capability reads this
        calls.push(ctx.principal);
        return { payload: [T.text(Tag.UniqueIdentifier, 'found-1')], idPlaceholder: 'found-1' };
      },
    };
    const h = harness([fakeLocate, fakeCreate]);
    const registry = new AsyncRegistry();
    h.deps.asyncRequests = registry;
    return { h, calls, registry };
  }
  const asyncTrue = [T.bool(Tag.AsynchronousIndicator, true)];
  const acvOf = (b: { tree: TtlvItem }) => child(child(b.tree, Tag.BatchItem)!, Tag.AsynchronousCorrelationValue)?.value as Buffer;
  const pollOrCancel = (op: number, cv: Buffer) => request({ version: [1, 1], items: [{ operation: op, ubi: ubi('aa'), payload: [T.bytes(Tag.AsynchronousCorrelationValue, cv)] }] });

  it('1.x True: Locate is answered Operation Pending and runs when polled; Poll answers as Locate', async () => {
    const { h, calls, registry } = withAsync();
    const pending = parseResponse(await handleRequest(request({ version: [1, 1], header: asyncTrue, items: [{ operation: Operation.Locate }] }), PEER, h.deps));
    expect(pending.items[0].status).toBe(ResultStatus.OperationPending);
    expect(pending.items[0].fields).toContain(Tag.AsynchronousCorrelationValue);
    expect(pending.items[0].payload).toBeUndefined();
    expect(calls).toHaveLength(0);
    const cv = acvOf(pending);
    const polled = parseResponse(await handleRequest(pollOrCancel(Operation.Poll, cv), PEER, h.deps));
    expect(polled.items[0]).toMatchObject({ operation: Operation.Locate, status: ResultStatus.Success, ubi: ubi('aa') });
    expect(child(polled.items[0].payload!, Tag.UniqueIdentifier)?.value).toBe('found-1');
    expect(calls).toEqual([PEER.principal]);
    expect(registry.size).toBe(0);
    // Polled once: the value is gone (no Poll handler in this harness: not a success).
    const again = parseResponse(await handleRequest(pollOrCancel(Operation.Poll, cv), PEER, h.deps));
    expect(again.items[0].status).toBe(ResultStatus.OperationFailed);
    expect(calls).toHaveLength(1);
  });

  it('Cancel before Poll: Canceled, and the operation never runs', async () => {
    const { h, calls } = withAsync();
    const cv = acvOf(parseResponse(await handleRequest(request({ version: [1, 1], header: asyncTrue, items: [{ operation: Operation.Locate }] }), PEER, h.deps)));
    const canceled = parseResponse(await handleRequest(pollOrCancel(Operation.Cancel, cv), PEER, h.deps));
    expect(canceled.items[0].status).toBe(ResultStatus.Success);
    expect(child(canceled.items[0].payload!, Tag.CancellationResult)?.value).toBe(CancellationResult.Canceled);
    expect(child(canceled.items[0].payload!, Tag.AsynchronousCorrelationValue)?.value).toEqual(cv);
    await handleRequest(pollOrCancel(Operation.Poll, cv), PEER, h.deps);
    expect(calls).toHaveLength(0);
  });

  it('another client cannot poll or cancel it', async () => {
    const { h, calls } = withAsync();
    const cv = acvOf(parseResponse(await handleRequest(request({ version: [1, 1], header: asyncTrue, items: [{ operation: Operation.Locate }] }), PEER, h.deps)));
    const other = { ...PEER, principal: 'someone-else' };
    expect(parseResponse(await handleRequest(pollOrCancel(Operation.Cancel, cv), other, h.deps)).items[0].status).toBe(ResultStatus.OperationFailed);
    expect(parseResponse(await handleRequest(pollOrCancel(Operation.Poll, cv), other, h.deps)).items[0].status).toBe(ResultStatus.OperationFailed);
    expect(calls).toHaveLength(0);
    expect(parseResponse(await handleRequest(pollOrCancel(Operation.Poll, cv), PEER, h.deps)).items[0].status).toBe(ResultStatus.Success);
  });

  it('only the storage operations go asynchronous; without the indicator, or without a registry, all is synchronous', async () => {
    const { h, calls } = withAsync();
    const create = parseResponse(await handleRequest(request({ version: [1, 1], header: asyncTrue, items: [{ operation: Operation.Create }] }), PEER, h.deps));
    expect(create.items[0].status).toBe(ResultStatus.Success);
    const sync = parseResponse(await handleRequest(request({ version: [1, 1], items: [{ operation: Operation.Locate }] }), PEER, h.deps));
    expect(sync.items[0].status).toBe(ResultStatus.Success);
    expect(calls).toHaveLength(1);
    const plain = harness();
    const noRegistry = parseResponse(await handleRequest(request({ version: [1, 1], header: asyncTrue, items: [{ operation: Operation.Create }] }), PEER, plain.deps));
    expect(noRegistry.items[0].status).toBe(ResultStatus.Success);
  });

  it('2.x Mandatory: Locate goes pending, Create (never asynchronous) fails with Feature Not Supported', async () => {
    const { h } = withAsync();
    const header = [T.enum(Tag.AsynchronousIndicator, AsynchronousIndicator.Mandatory)];
    const res = parseResponse(await handleRequest(request({ version: [2, 1], header, items: [{ operation: Operation.Locate }, { operation: Operation.Create }] }), PEER, h.deps));
    expect(res.items.map((i) => i.status)).toEqual([ResultStatus.OperationPending, ResultStatus.OperationFailed]);
    expect(res.items[1].reason).toBe(ResultReason.FeatureNotSupported);
  });

  it('Undo: a pending item of a failed batch is withdrawn and reported Operation Undone', async () => {
    const { h, registry, calls } = withAsync();
    const header = [...asyncTrue, T.enum(Tag.BatchErrorContinuationOption, BatchErrorContinuationOption.Undo)];
    const items = [{ operation: Operation.Locate }, { operation: Operation.Destroy }]; // Destroy: no handler here
    const res = parseResponse(await handleRequest(request({ version: [1, 1], header, items }), PEER, h.deps));
    expect(res.items.map((i) => i.status)).toEqual([ResultStatus.OperationUndone, ResultStatus.OperationFailed]);
    expect(res.items[0].fields).not.toContain(Tag.AsynchronousCorrelationValue);
    expect(registry.size).toBe(0);
    expect(calls).toHaveLength(0);
  });

  it('the registry is bounded in count and time', () => {
    let now = 0;
    const r = new AsyncRegistry(() => now);
    const item = { operation: Operation.Locate };
    const first = r.add({ item, version: { major: 1, minor: 1 }, principal: 'p', tenant: 't', idPlaceholder: undefined });
    for (let i = 1; i < MAX_PENDING + 5; i++) r.add({ item, version: { major: 1, minor: 1 }, principal: 'p', tenant: 't', idPlaceholder: undefined });
    expect(r.size).toBe(MAX_PENDING);
    expect(r.take(first, 'p', 't')).toBeUndefined(); // the oldest was forgotten
    now += PENDING_TTL_MS + 1;
    const young = r.add({ item, version: { major: 1, minor: 1 }, principal: 'p', tenant: 't', idPlaceholder: undefined });
    expect(r.size).toBe(1);
    expect(r.take(young, 'p', 't')?.item).toBe(item);
  });
});

describe('Asynchronous Indicator', () => {
  it('1.x True: the server chooses to answer synchronously (1.4 §6.7)', async () => {
    const h = harness();
    const res = parseResponse(await handleRequest(request({ version: [1, 4], header: [T.bool(Tag.AsynchronousIndicator, true)], items: [{ operation: Operation.Create }] }), PEER, h.deps));
    expect(res.items[0].status).toBe(ResultStatus.Success);
  });

  it('2.x Mandatory: Feature Not Supported with a message, nothing executed', async () => {
    const h = harness();
    const header = [T.enum(Tag.AsynchronousIndicator, AsynchronousIndicator.Mandatory)];
    const res = parseResponse(await handleRequest(request({ version: [2, 1], header, items: [{ operation: Operation.Create }] }), PEER, h.deps));
    expect(res.items[0].status).toBe(ResultStatus.OperationFailed);
    expect(res.items[0].reason).toBe(ResultReason.FeatureNotSupported);
    expect(res.items[0].message).toMatch(/asynchronous/i);
    expect(h.store.locate({ filters: [] })).toHaveLength(0);
  });
});

describe('errors', () => {
  it('KmipError keeps its reason in 2.x and is mapped in 1.x (Wrong Key Lifecycle State -> Permission Denied)', async () => {
    const h = harness();
    const r21 = parseResponse(await handleRequest(request({ version: [2, 1], items: [{ operation: Operation.Activate }] }), PEER, h.deps));
    expect(r21.items[0].reason).toBe(ResultReason.WrongKeyLifecycleState);
    expect(r21.items[0].message).toBe('object is not Pre-Active');
    const r12 = parseResponse(await handleRequest(request({ version: [1, 2], items: [{ operation: Operation.Activate }] }), PEER, h.deps));
    expect(r12.items[0].reason).toBe(ResultReason.PermissionDenied);
    expect(r12.items[0].status).toBe(ResultStatus.OperationFailed);
  });

  it('an unexpected exception is General Failure without internals, and is logged', async () => {
    const h = harness();
    const res = parseResponse(await handleRequest(request({ items: [{ operation: Operation.Destroy }] }), PEER, h.deps));
    expect(res.items[0].reason).toBe(ResultReason.GeneralFailure);
    expect(res.items[0].message).not.toMatch(/secret|sqlite/);
    expect(h.logs.some((l) => l.level === 'error')).toBe(true);
  });

  it('an operation missing from the table is Operation Not Supported', async () => {
    const h = harness();
    const res = parseResponse(await handleRequest(request({ items: [{ operation: Operation.Poll, ubi: ubi('0f') }] }), PEER, h.deps));
    expect(res.items[0].reason).toBe(ResultReason.OperationNotSupported);
    expect(res.items[0].operation).toBe(Operation.Poll);
    expect(res.items[0].ubi).toEqual(ubi('0f'));
  });

  it('an operation newer than the request version is Operation Not Supported (Discover Versions in 1.0)', async () => {
    const h = harness();
    const r10 = parseResponse(await handleRequest(request({ version: [1, 0], items: [{ operation: Operation.DiscoverVersions }] }), PEER, h.deps));
    expect(r10.items[0].reason).toBe(ResultReason.OperationNotSupported);
    expect(r10.items[0].operation).toBe(Operation.DiscoverVersions); // echoed even though 1.0 lacks it
    const r11 = parseResponse(await handleRequest(request({ version: [1, 1], items: [{ operation: Operation.DiscoverVersions }] }), PEER, h.deps));
    expect(r11.items[0].status).toBe(ResultStatus.Success);
  });

  it('a store that cannot make writes durable turns success into failure', async () => {
    const h = harness();
    h.deps.store = Object.assign(Object.create(h.store), { durable: () => Promise.reject(new Error('fsync failed')) });
    const res = parseResponse(await handleRequest(request({ items: [{ operation: Operation.Create }] }), PEER, h.deps));
    expect(res.items[0].status).toBe(ResultStatus.OperationFailed);
    expect(res.items[0].reason).toBe(ResultReason.GeneralFailure);
  });
});

describe('malformed requests get an Invalid Message answer, never silence', () => {
  const expectInvalid = (buf: Buffer, version: [number, number]) => {
    const res = parseResponse(buf);
    expect(res.version).toEqual(version);
    expect(res.items).toHaveLength(1);
    expect(res.items[0].operation).toBeUndefined();
    expect(res.items[0].fields[0]).toBe(Tag.ResultStatus);
    expect(res.items[0].status).toBe(ResultStatus.OperationFailed);
    expect(res.items[0].reason).toBe(ResultReason.InvalidMessage);
    return res;
  };

  it('random bytes: answered in 1.0', async () => {
    const h = harness();
    expectInvalid(await handleRequest(Buffer.from('hello, this is not TTLV at all'), PEER, h.deps), [1, 0]);
    expectInvalid(await handleRequest(Buffer.alloc(0), PEER, h.deps), [1, 0]);
  });

  it('a truncated message whose header is readable: answered in its version', async () => {
    const h = harness();
    const full = request({ version: [1, 2], items: [{ operation: Operation.Create }] });
    expectInvalid(await handleRequest(full.subarray(0, full.length - 8), PEER, h.deps), [1, 2]);
  });

  it('a Response Message sent as a request', async () => {
    const h = harness();
    const resp = await handleRequest(request({ items: [{ operation: Operation.Create }] }), PEER, h.deps);
    expectInvalid(await handleRequest(resp, PEER, h.deps), [1, 0]);
  });

  it('missing Batch Count, or a Batch Count that does not match', async () => {
    const h = harness();
    const noCount = requestItem({ version: [2, 0], items: [{ operation: Operation.Create }] });
    (child(noCount, Tag.RequestHeader) as { value: unknown[] }).value.pop();
    expectInvalid(await handleRequest(encodeTtlv(noCount), PEER, h.deps), [2, 0]);
    expectInvalid(await handleRequest(request({ version: [1, 1], batchCount: 2, items: [{ operation: Operation.Create }] }), PEER, h.deps), [1, 1]);
  });

  it('a header field twice', async () => {
    const h = harness();
    const dup = request({ version: [1, 4], header: [T.int(Tag.MaximumResponseSize, 1000), T.int(Tag.MaximumResponseSize, 2000)], items: [{ operation: Operation.Create }] });
    expectInvalid(await handleRequest(dup, PEER, h.deps), [1, 4]);
  });

  it('an unsupported major version: answered in the nearest supported version', async () => {
    const h = harness();
    expectInvalid(await handleRequest(request({ version: [3, 0], items: [{ operation: Operation.Create }] }), PEER, h.deps), [2, 1]);
    expectInvalid(await handleRequest(request({ version: [0, 9], items: [{ operation: Operation.Create }] }), PEER, h.deps), [1, 0]);
    expect(h.store.locate({ filters: [] })).toHaveLength(0);
  });

  it('a known major with a newer minor is processed as the highest minor we know', async () => {
    const h = harness();
    const res = parseResponse(await handleRequest(request({ version: [1, 7], items: [{ operation: Operation.Create }] }), PEER, h.deps));
    expect(res.version).toEqual([1, 4]);
    expect(res.items[0].status).toBe(ResultStatus.Success);
  });

  it('a broken batch item fails alone and keeps its UBI; good items still run with Continue', async () => {
    const h = harness();
    const msg = requestItem({
      header: [T.enum(Tag.BatchErrorContinuationOption, BatchErrorContinuationOption.Continue)],
      items: [{ operation: Operation.Create }, { operation: Operation.Create }],
    });
    const bad = (msg.value as TtlvItem[])[2] as { value: unknown[] };
    bad.value = [T.bytes(Tag.UniqueBatchItemID, ubi('beef')), T.enum(Tag.Operation, Operation.Create)]; // no Request Payload
    const res = parseResponse(await handleRequest(encodeTtlv(msg), PEER, h.deps));
    expect(res.items.map((i) => i.status)).toEqual([ResultStatus.Success, ResultStatus.OperationFailed]);
    expect(res.items[1].reason).toBe(ResultReason.InvalidMessage);
    expect(res.items[1].ubi).toEqual(ubi('beef'));
    expect(res.items[1].operation).toBe(Operation.Create);
  });

  it('a critical Message Extension fails the item with Feature Not Supported', async () => {
    const h = harness();
    const msg = requestItem({ items: [{ operation: Operation.Create }] });
    ((msg.value as TtlvItem[])[1] as { value: unknown[] }).value.push(
      T.struct(Tag.MessageExtension, [T.text(Tag.VendorIdentification, 'acme'), T.bool(Tag.CriticalityIndicator, true), T.struct(Tag.VendorExtension, [])]),
    );
    const res = parseResponse(await handleRequest(encodeTtlv(msg), PEER, h.deps));
    expect(res.items[0].reason).toBe(ResultReason.FeatureNotSupported);
  });
});

describe('version gating of the whole answer', () => {
  it('a 1.0 answer carries no tag that 1.0 does not define, and no attribute 1.0 does not define', async () => {
    const h = harness();
    const res = parseResponse(await handleRequest(request({ version: [1, 0], items: [{ operation: Operation.Check }] }), PEER, h.deps));
    const tags = allTags(res.tree);
    expect(tags).not.toContain(Tag.Attributes);
    expect(tags).not.toContain(Tag.OriginalCreationDate);
    expect(tags).not.toContain(Tag.Fresh);
    const names = JSON.stringify(res.items[0].payload, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    expect(names).not.toContain('"Fresh"');
    expect(names).not.toContain('Original Creation Date');
    expect(names).toContain('Initial Date');
    expect(names).toContain('x-Vendor');
  });

  it('a 2.0 answer keeps what 2.0 defines', async () => {
    const h = harness();
    const res = parseResponse(await handleRequest(request({ version: [2, 0], items: [{ operation: Operation.Check }] }), PEER, h.deps));
    const tags = allTags(res.tree);
    expect(tags).toContain(Tag.Attributes);
    expect(tags).toContain(Tag.Fresh);
    expect(tags).toContain(Tag.OriginalCreationDate);
  });
});
