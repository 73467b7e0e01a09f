/**
 * The batch runner with an audit hook (in-memory store, software crypto): one record per item with the
 * item's facts, and fail closed: an item whose record cannot be written is undone and answers General
 * Failure; Undo still rolls back every earlier item through the per-item journals.
 */
import { BatchErrorContinuationOption, ObjectType, Operation, ResultReason, ResultStatus, CryptographicAlgorithm, Tag } from '../../../src/kmip';
import { T } from '../../../src/ttlv/item';
import { runBatch, type BatchDeps } from '../../../src/message/batch-runner';
import type { RequestBatchItem, RequestMessage } from '../../../src/message/request';
import { OPERATIONS } from '../../../src/operations';
import type { ItemAuditFacts } from '../../../src/audit';
import { makeEnv, attr1, type Env } from '../operations/helpers';

let env: Env;
beforeEach(() => (env = makeEnv()));
afterEach(() => env.close());

const create = (name: string): RequestBatchItem => ({
  operation: Operation.Create,
  payload: T.struct(Tag.RequestPayload, [
    T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
    T.struct(Tag.TemplateAttribute, [
      attr1('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.AES), 0),
      attr1('Cryptographic Length', T.int(0, 128), 0),
      attr1('Name', T.struct(0, [T.text(Tag.NameValue, name), T.enum(Tag.NameType, 1)]), 0),
    ]),
  ]),
});
const get = (uid: string): RequestBatchItem => ({ operation: Operation.Get, payload: T.struct(Tag.RequestPayload, [T.text(Tag.UniqueIdentifier, uid)]) });
const activate = (): RequestBatchItem => ({ operation: Operation.Activate, payload: T.struct(Tag.RequestPayload, []) });

function deps(audit: (f: ItemAuditFacts) => void): BatchDeps {
  return {
    operations: OPERATIONS,
    store: env.store,
    crypto: env.crypto,
    optionsFor: () => ({ activateOnCreate: false, vendorIdentification: 'Tumbler', serverInformation: 't' }),
    now: () => env.clock.now,
    audit,
  };
}

const msg = (items: RequestBatchItem[], option?: number): RequestMessage => ({
  header: { protocolVersion: { major: 1, minor: 4 }, batchCount: items.length, batchErrorContinuationOption: option },
  batchItems: items,
});
const peer = { principal: 'alice', tenant: '', remoteAddress: '10.1.2.3', fingerprint: 'ab'.repeat(32) };
const count = () => env.store.count({ filters: [] });

test('one record per item, with principal, certificate, address, version, operation, objects and result', async () => {
  const seen: ItemAuditFacts[] = [];
  const out = await runBatch(msg([create('a'), activate(), get('nope')], BatchErrorContinuationOption.Continue), { major: 1, minor: 4 }, peer, deps((f) => seen.push(f)));
  expect(out.map((o) => o.resultStatus)).toEqual([ResultStatus.Success, ResultStatus.Success, ResultStatus.OperationFailed]);
  expect(seen.map((f) => [f.operation, f.resultStatus, f.resultReason])).toEqual([
    [Operation.Create, ResultStatus.Success, undefined],
    [Operation.Activate, ResultStatus.Success, undefined],
    [Operation.Get, ResultStatus.OperationFailed, ResultReason.ItemNotFound],
  ]);
  expect(seen[0]).toMatchObject({ principal: 'alice', fingerprint: 'ab'.repeat(32), remoteAddress: '10.1.2.3', version: { major: 1, minor: 4 } });
  // Activate named no object: the ID Placeholder (the key just created) is recorded.
  expect(seen[1].placeholder).toBeDefined();
});

test('fail closed: the item whose record fails is undone and answers General Failure; the others stand', async () => {
  let n = 0;
  const out = await runBatch(
    msg([create('kept'), create('refused'), create('kept2')], BatchErrorContinuationOption.Continue),
    { major: 1, minor: 4 },
    peer,
    deps(() => {
      if (++n === 2) throw new Error('disk full');
    }),
  );
  expect(out.map((o) => [o.resultStatus, o.resultReason])).toEqual([
    [ResultStatus.Success, undefined],
    [ResultStatus.OperationFailed, ResultReason.GeneralFailure],
    [ResultStatus.Success, undefined],
  ]);
  expect(out[1].payload).toBeUndefined();
  expect(count()).toBe(2);
});

test('fail closed under Undo: a failed record undoes the whole batch', async () => {
  let n = 0;
  const out = await runBatch(
    msg([create('x'), activate(), create('y')], BatchErrorContinuationOption.Undo),
    { major: 1, minor: 4 },
    peer,
    deps(() => {
      if (++n === 3) throw new Error('audit table read-only');
    }),
  );
  expect(out.map((o) => o.resultStatus)).toEqual([ResultStatus.OperationUndone, ResultStatus.OperationUndone, ResultStatus.OperationFailed]);
  expect(count()).toBe(0);
});
