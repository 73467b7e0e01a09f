/**
 * The access-control model as pure functions (no I/O): unit-tested as tables.
 *
 *  - Principal: the client certificate's identity (CN, then first DNS/email/URI SAN), from the transport.
 *  - Groups: named in configuration by principal name or by a certificate field (OU, O, fingerprint, SAN).
 *  - Admins: principals (or groups, as "group:NAME") named in configuration; they act on every object of
 *    their tenant. Roles still bound what they may do at all.
 *  - Roles: named allow-lists of operations (as Vault's KMIP engine scopes/roles). A principal's role bounds
 *    every operation, Create/Register/Create Key Pair included. Built in: "all" (every operation), "none".
 *  - Ownership: the creator of an object owns it and may perform any operation (within its role) on it.
 *  - Grants: the owner (or an admin) grants a principal or a group specific operations on specific objects.
 *    There is no operation that implies others: a grant of Get does not allow Get Attributes.
 *  - Tenants: a principal belongs to exactly one tenant ("" by default); objects of other tenants do not
 *    exist for it.
 *  - Seeing: owner, admin or holder of any grant on an object "sees" it; Locate returns only objects the
 *    caller sees, and an object the caller does not see is answered Item Not Found, not Permission Denied,
 *    so its existence does not leak (with `hideWithinTenant` false, only other tenants' objects are hidden).
 */
import { Operation } from '../kmip/enums';
import { ALL_OPERATIONS, operationName } from './operations';
import { ALLOW, type AccessDecision, type ObjectFacts } from './port';

export type SelectorField = 'name' | 'OU' | 'O' | 'fingerprint' | 'SAN' | 'group';

export interface Selector {
  field: SelectorField;
  value: string;
}

export interface GroupRule {
  group: string;
  selector: Selector;
}

export interface TenantRule {
  tenant: string;
  selector: Selector;
}

export interface AuthPolicy {
  /** Principal names and "group:NAME" entries. */
  admins: string[];
  groups: GroupRule[];
  /** Role name -> allowed operations. */
  roles: Map<string, ReadonlySet<number>>;
  /** Principal name or "group:NAME" -> role name; the first matching entry wins (principal entries first). */
  roleOf: Array<{ subject: string; role: string }>;
  defaultRole: string;
  tenants: TenantRule[];
  /**
   * True (default): an object of the caller's tenant that it may not see is answered as if it did not exist.
   * False: only other tenants' objects are hidden; within the tenant the answer is Permission Denied.
   */
  hideWithinTenant?: boolean;
}

/** What the transport knows about the caller. */
export interface IdentityFacts {
  principal: string;
  fingerprint?: string;
  ou?: string[];
  o?: string[];
  /** "TYPE:value" entries, e.g. "DNS:host". */
  subjectAltNames?: string[];
}

export interface Subject {
  principal: string;
  groups: string[];
  tenant: string;
  admin: boolean;
  role: string;
  allowed: ReadonlySet<number>;
}

/** A grant as stored: grantee is a principal name or "group:NAME". */
export interface GrantRecord {
  uid: string;
  tenant: string;
  grantee: string;
  operations: number[];
  grantedBy: string;
  grantedAt: string;
}

export const BUILTIN_ROLES: ReadonlyMap<string, ReadonlySet<number>> = new Map([
  ['all', new Set(ALL_OPERATIONS)],
  ['none', new Set<number>()],
]);

/** Operations every role implicitly allows: they reveal nothing about objects. */
const ALWAYS_ALLOWED = new Set<number>([Operation.DiscoverVersions, Operation.Query]);

export function emptyPolicy(): AuthPolicy {
  return { admins: [], groups: [], roles: new Map(BUILTIN_ROLES), roleOf: [], defaultRole: 'all', tenants: [] };
}

function selectorMatches(sel: Selector, id: IdentityFacts, groups: readonly string[]): boolean {
  switch (sel.field) {
    case 'name':
      return id.principal === sel.value;
    case 'OU':
      return (id.ou ?? []).includes(sel.value);
    case 'O':
      return (id.o ?? []).includes(sel.value);
    case 'fingerprint':
      return (id.fingerprint ?? '').toLowerCase() === sel.value.toLowerCase().replace(/:/g, '');
    case 'SAN':
      return (id.subjectAltNames ?? []).some((s) => s === sel.value || s.slice(s.indexOf(':') + 1) === sel.value);
    case 'group':
      return groups.includes(sel.value);
  }
}

export function resolveSubject(policy: AuthPolicy, id: IdentityFacts): Subject {
  const groups: string[] = [];
  for (const r of policy.groups) {
    if (r.selector.field !== 'group' && selectorMatches(r.selector, id, groups) && !groups.includes(r.group)) groups.push(r.group);
  }
  // Groups defined by membership of other groups, resolved once in rule order.
  for (const r of policy.groups) {
    if (r.selector.field === 'group' && selectorMatches(r.selector, id, groups) && !groups.includes(r.group)) groups.push(r.group);
  }
  const names = [id.principal, ...groups.map((g) => `group:${g}`)];
  const admin = policy.admins.some((a) => names.includes(a));
  const byPrincipal = policy.roleOf.find((r) => r.subject === id.principal);
  const byGroup = policy.roleOf.find((r) => r.subject.startsWith('group:') && names.includes(r.subject));
  const role = (byPrincipal ?? byGroup)?.role ?? policy.defaultRole;
  const allowed = policy.roles.get(role) ?? new Set<number>();
  const tenantRule = policy.tenants.find((t) => selectorMatches(t.selector, id, groups));
  return { principal: id.principal, groups, tenant: tenantRule?.tenant ?? '', admin, role, allowed };
}

/** Does the grant's grantee name this subject? */
export function granteeMatches(subject: Subject, grantee: string): boolean {
  if (grantee.startsWith('group:')) return subject.groups.includes(grantee.slice(6));
  return grantee === subject.principal;
}

export function decideOperation(subject: Subject, op: number): AccessDecision {
  if (ALWAYS_ALLOWED.has(op) || subject.allowed.has(op)) return ALLOW;
  return { allow: false, hide: false, message: `role "${subject.role}" of "${subject.principal}" does not allow ${operationName(op)}` };
}

/** Owner, admin, or holder of any grant on the object (tenant already matching). */
export function canSee(subject: Subject, obj: ObjectFacts, grants: readonly GrantRecord[]): boolean {
  if (obj.tenant !== subject.tenant) return false;
  if (subject.admin || obj.owner === subject.principal) return true;
  return grants.some((g) => g.uid === obj.uid && granteeMatches(subject, g.grantee));
}

/**
 * May `subject` perform `op` on `obj`, given the grants on that object? Order matters: an object the caller
 * cannot see is hidden before the role is consulted, so a restricted role does not reveal existence either.
 */
export function decideObject(subject: Subject, op: number, obj: ObjectFacts, grants: readonly GrantRecord[], hideWithinTenant = true): AccessDecision {
  if (!canSee(subject, obj, grants)) {
    if (hideWithinTenant || obj.tenant !== subject.tenant) return { allow: false, hide: true, message: `object "${obj.uid}" not found` };
    return { allow: false, hide: false, message: `"${subject.principal}" may not use object "${obj.uid}" of another owner` };
  }
  const role = decideOperation(subject, op);
  if (!role.allow) return role;
  if (subject.admin || obj.owner === subject.principal) return ALLOW;
  const ok = grants.some((g) => g.uid === obj.uid && granteeMatches(subject, g.grantee) && g.operations.includes(op));
  if (ok) return ALLOW;
  return { allow: false, hide: false, message: `"${subject.principal}" has no grant of ${operationName(op)} on object "${obj.uid}"` };
}

/** May `subject` grant or revoke access to `obj`? The owner and admins may. */
export function mayGrant(subject: Subject, obj: ObjectFacts): boolean {
  return obj.tenant === subject.tenant && (subject.admin || obj.owner === subject.principal);
}
