/**
 * The access-control port the operations layer sees (OperationContext.authorize). Operations ask; src/auth
 * decides. Decisions are data so that operations map them to KMIP Result Reasons themselves:
 * `hide` = the caller may not even see the object (answer Item/Object Not Found, as if it did not exist);
 * otherwise Permission Denied.
 */
export type AccessDecision = { allow: true } | { allow: false; hide: boolean; message: string };

/** The facts of a managed object that access control looks at. */
export interface ObjectFacts {
  uid: string;
  owner: string;
  tenant: string;
}

/** Which objects Locate may return: every object of the tenant, or the caller's own plus the ones in `also`. */
export type LocateScope = { all: true } | { all: false; owner: string; also: ReadonlySet<string> };

export interface OperationAuthorizer {
  /** Role check for an operation that names no object (Create, Register, Create Key Pair, Locate...). */
  operation(op: number): AccessDecision;
  /** Role check plus object check (tenant, owner, admin, grants) for `op` on `obj`. */
  object(op: number, obj: ObjectFacts): AccessDecision;
  locateScope(): LocateScope;
}

export const ALLOW: AccessDecision = { allow: true };
