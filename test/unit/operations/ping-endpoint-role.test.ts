import { Tag, Operation, EndpointRole, ResultReason } from '../../../src/kmip';
import { T } from '../../../src/ttlv/item';
import { OPERATIONS } from '../../../src/operations';
import { makeEnv, run, reasonOf, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

test('Ping (2.1) answers an empty payload and is defined from 2.1 only', async () => {
  expect((await run(Operation.Ping, env.ctx(2, 1), [])).payload).toEqual([]);
  expect(OPERATIONS.get(Operation.Ping)?.since).toEqual({ major: 2, minor: 1 });
});

test('Set Endpoint Role: Server is accepted and echoed; Client is Feature Not Supported; none is Invalid Field', async () => {
  const ctx = env.ctx(2, 1);
  expect((await run(Operation.SetEndpointRole, ctx, [T.enum(Tag.EndpointRole, EndpointRole.Server)])).payload).toEqual([T.enum(Tag.EndpointRole, EndpointRole.Server)]);
  expect(await reasonOf(run(Operation.SetEndpointRole, ctx, [T.enum(Tag.EndpointRole, EndpointRole.Client)]))).toBe(ResultReason.FeatureNotSupported);
  expect(await reasonOf(run(Operation.SetEndpointRole, ctx, []))).toBe(ResultReason.InvalidField);
});
