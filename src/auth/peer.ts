/**
 * From the transport's PeerInfo to the message layer's peer: principal, tenant (from the tenant rules),
 * fingerprint and address for the audit trail, and the request's OperationAuthorizer.
 */
import type { AccessControl } from './access-control';
import type { OperationAuthorizer } from './port';

/** The PeerInfo fields used here (src/transport/peer.ts). */
export interface PeerFacts {
  identity: string;
  fingerprint: string;
  remoteAddress: string;
  ou: string[];
  subject: Record<string, string | string[]>;
  subjectAltNames: string[];
}

export interface AuthorizedPeer {
  principal: string;
  tenant: string;
  remoteAddress?: string;
  fingerprint?: string;
  authorize?: OperationAuthorizer;
}

function list(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

export function authorizedPeer(access: AccessControl, p: PeerFacts): AuthorizedPeer {
  const subject = access.subjectFor({
    principal: p.identity,
    fingerprint: p.fingerprint,
    ou: p.ou,
    o: list(p.subject.O),
    subjectAltNames: p.subjectAltNames,
  });
  return { principal: p.identity, tenant: subject.tenant, remoteAddress: p.remoteAddress, fingerprint: p.fingerprint, authorize: access.authorizerFor(subject) };
}
