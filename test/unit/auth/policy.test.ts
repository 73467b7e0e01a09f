/** The access-control model as tables: pure decisions, config parsing, and AccessControl with grants. */
import { Operation } from '../../../src/kmip/enums';
import {
  AccessControl, MemoryGrantStore, decideObject, decideOperation, emptyPolicy, parseOperationList, policyFromSection, resolveSubject,
  type AuthPolicy, type GrantRecord, type IdentityFacts,
} from '../../../src/auth';

const section = {
  admins: ['root', 'group:security'],
  groups: ['db-servers=OU:databases', 'security=name:carol', 'ops=group:security'],
  roles: ['reader=Get+GetAttributes+Locate', 'no-create=Get+Locate+GetAttributes+Encrypt'],
  roleOf: ['group:db-servers=reader', 'dave=no-create', 'mallory=none'],
  defaultRole: 'all',
  tenants: ['acme=O:Acme'],
};
const policy: AuthPolicy = policyFromSection(section);
const who = (principal: string, extra: Partial<IdentityFacts> = {}) => resolveSubject(policy, { principal, ...extra });
const key = (uid: string, owner: string, tenant = '') => ({ uid, owner, tenant });
const grant = (uid: string, grantee: string, ops: number[]): GrantRecord => ({ uid, tenant: '', grantee, operations: ops, grantedBy: 'alice', grantedAt: '' });

describe('subjects', () => {
  test('groups by principal name, by certificate OU, and by membership of another group', () => {
    expect(who('carol').groups).toEqual(['security', 'ops']);
    expect(who('db1', { ou: ['databases'] }).groups).toEqual(['db-servers']);
    expect(who('alice').groups).toEqual([]);
  });
  test('admins by name and by group; tenants by certificate O', () => {
    expect(who('root').admin).toBe(true);
    expect(who('carol').admin).toBe(true);
    expect(who('alice').admin).toBe(false);
    expect(who('eve', { o: ['Acme'] }).tenant).toBe('acme');
    expect(who('alice').tenant).toBe('');
  });
  test('roles: principal entry, then group entry, then the default', () => {
    expect(who('dave').role).toBe('no-create');
    expect(who('db1', { ou: ['databases'] }).role).toBe('reader');
    expect(who('alice').role).toBe('all');
  });
  test('bad configuration entries are named', () => {
    expect(() => policyFromSection({ ...section, roles: ['x=Get+Frobnicate'] })).toThrow(/Frobnicate/);
    expect(() => policyFromSection({ ...section, roleOf: ['bob=nosuchrole'] })).toThrow(/nosuchrole/);
    expect(() => policyFromSection({ ...section, groups: ['g=color:blue'] })).toThrow(/color:blue/);
    expect(() => policyFromSection({ ...section, defaultRole: 'nope' })).toThrow(/nope/);
  });
  test('operation names in every spelling', () => {
    expect(parseOperationList('Get, get-attributes+Encrypt|0x0A')).toEqual([Operation.Get, Operation.GetAttributes, Operation.Encrypt]);
    expect(() => parseOperationList('Get,All')).toThrow(/All/);
  });
});

describe('object decisions', () => {
  const k = key('K1', 'alice');
  const rows: Array<[string, string, number, GrantRecord[], 'allow' | 'hide' | 'deny']> = [
    ['owner may do anything', 'alice', Operation.Destroy, [], 'allow'],
    ['a stranger does not even see it', 'bob', Operation.Get, [], 'hide'],
    ['a stranger cannot Destroy it either: hidden', 'bob', Operation.Destroy, [], 'hide'],
    ['granted Get: may Get', 'bob', Operation.Get, [grant('K1', 'bob', [Operation.Get])], 'allow'],
    ['granted Get: sees it but may not Encrypt', 'bob', Operation.Encrypt, [grant('K1', 'bob', [Operation.Get])], 'deny'],
    ['granted Get: no Get Attributes implied', 'bob', Operation.GetAttributes, [grant('K1', 'bob', [Operation.Get])], 'deny'],
    ['a grant on another key gives nothing', 'bob', Operation.Get, [grant('K2', 'bob', [Operation.Get])], 'hide'],
    ['group grant via OU', 'db1', Operation.Get, [grant('K1', 'group:db-servers', [Operation.Get, Operation.Encrypt])], 'allow'],
    ['group grant, but the group role lacks Encrypt', 'db1', Operation.Encrypt, [grant('K1', 'group:db-servers', [Operation.Get, Operation.Encrypt])], 'deny'],
    ['admin acts on every object', 'root', Operation.Revoke, [], 'allow'],
    ['admin by group', 'carol', Operation.Destroy, [], 'allow'],
  ];
  test.each(rows)('%s', (_n, principal, op, grants, want) => {
    const s = who(principal, principal === 'db1' ? { ou: ['databases'] } : {});
    const d = decideObject(s, op, k, grants);
    expect(d.allow ? 'allow' : d.hide ? 'hide' : 'deny').toBe(want);
  });
  test('another tenant: hidden even from an admin of the default tenant', () => {
    const d = decideObject(who('root'), Operation.Get, key('K9', 'eve', 'acme'), []);
    expect(d).toMatchObject({ allow: false, hide: true });
  });
  test('role limits what one may do at all, Create included', () => {
    expect(decideOperation(who('dave'), Operation.Create).allow).toBe(false);
    expect(decideOperation(who('dave'), Operation.Register).allow).toBe(false);
    expect(decideOperation(who('dave'), Operation.Locate).allow).toBe(true);
    expect(decideOperation(who('mallory'), Operation.Locate).allow).toBe(false);
    expect(decideOperation(who('mallory'), Operation.Query).allow).toBe(true);
    expect(decideOperation(who('alice'), Operation.CreateKeyPair).allow).toBe(true);
  });
  test('a role also bounds the owner', () => {
    const d = decideObject(who('dave'), Operation.Destroy, key('D1', 'dave'), []);
    expect(d).toMatchObject({ allow: false, hide: false });
  });
});

describe('AccessControl with a grant store', () => {
  test('locate scope: own objects plus granted ones; admins see all', () => {
    const grants = new MemoryGrantStore();
    const ac = new AccessControl(policy, grants);
    grants.add(grant('K1', 'bob', [Operation.Get]));
    grants.add(grant('K2', 'group:db-servers', [Operation.Get]));
    const bob = ac.subjectFor({ principal: 'bob' });
    expect(ac.locateScope(bob)).toEqual({ all: false, owner: 'bob', also: new Set(['K1']) });
    expect(ac.locateScope(ac.subjectFor({ principal: 'db1', ou: ['databases'] }))).toEqual({ all: false, owner: 'db1', also: new Set(['K2']) });
    expect(ac.locateScope(ac.subjectFor({ principal: 'root' }))).toEqual({ all: true });
    expect(ac.decideObject(bob, Operation.Get, key('K1', 'alice')).allow).toBe(true);
    expect(grants.remove('K1', 'bob')).toBe(1);
    expect(ac.decideObject(bob, Operation.Get, key('K1', 'alice'))).toMatchObject({ allow: false, hide: true });
  });
  test('only the owner or an admin may grant', () => {
    const ac = new AccessControl(emptyPolicy(), new MemoryGrantStore());
    expect(ac.mayGrant(ac.subjectFor({ principal: 'alice' }), key('K1', 'alice'))).toBe(true);
    expect(ac.mayGrant(ac.subjectFor({ principal: 'bob' }), key('K1', 'alice'))).toBe(false);
  });
  test('MemoryGrantStore merges and removes operations', () => {
    const g = new MemoryGrantStore();
    g.add(grant('K', 'bob', [Operation.Get]));
    g.add(grant('K', 'bob', [Operation.Encrypt, Operation.Get]));
    expect(g.forObject('K')[0].operations).toEqual([Operation.Get, Operation.Encrypt]);
    expect(g.remove('K', 'bob', [Operation.Get])).toBe(1);
    expect(g.forObject('K')[0].operations).toEqual([Operation.Encrypt]);
  });
});
