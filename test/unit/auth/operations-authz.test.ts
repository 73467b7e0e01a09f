/**
 * Access control through the operations layer (in-memory store, software crypto): loadObject hides what the
 * caller may not see, the role gates Create, Locate lists only visible objects, grants open exactly the
 * granted operations.
 */
import { Tag, Operation, ObjectType, CryptographicAlgorithm, ResultReason } from '../../../src/kmip';
import { T } from '../../../src/ttlv/item';
import { AccessControl, MemoryGrantStore, policyFromSection } from '../../../src/auth';
import type { OperationContext } from '../../../src/operations/types';
import { makeEnv, run, reasonOf, uidOf, uidsOf, attr1, type Env } from '../operations/helpers';

let env: Env;
let grants: MemoryGrantStore;
let ac: AccessControl;

beforeEach(() => {
  env = makeEnv();
  grants = new MemoryGrantStore();
  ac = new AccessControl(
    policyFromSection({ admins: ['root'], groups: [], roles: ['reader=Get+Locate'], roleOf: ['rita=reader'], defaultRole: 'all', tenants: ['acme=name:eve'] }),
    grants,
  );
});
afterEach(() => env.close());

function as(principal: string, op: number, major = 1, minor = 4): OperationContext {
  const s = ac.subjectFor({ principal });
  return env.ctx(major, minor, { principal, tenant: s.tenant, authorize: ac.authorizerFor(s), operation: op });
}

const template = () =>
  T.struct(Tag.TemplateAttribute, [
    attr1('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.AES), 0),
    attr1('Cryptographic Length', T.int(0, 128), 0),
    attr1('Cryptographic Usage Mask', T.int(0, 12), 0),
  ]);

async function create(principal: string): Promise<string> {
  return uidOf(await run(Operation.Create, as(principal, Operation.Create), [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), template()]));
}

const uidField = (u: string) => [T.text(Tag.UniqueIdentifier, u)];

test('a stranger gets Item Not Found (Object Not Found in 2.x) and an empty Locate', async () => {
  const k = await create('alice');
  expect(await reasonOf(run(Operation.Get, as('bob', Operation.Get), uidField(k)))).toBe(ResultReason.ItemNotFound);
  expect(await reasonOf(run(Operation.Destroy, as('bob', Operation.Destroy, 2, 1), uidField(k)))).toBe(ResultReason.ObjectNotFound);
  expect(uidsOf(await run(Operation.Locate, as('bob', Operation.Locate), []))).toEqual([]);
  expect(uidsOf(await run(Operation.Locate, as('alice', Operation.Locate), []))).toEqual([k]);
  expect(uidsOf(await run(Operation.Locate, as('root', Operation.Locate), []))).toEqual([k]);
});

test('a grant opens exactly the granted operation on exactly that object; Locate lists it, paged', async () => {
  const k1 = await create('alice');
  const k2 = await create('alice');
  const own = await create('bob');
  grants.add({ uid: k1, tenant: '', grantee: 'bob', operations: [Operation.Get], grantedBy: 'alice', grantedAt: '' });
  await run(Operation.Get, as('bob', Operation.Get), uidField(k1));
  expect(await reasonOf(run(Operation.GetAttributes, as('bob', Operation.GetAttributes), uidField(k1)))).toBe(ResultReason.PermissionDenied);
  expect(await reasonOf(run(Operation.Get, as('bob', Operation.Get), uidField(k2)))).toBe(ResultReason.ItemNotFound);
  expect(uidsOf(await run(Operation.Locate, as('bob', Operation.Locate), []))).toEqual([own, k1]);
  expect(uidsOf(await run(Operation.Locate, as('bob', Operation.Locate), [T.int(Tag.MaximumItems, 1)]))).toEqual([own]);
  expect(uidsOf(await run(Operation.Locate, as('bob', Operation.Locate), [T.int(Tag.MaximumItems, 1), T.int(Tag.OffsetItems, 1)]))).toEqual([k1]);
});

test('a role without Create cannot create; another tenant sees nothing of the default tenant', async () => {
  expect(await reasonOf(run(Operation.Create, as('rita', Operation.Create), [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), template()]))).toBe(
    ResultReason.PermissionDenied,
  );
  const k = await create('alice');
  grants.add({ uid: k, tenant: '', grantee: 'eve', operations: [Operation.Get], grantedBy: 'alice', grantedAt: '' });
  expect(await reasonOf(run(Operation.Get, as('eve', Operation.Get), uidField(k)))).toBe(ResultReason.ItemNotFound);
  expect(uidsOf(await run(Operation.Locate, as('eve', Operation.Locate), []))).toEqual([]);
  const e = await create('eve');
  expect(env.store.get(e)!.tenant).toBe('acme');
  expect(await reasonOf(run(Operation.Get, as('root', Operation.Get), uidField(e)))).toBe(ResultReason.ItemNotFound);
});
