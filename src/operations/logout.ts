/**
 * Logout (KMIP 2.0+, 2.1 §6.1.31): invalidate a Ticket issued by Login to the same principal. An unknown,
 * expired or foreign ticket is Invalid Ticket.
 */
import { ItemType } from '../kmip/item-type';
import { Operation, ResultReason, Tag, TicketType } from '../kmip';
import { KmipError } from '../message/errors';
import { child, type TtlvItem } from '../ttlv/item';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy } from './common';
import { revokeTicket } from './tickets';

export const logout: OperationHandler = {
  operation: Operation.Logout,
  since: { major: 2, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    checkPolicy(ctx, 'Logout');
    const ticket = child(payload, Tag.Ticket);
    const type = child(ticket, Tag.TicketType);
    const value = child(ticket, Tag.TicketValue);
    if (!ticket || type?.type !== ItemType.Enumeration || value?.type !== ItemType.ByteString) {
      throw new KmipError(ResultReason.InvalidField, 'Ticket (Ticket Type, Ticket Value) is required');
    }
    if (type.value !== TicketType.Login || !revokeTicket(ctx.store, value.value, ctx.principal, ctx.tenant)) {
      throw new KmipError(ResultReason.InvalidTicket, 'no such ticket');
    }
    return { payload: [] };
  },
};
