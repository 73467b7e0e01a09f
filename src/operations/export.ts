/**
 * Export (KMIP 1.4+, 2.1 §6.1.18): the object as Get returns it (same Key Format Type, Key Compression Type
 * and Key Wrapping Specification semantics, same refusals for sensitive, non-extractable and destroyed
 * objects) together with all of its attributes. The ID Placeholder becomes the object.
 */
import { Operation, Tag } from '../kmip';
import type { TtlvItem } from '../ttlv/item';
import { encodeAttributeList } from '../attributes/convert';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { allAttributes, checkPolicy, loadObject, requestUid } from './common';
import { get } from './get';

export const exportObject: OperationHandler = {
  operation: Operation.Export,
  since: { major: 1, minor: 4 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const uid = requestUid(payload, ctx) as string;
    checkPolicy(ctx, 'Export', loadObject(ctx, uid));
    const got = await get.handle(payload, ctx);
    // Attributes as they are after Get (Get clears Fresh).
    const attrs = encodeAttributeList(allAttributes(loadObject(ctx, uid)), ctx.version);
    const [objectType, uidItem, ...rest] = got.payload;
    const fixed = objectType.tag === Tag.ObjectType && uidItem.tag === Tag.UniqueIdentifier;
    return {
      payload: fixed ? [objectType, uidItem, ...attrs, ...rest] : [...got.payload, ...attrs],
      idPlaceholder: uid,
      release: got.release,
    };
  },
};
