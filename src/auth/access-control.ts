/**
 * AccessControl: the PolicyDecider bound to its configuration (the pure policy) and to the grants table.
 * One instance per server; `authorizerFor(subject)` gives the per-request OperationAuthorizer that
 * OperationContext.authorize carries. Grants are read from the database at each decision (an indexed
 * lookup), so a grant made by the CLI in another process applies to the next request.
 */
import type { GrantStore } from './grants';
import type { OperationAuthorizer, LocateScope, ObjectFacts, AccessDecision } from './port';
import {
  canSee, decideObject, decideOperation, mayGrant, resolveSubject, type AuthPolicy, type GrantRecord, type IdentityFacts, type Subject,
} from './policy';

export interface PolicyDecider {
  subjectFor(id: IdentityFacts): Subject;
  decideOperation(subject: Subject, op: number): AccessDecision;
  decideObject(subject: Subject, op: number, obj: ObjectFacts): AccessDecision;
  canSee(subject: Subject, obj: ObjectFacts): boolean;
  mayGrant(subject: Subject, obj: ObjectFacts): boolean;
  locateScope(subject: Subject): LocateScope;
}

export class AccessControl implements PolicyDecider {
  constructor(
    readonly policy: AuthPolicy,
    readonly grants: GrantStore,
  ) {}

  subjectFor(id: IdentityFacts): Subject {
    return resolveSubject(this.policy, id);
  }

  decideOperation(subject: Subject, op: number): AccessDecision {
    return decideOperation(subject, op);
  }

  decideObject(subject: Subject, op: number, obj: ObjectFacts): AccessDecision {
    return decideObject(subject, op, obj, this.grantsOf(subject, obj), this.policy.hideWithinTenant ?? true);
  }

  canSee(subject: Subject, obj: ObjectFacts): boolean {
    return canSee(subject, obj, this.grantsOf(subject, obj));
  }

  mayGrant(subject: Subject, obj: ObjectFacts): boolean {
    return mayGrant(subject, obj);
  }

  locateScope(subject: Subject): LocateScope {
    if (subject.admin) return { all: true };
    const also = this.grants.objectsGrantedTo(subject.tenant, [subject.principal, ...subject.groups.map((g) => `group:${g}`)]);
    return { all: false, owner: subject.principal, also };
  }

  authorizerFor(subject: Subject): OperationAuthorizer {
    return {
      operation: (op) => this.decideOperation(subject, op),
      object: (op, obj) => this.decideObject(subject, op, obj),
      locateScope: () => this.locateScope(subject),
    };
  }

  /** Owner and admin decisions need no grant lookup. */
  private grantsOf(subject: Subject, obj: ObjectFacts): GrantRecord[] {
    if (obj.tenant !== subject.tenant || subject.admin || obj.owner === subject.principal) return [];
    return this.grants.forObject(obj.uid);
  }
}
