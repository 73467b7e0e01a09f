/**
 * Decrypt (KMIP 1.2+). The IV comes from IV/Counter/Nonce, or from the front of Data when absent (clients
 * that keep the IV with the ciphertext); the GCM tag from Authenticated Encryption Tag, or from the end of
 * Data when absent. RSA private keys: OAEP (SHA-1 default) or PKCS#1 v1.5.
 */
import { Operation, Tag, CryptographicUsageMask, ResultReason } from '../../kmip';
import { KmipError } from '../../message/errors';
import { T, type TtlvItem } from '../../ttlv/item';
import type { OperationContext, OperationHandler, OperationResult } from '../types';
import { uidItem } from '../common';
import { loadKey } from './key';
import { bytesField, cryptoParams, refuseStreaming, requiredBytes } from './params';
import { ivLengthFor, requireMode, tagLengthFor } from './symmetric';

export const decrypt: OperationHandler = {
  operation: Operation.Decrypt,
  since: { major: 1, minor: 2 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    refuseStreaming(payload);
    const { uid, obj, key, spec } = loadKey(ctx, payload, 'Decrypt', CryptographicUsageMask.Decrypt, 'process');
    const p = cryptoParams(payload, obj);
    let data = requiredBytes(payload, Tag.Data, 'Data');

    if (spec.keyClass !== 'secret') {
      const plain = await ctx.crypto.decrypt(key, data, { padding: p.padding ?? 'OAEP', hash: p.hash, mgfHash: p.mgfHash });
      return { payload: [uidItem(uid), T.bytes(Tag.Data, plain)] };
    }

    const mode = requireMode(p);
    let iv = bytesField(payload, Tag.IVCounterNonce, 'IV/Counter/Nonce');
    const ivLength = ivLengthFor(spec, mode, p);
    if (!iv && ivLength > 0) {
      if (data.length < ivLength) throw new KmipError(ResultReason.InvalidField, 'Data is shorter than the IV it should start with');
      iv = data.subarray(0, ivLength);
      data = data.subarray(ivLength);
    }
    let tag = bytesField(payload, Tag.AuthenticatedEncryptionTag, 'Authenticated Encryption Tag');
    // A tag sent without Tag Length says its own length.
    const tagLength = tag && mode === 'GCM' && p.tagLength === undefined ? tag.length : tagLengthFor(mode, p);
    if (!tag && tagLength) {
      if (data.length < tagLength) throw new KmipError(ResultReason.InvalidField, 'Data is shorter than the authentication tag it should end with');
      tag = data.subarray(data.length - tagLength);
      data = data.subarray(0, data.length - tagLength);
    }
    const aad = bytesField(payload, Tag.AuthenticatedEncryptionAdditionalData, 'Authenticated Encryption Additional Data');
    const plain = await ctx.crypto.decrypt(key, data, { mode, padding: p.padding ?? 'None', iv, aad, tag, tagLength });
    return { payload: [uidItem(uid), T.bytes(Tag.Data, plain)] };
  },
};
