/**
 * Login (KMIP 2.0+, 2.1 §6.1.30): issue a Ticket with which later requests of the same principal may
 * authenticate (tickets.ts). Lease Time (Interval, or a Date-Time at which it ends; 0 or absent = the
 * server default) and Request Count bound it. Usage Limits on a ticket are not supported.
 */
import { ItemType } from '../kmip/item-type';
import { Operation, ResultReason, Tag, TicketType } from '../kmip';
import { KmipError } from '../message/errors';
import { T, child, type TtlvItem } from '../ttlv/item';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy, nowSeconds } from './common';
import { issueTicket } from './tickets';

function leaseSeconds(item: TtlvItem | undefined, now: bigint): number | undefined {
  if (!item) return undefined;
  if (item.type === ItemType.Interval) return item.value;
  if (item.type === ItemType.DateTime) {
    if (item.value <= now) throw new KmipError(ResultReason.InvalidField, 'the ticket Lease Time (Date-Time) is in the past');
    const s = item.value - now;
    return s > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(s);
  }
  throw new KmipError(ResultReason.InvalidField, 'Lease Time must be an Interval or a Date-Time');
}

export const login: OperationHandler = {
  operation: Operation.Login,
  since: { major: 2, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    checkPolicy(ctx, 'Login');
    const now = nowSeconds(ctx);
    const lease = leaseSeconds(child(payload, Tag.LeaseTime), now);
    const count = child(payload, Tag.RequestCount);
    if (count && (count.type !== ItemType.Integer || count.value < 1)) throw new KmipError(ResultReason.InvalidField, 'Request Count must be a positive Integer');
    if (child(payload, Tag.UsageLimits)) throw new KmipError(ResultReason.FeatureNotSupported, 'Usage Limits on a login ticket are not supported');
    const value = issueTicket(ctx.store, {
      principal: ctx.principal,
      tenant: ctx.tenant,
      fingerprint: ctx.fingerprint,
      now,
      leaseSeconds: lease,
      requestCount: count?.type === ItemType.Integer ? count.value : undefined,
    });
    if (!value) throw new KmipError(ResultReason.ServerLimitExceeded, 'too many live login tickets');
    return { payload: [T.struct(Tag.Ticket, [T.enum(Tag.TicketType, TicketType.Login), T.bytes(Tag.TicketValue, value)])] };
  },
};
