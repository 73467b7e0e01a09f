import { Tag, Operation, ResultReason } from '../../../src/kmip';
import { T } from '../../../src/ttlv/item';
import { OPERATIONS } from '../../../src/operations';
import { makeEnv, run, reasonOf, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

const acv = T.bytes(Tag.AsynchronousCorrelationValue, Buffer.from('0102', 'hex'));

test('Poll and Cancel: nothing is ever outstanding (synchronous server), so any correlation value is unknown', async () => {
  for (const op of [Operation.Poll, Operation.Cancel]) {
    expect(await reasonOf(run(op, env.ctx(2, 1), [acv]))).toBe(ResultReason.InvalidAsynchronousCorrelationValue);
    // 1.x has no such Result Reason: Item Not Found.
    expect(await reasonOf(run(op, env.ctx(1, 4), [acv]))).toBe(ResultReason.ItemNotFound);
    expect(await reasonOf(run(op, env.ctx(2, 1), []))).toBe(ResultReason.InvalidField);
    expect(OPERATIONS.get(op)?.since).toEqual({ major: 1, minor: 0 });
  }
});

test('Query Asynchronous Requests (2.1) reports none; malformed filters are refused', async () => {
  const ctx = env.ctx(2, 1);
  expect((await run(Operation.QueryAsynchronousRequests, ctx, [])).payload).toEqual([]);
  expect((await run(Operation.QueryAsynchronousRequests, ctx, [T.struct(Tag.AsynchronousCorrelationValues, [acv]), T.struct(Tag.Operations, [T.enum(Tag.Operation, Operation.Locate)])])).payload).toEqual([]);
  expect(await reasonOf(run(Operation.QueryAsynchronousRequests, ctx, [T.struct(Tag.AsynchronousCorrelationValues, [T.text(Tag.AsynchronousCorrelationValue, 'x')])]))).toBe(ResultReason.InvalidField);
  expect(await reasonOf(run(Operation.QueryAsynchronousRequests, ctx, [T.struct(Tag.Operations, [T.int(Tag.Operation, 1)])]))).toBe(ResultReason.InvalidField);
});
