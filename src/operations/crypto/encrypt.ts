/**
 * Encrypt (KMIP 1.2+). Symmetric keys: AES ECB/CBC/CTR/GCM and 3DES ECB/CBC with padding None/PKCS5; the
 * IV is generated and returned when Random IV is set or none is given for a mode that needs one. RSA
 * public or private keys: OAEP (SHA-1 default) or PKCS#1 v1.5. Single-part only.
 */
import { Operation, Tag, CryptographicUsageMask } from '../../kmip';
import { T, type TtlvItem } from '../../ttlv/item';
import type { OperationContext, OperationHandler, OperationResult } from '../types';
import { atLeast, uidItem } from '../common';
import { loadKey } from './key';
import { bytesField, cryptoParams, requiredBytes } from './params';
import { streamStep } from './streams';
import { cipherStreamPart } from './cipher-stream';
import { ivLengthFor, requireMode, streamCipherOf, streamTagLength, tagLengthFor } from './symmetric';
import { consumeUsage } from './usage-limits';

export const encrypt: OperationHandler = {
  operation: Operation.Encrypt,
  since: { major: 1, minor: 2 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const step = streamStep(payload, ctx);
    if (step.kind !== 'single') return cipherStreamPart(ctx, payload, Operation.Encrypt, false, step);
    const { uid, obj, key, spec } = loadKey(ctx, payload, 'Encrypt', CryptographicUsageMask.Encrypt, 'protect');
    const p = cryptoParams(payload, obj);
    const data = requiredBytes(payload, Tag.Data, 'Data');
    const out: TtlvItem[] = [uidItem(uid)];

    if (spec.keyClass !== 'secret') {
      consumeUsage(ctx, obj, data.length);
      const r = await ctx.crypto.encrypt(key, data, { padding: p.padding ?? 'OAEP', hash: p.hash, mgfHash: p.mgfHash, label: p.label });
      out.push(T.bytes(Tag.Data, r.data));
      return { payload: out };
    }

    const stream = streamCipherOf(obj, p);
    const mode = stream ? 'GCM' : requireMode(p);
    let iv = bytesField(payload, Tag.IVCounterNonce, 'IV/Counter/Nonce');
    let generated = false;
    const ivLength = stream ? 12 : ivLengthFor(spec, mode, p);
    if (!iv && ivLength > 0) {
      iv = await ctx.crypto.random(ivLength);
      generated = true;
    }
    const aad = bytesField(payload, Tag.AuthenticatedEncryptionAdditionalData, 'Authenticated Encryption Additional Data');
    const tagLength = stream ? streamTagLength(stream, p) : tagLengthFor(mode, p);
    consumeUsage(ctx, obj, data.length);
    const r = await ctx.crypto.encrypt(
      key, data, stream ? { cipher: stream, iv, aad, tagLength } : { mode, padding: p.padding ?? 'None', iv, aad, tagLength },
    );
    // Authenticated Encryption Tag exists from KMIP 1.4; before that the tag follows the ciphertext.
    const separateTag = atLeast(ctx, 1, 4);
    out.push(T.bytes(Tag.Data, r.tag && !separateTag ? Buffer.concat([r.data, r.tag]) : r.data));
    if (generated && iv) out.push(T.bytes(Tag.IVCounterNonce, iv));
    if (r.tag && separateTag) out.push(T.bytes(Tag.AuthenticatedEncryptionTag, r.tag));
    return { payload: out };
  },
};
