import { Tag, Operation, ResultReason, PKCS_11Function, PKCS_11ReturnCode } from '../../../src/kmip';
import { ItemType } from '../../../src/kmip/item-type';
import { T, child, type TtlvItem } from '../../../src/ttlv/item';
import { OPERATIONS } from '../../../src/operations';
import { blankPadded, encodeCkInfo, ckVersionOf, CONTEXT_IDLE_MS } from '../../../src/operations/pkcs11';
import { SERVER_VERSION } from '../../../src/operations/query';
import { makeEnv, run, reasonOf, payloadStruct, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

const fn = (f: number) => T.enum(Tag.PKCS_11Function, f);
const corr = (b: Buffer) => T.bytes(Tag.CorrelationValue, b);
const rvOf = (r: { payload: TtlvItem[] }) => (child(payloadStruct(r), Tag.PKCS_11ReturnCode) as { value: number } | undefined)?.value;
const bytesOf = (r: { payload: TtlvItem[] }, tag: number): Buffer | undefined => {
  const x = child(payloadStruct(r), tag);
  return x?.type === ItemType.ByteString ? x.value : undefined;
};

async function initialize(ctx = env.ctx(2, 1)): Promise<Buffer> {
  const r = await run(Operation.PKCS_11, ctx, [fn(PKCS_11Function.C_Initialize), T.bytes(Tag.PKCS_11InputParameters, Buffer.from([1]))]);
  expect(rvOf(r)).toBe(PKCS_11ReturnCode.OK);
  const c = bytesOf(r, Tag.CorrelationValue);
  expect(c).toBeDefined();
  return c!;
}

test('the PKCS#11 operation is in the dispatch table from KMIP 2.0', () => {
  expect(OPERATIONS.get(Operation.PKCS_11)?.since).toEqual({ major: 2, minor: 0 });
});

test('C_Initialize, C_GetInfo, C_Finalize: a context with its Correlation Value, Tumbler\'s CK_INFO, then closed', async () => {
  const ctx = env.ctx(2, 1);
  const c = await initialize(ctx);
  expect(c.length).toBe(16);

  const info = await run(Operation.PKCS_11, ctx, [fn(PKCS_11Function.C_GetInfo), corr(c)]);
  expect(rvOf(info)).toBe(PKCS_11ReturnCode.OK);
  expect(info.payload[0]).toEqual(fn(PKCS_11Function.C_GetInfo));
  const out = bytesOf(info, Tag.PKCS_11OutputParameters)!;
  expect(out.length).toBe(76);
  expect([out[0], out[1]]).toEqual([3, 0]);
  expect(out.subarray(2, 34).toString('utf8')).toBe('Tumbler'.padEnd(32, ' '));
  expect(out.subarray(34, 42).equals(Buffer.alloc(8))).toBe(true);
  expect(out.subarray(42, 74).toString('utf8').trimEnd()).toBe('Tumbler KMIP PKCS#11 interface');
  const v = ckVersionOf(SERVER_VERSION);
  expect([out[74], out[75]]).toEqual([v.major, v.minor]);

  const fin = await run(Operation.PKCS_11, ctx, [fn(PKCS_11Function.C_Finalize), corr(c)]);
  expect(rvOf(fin)).toBe(PKCS_11ReturnCode.OK);
  expect(child(payloadStruct(fin), Tag.CorrelationValue)).toBeUndefined();
  // Finalized: the context is gone.
  const again = await run(Operation.PKCS_11, ctx, [fn(PKCS_11Function.C_GetInfo), corr(c)]);
  expect(rvOf(again)).toBe(PKCS_11ReturnCode.CRYPTOKI_NOT_INITIALIZED);
  expect(bytesOf(again, Tag.PKCS_11OutputParameters)).toBeUndefined();
});

test('C_GetInfo without C_Initialize, or with another client\'s Correlation Value, is CKR_CRYPTOKI_NOT_INITIALIZED', async () => {
  const none = await run(Operation.PKCS_11, env.ctx(2, 1), [fn(PKCS_11Function.C_GetInfo)]);
  expect(rvOf(none)).toBe(PKCS_11ReturnCode.CRYPTOKI_NOT_INITIALIZED);
  const c = await initialize(env.ctx(2, 1));
  const bob = await run(Operation.PKCS_11, env.ctx(2, 1, { principal: 'bob' }), [fn(PKCS_11Function.C_GetInfo), corr(c)]);
  expect(rvOf(bob)).toBe(PKCS_11ReturnCode.CRYPTOKI_NOT_INITIALIZED);
  const bobFin = await run(Operation.PKCS_11, env.ctx(2, 1, { principal: 'bob' }), [fn(PKCS_11Function.C_Finalize), corr(c)]);
  expect(rvOf(bobFin)).toBe(PKCS_11ReturnCode.CRYPTOKI_NOT_INITIALIZED);
  // Alice's context survived Bob's attempt.
  expect(rvOf(await run(Operation.PKCS_11, env.ctx(2, 1), [fn(PKCS_11Function.C_GetInfo), corr(c)]))).toBe(PKCS_11ReturnCode.OK);
});

test('an idle context expires', async () => {
  const ctx = env.ctx(2, 1);
  const c = await initialize(ctx);
  env.clock.now = new Date(env.clock.now.getTime() + CONTEXT_IDLE_MS + 1000);
  expect(rvOf(await run(Operation.PKCS_11, ctx, [fn(PKCS_11Function.C_GetInfo), corr(c)]))).toBe(PKCS_11ReturnCode.CRYPTOKI_NOT_INITIALIZED);
});

test('C_Initialize inside an open context is CKR_CRYPTOKI_ALREADY_INITIALIZED', async () => {
  const ctx = env.ctx(2, 1);
  const c = await initialize(ctx);
  const r = await run(Operation.PKCS_11, ctx, [fn(PKCS_11Function.C_Initialize), corr(c)]);
  expect(rvOf(r)).toBe(PKCS_11ReturnCode.CRYPTOKI_ALREADY_INITIALIZED);
});

test('a defined function Tumbler does not offer answers CKR_FUNCTION_NOT_SUPPORTED and echoes the function', async () => {
  const ctx = env.ctx(2, 1);
  const c = await initialize(ctx);
  const r = await run(Operation.PKCS_11, ctx, [fn(PKCS_11Function.C_GetSlotList), corr(c)]);
  expect(r.payload[0]).toEqual(fn(PKCS_11Function.C_GetSlotList));
  expect(rvOf(r)).toBe(PKCS_11ReturnCode.FUNCTION_NOT_SUPPORTED);
});

test('KMIP errors: vendor or undefined function, other interface, missing function, bad types', async () => {
  const ctx = env.ctx(2, 1);
  expect(await reasonOf(run(Operation.PKCS_11, ctx, [T.int(Tag.PKCS_11Function, 0x8000_0001)]))).toBe(ResultReason.PKCS_11InvalidFunction);
  expect(await reasonOf(run(Operation.PKCS_11, ctx, [fn(0x7fff)]))).toBe(ResultReason.PKCS_11InvalidFunction);
  expect(await reasonOf(run(Operation.PKCS_11, ctx, [T.text(Tag.PKCS_11Interface, 'Vendor X'), fn(PKCS_11Function.C_Initialize)]))).toBe(
    ResultReason.PKCS_11InvalidInterface,
  );
  expect(await reasonOf(run(Operation.PKCS_11, ctx, []))).toBe(ResultReason.InvalidField);
  expect(await reasonOf(run(Operation.PKCS_11, ctx, [fn(PKCS_11Function.C_GetInfo), T.text(Tag.CorrelationValue, 'x')]))).toBe(ResultReason.InvalidField);
  expect(await reasonOf(run(Operation.PKCS_11, ctx, [fn(PKCS_11Function.C_Initialize), T.int(Tag.PKCS_11InputParameters, 1)]))).toBe(
    ResultReason.PKCS_11CodecError,
  );
});

test('the default interface name is accepted and echoed', async () => {
  const r = await run(Operation.PKCS_11, env.ctx(2, 1), [T.text(Tag.PKCS_11Interface, 'PKCS 11'), fn(PKCS_11Function.C_Initialize)]);
  expect(rvOf(r)).toBe(PKCS_11ReturnCode.OK);
  expect(r.payload[0]).toEqual(T.text(Tag.PKCS_11Interface, 'PKCS 11'));
});

test('CK_INFO encoding: the layout of the OASIS vector (PKCS11-M-1-21) round-trips', () => {
  const vendor = Buffer.from(
    '022854455354202020202020507479204c7464202020202020202020202020202020000000000000000054455354202020202020202020202020202020202020202020202020202020200100',
    'hex',
  );
  const mine = encodeCkInfo({
    cryptokiVersion: { major: 2, minor: 40 },
    manufacturerId: 'TEST      Pty Ltd',
    flags: 0n,
    libraryDescription: 'TEST',
    libraryVersion: { major: 1, minor: 0 },
  });
  expect(mine.toString('hex')).toBe(vendor.toString('hex'));
});

test('blank padding cuts long text at 32 bytes without splitting a UTF-8 character', () => {
  expect(blankPadded('ab', 4).toString('latin1')).toBe('ab  ');
  const cut = blankPadded('a'.repeat(31) + 'é', 32);
  expect(cut.length).toBe(32);
  expect(cut.toString('utf8')).toBe('a'.repeat(31) + ' ');
});
