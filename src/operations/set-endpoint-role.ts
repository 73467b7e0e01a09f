/**
 * Set Endpoint Role (KMIP 2.0+, 2.1 §6.1.54): the client asks the server to take a role on this channel.
 * This server only acts as a server: the Server role is accepted (and is what it already has); taking the
 * Client role on the client's connection (reversing the protocol) is Feature Not Supported.
 */
import { EndpointRole, Operation, ResultReason, Tag } from '../kmip';
import { KmipError } from '../message/errors';
import { T, child, type TtlvItem } from '../ttlv/item';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy, enumValue } from './common';

export const setEndpointRole: OperationHandler = {
  operation: Operation.SetEndpointRole,
  since: { major: 2, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    checkPolicy(ctx, 'SetEndpointRole');
    const role = enumValue(child(payload, Tag.EndpointRole), 'Endpoint Role');
    if (role === EndpointRole.Server) return { payload: [T.enum(Tag.EndpointRole, EndpointRole.Server)] };
    if (role === EndpointRole.Client) throw new KmipError(ResultReason.FeatureNotSupported, 'this server does not take the client role');
    throw new KmipError(ResultReason.InvalidField, 'Endpoint Role (Client or Server) is required');
  },
};
