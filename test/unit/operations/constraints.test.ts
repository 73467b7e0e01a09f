import { Tag, Operation, ObjectType, CryptographicAlgorithm, ResultReason } from '../../../src/kmip';
import { T, type TtlvItem } from '../../../src/ttlv/item';
import { makeEnv, run, reasonOf, uidOf, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

/** The constraints of TC-MD-24-21: AES-256 for Symmetric Keys in Group1, AES-192 for other Symmetric Keys. */
const CONSTRAINTS = T.struct(Tag.Constraints, [
  T.struct(Tag.Constraint, [
    T.struct(Tag.ObjectTypes, [T.enum(Tag.ObjectType, ObjectType.SymmetricKey)]),
    T.struct(Tag.ObjectGroups, [T.text(Tag.ObjectGroup, 'Group1')]),
    T.struct(Tag.Attributes, [T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES), T.int(Tag.CryptographicLength, 256)]),
  ]),
  T.struct(Tag.Constraint, [
    T.struct(Tag.ObjectTypes, [T.enum(Tag.ObjectType, ObjectType.SymmetricKey)]),
    T.struct(Tag.Attributes, [T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES), T.int(Tag.CryptographicLength, 192)]),
  ]),
]);

const createAes = (length: number, group?: string) =>
  run(Operation.Create, env.ctx(2, 1), [
    T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
    T.struct(Tag.Attributes, [
      T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
      T.int(Tag.CryptographicLength, length),
      ...(group ? [T.text(Tag.ObjectGroup, group)] : []),
    ] as TtlvItem[]),
  ]);

test('TC-MD-24-21: Set Constraints, Get Constraints returns them as set, an empty Set Constraints clears them', async () => {
  const ctx = env.ctx(2, 1);
  expect((await run(Operation.GetConstraints, ctx, [])).payload).toEqual([T.struct(Tag.Constraints, [])]);
  expect((await run(Operation.SetConstraints, ctx, [CONSTRAINTS])).payload).toEqual([]);
  expect((await run(Operation.GetConstraints, ctx, [])).payload).toEqual([CONSTRAINTS]);
  // Another tenant has its own (none).
  expect((await run(Operation.GetConstraints, env.ctx(2, 1, { tenant: 'other' }), [])).payload).toEqual([T.struct(Tag.Constraints, [])]);
  await run(Operation.SetConstraints, ctx, []);
  expect((await run(Operation.GetConstraints, ctx, [])).payload).toEqual([T.struct(Tag.Constraints, [])]);
});

test('new objects must meet the constraints: group-specific ones first, Constraint Violation otherwise', async () => {
  await run(Operation.SetConstraints, env.ctx(2, 1), [CONSTRAINTS]);
  expect(uidOf(await createAes(256, 'Group1'))).toBeTruthy();
  expect(await reasonOf(createAes(192, 'Group1'))).toBe(ResultReason.ConstraintViolation);
  expect(uidOf(await createAes(192))).toBeTruthy();
  expect(await reasonOf(createAes(128))).toBe(ResultReason.ConstraintViolation);
  expect(env.store.count({ filters: [] })).toBe(2);
  await run(Operation.SetConstraints, env.ctx(2, 1), []);
  expect(uidOf(await createAes(128))).toBeTruthy();
});

test('malformed constraints are refused and leave the previous set in place', async () => {
  const ctx = env.ctx(2, 1);
  await run(Operation.SetConstraints, ctx, [CONSTRAINTS]);
  const bad = [
    T.struct(Tag.Constraints, [T.int(Tag.Constraint, 1)]),
    T.struct(Tag.Constraints, [T.struct(Tag.Constraint, [T.struct(Tag.ObjectTypes, [T.text(Tag.ObjectType, 'x')])])]),
    T.struct(Tag.Constraints, [T.struct(Tag.Constraint, [T.struct(Tag.Attributes, [T.text(Tag.CryptographicLength, 'x')])])]),
    T.struct(Tag.Constraints, [T.text(Tag.ObjectGroup, 'x')]),
  ];
  for (const b of bad) expect(await reasonOf(run(Operation.SetConstraints, ctx, [b]))).toBe(ResultReason.InvalidField);
  expect((await run(Operation.GetConstraints, ctx, [])).payload).toEqual([CONSTRAINTS]);
});
