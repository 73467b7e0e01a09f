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

test('Poll and Cancel handlers: a correlation value that reaches them (not held by the batch runner) is unknown', async () => {
  for (const op of [Operation.Poll, Operation.Cancel]) {
    expect(await reasonOf(run(op, env.ctx(2, 1), [acv]))).toBe(ResultReason.InvalidAsynchronousCorrelationValue);
    // 1.x has no such Result Reason: Item Not Found.
    expect(await reasonOf(run(op, env.ctx(1, 4), [acv]))).toBe(ResultReason.ItemNotFound);
    expect(await reasonOf(run(op, env.ctx(2, 1), []))).toBe(ResultReason.InvalidField);
    expect(OPERATIONS.get(op)?.since).toEqual({ major: 1, minor: 0 });
  }
});
