/**
 * Decrypt (KMIP 1.2+). The IV comes from IV/Counter/Nonce; when absent it is an Invalid Message error, or,
 * when the request's Cryptographic Parameters say Random IV or with the decryptIvPrefix server option, the front of Data (clients that keep IV||ciphertext). The GCM tag from Authenticated Encryption Tag, or from the end of
 * Data when absent. RSA private keys: OAEP (SHA-1 default) or PKCS#1 v1.5.
 */
import { Operation, Tag, CryptographicUsageMask, ResultReason } from '../../kmip';
import { KmipError } from '../../message/errors';
import { T, child, type TtlvItem } from '../../ttlv/item';
import { ItemType } from '../../kmip/item-type';
import type { OperationContext, OperationHandler, OperationResult } from '../types';
import { uidItem } from '../common';
import { loadKey } from './key';
import { bytesField, cryptoParams, requiredBytes } from './params';
import { streamStep } from './streams';
import { cipherStreamPart } from './cipher-stream';
import { ivLengthFor, requireMode, streamCipherOf, streamTagLength, tagLengthFor, type CryptoOperationOptions } from './symmetric';

export const decrypt: OperationHandler = {
  operation: Operation.Decrypt,
  since: { major: 1, minor: 2 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const step = streamStep(payload, ctx);
    if (step.kind !== 'single') return cipherStreamPart(ctx, payload, Operation.Decrypt, true, step);
    const { uid, obj, key, spec } = loadKey(ctx, payload, 'Decrypt', CryptographicUsageMask.Decrypt, 'process');
    const p = cryptoParams(payload, obj);
    let data = requiredBytes(payload, Tag.Data, 'Data');

    if (spec.keyClass !== 'secret') {
      const plain = await ctx.crypto.decrypt(key, data, { padding: p.padding ?? 'OAEP', hash: p.hash, mgfHash: p.mgfHash, label: p.label });
      return { payload: [uidItem(uid), T.bytes(Tag.Data, plain)] };
    }

    const stream = streamCipherOf(obj, p);
    const mode = stream ? 'GCM' : requireMode(p);
    let iv = bytesField(payload, Tag.IVCounterNonce, 'IV/Counter/Nonce');
    const ivLength = stream ? 12 : ivLengthFor(spec, mode, p);
    if (!iv && ivLength > 0) {
      // The request's own Random IV = true says the client kept the server-chosen IV in front of the data
      // (IV || ciphertext). Without it a missing IV stays Invalid Message (OASIS CS-BC-M-11/12/13-21).
      const rnd = child(child(payload, Tag.CryptographicParameters), Tag.RandomIV);
      const prefixed = rnd?.type === ItemType.Boolean && rnd.value;
      if (!prefixed && !(ctx.options as OperationContext['options'] & CryptoOperationOptions).decryptIvPrefix) {
        throw new KmipError(ResultReason.InvalidMessage, 'missing-iv: IV/Counter/Nonce is required for this mode');
      }
      if (data.length < ivLength) throw new KmipError(ResultReason.InvalidField, 'Data is shorter than the IV it should start with');
      iv = data.subarray(0, ivLength);
      data = data.subarray(ivLength);
    }
    let tag = bytesField(payload, Tag.AuthenticatedEncryptionTag, 'Authenticated Encryption Tag');
    // A tag sent without Tag Length says its own length.
    const aeadTag = stream ? streamTagLength(stream, p) : tagLengthFor(mode, p);
    const tagLength = tag && aeadTag && p.tagLength === undefined ? tag.length : aeadTag;
    if (!tag && tagLength) {
      if (data.length < tagLength) throw new KmipError(ResultReason.InvalidField, 'Data is shorter than the authentication tag it should end with');
      tag = data.subarray(data.length - tagLength);
      data = data.subarray(0, data.length - tagLength);
    }
    const aad = bytesField(payload, Tag.AuthenticatedEncryptionAdditionalData, 'Authenticated Encryption Additional Data');
    const plain = await ctx.crypto.decrypt(
      key, data, stream ? { cipher: stream, iv, aad, tag, tagLength } : { mode, padding: p.padding ?? 'None', iv, aad, tag, tagLength },
    );
    return { payload: [uidItem(uid), T.bytes(Tag.Data, plain)] };
  },
};
