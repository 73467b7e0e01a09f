/**
 * Multi-part Encrypt and Decrypt (KMIP 1.3+): the Init part fixes key, parameters, IV and AAD; every part
 * returns the output available so far (whole blocks) with the Correlation Value; the Final part returns
 * the rest (and, for GCM encryption, the tag) without it. The cipher work is crypto/block-stream.ts.
 */
import { Tag, ResultReason, CryptographicUsageMask } from '../../kmip';
import { KmipError } from '../../message/errors';
import { T, type TtlvItem } from '../../ttlv/item';
import { BlockStream } from '../../crypto/block-stream';
import type { OperationContext, OperationResult } from '../types';
import { atLeast, uidItem } from '../common';
import { loadKey } from './key';
import { bytesField, cryptoParams } from './params';
import { ivLengthFor, requireMode, streamCipherOf, streamTagLength, tagLengthFor } from './symmetric';
import { consumeUsage } from './usage-limits';
import { correlationItem, StreamRegistry, streamRegistry, type StreamState, type StreamStep } from './streams';

class CipherStreamState implements StreamState {
  constructor(readonly stream: BlockStream) {}
  bufferedBytes(): number {
    return this.stream.bufferedBytes();
  }
  dispose(): void {
    this.stream.dispose();
  }
}

function load(ctx: OperationContext, payload: TtlvItem, decrypt: boolean) {
  return decrypt
    ? loadKey(ctx, payload, 'Decrypt', CryptographicUsageMask.Decrypt, 'process')
    : loadKey(ctx, payload, 'Encrypt', CryptographicUsageMask.Encrypt, 'protect');
}

/** Handles the Init part, or a middle/Final part, of a multi-part Encrypt (decrypt false) or Decrypt. */
export async function cipherStreamPart(
  ctx: OperationContext, payload: TtlvItem, operation: number, decrypt: boolean, step: Exclude<StreamStep, { kind: 'single' }>,
): Promise<OperationResult> {
  const registry = streamRegistry(ctx);
  const data = bytesField(payload, Tag.Data, 'Data');
  if (step.kind === 'init') {
    const { uid, obj, key, spec } = load(ctx, payload, decrypt);
    if (spec.keyClass !== 'secret') {
      throw new KmipError(ResultReason.FeatureNotSupported, 'multi-part operations are offered for symmetric keys only');
    }
    const p = cryptoParams(payload, obj);
    const cipher = streamCipherOf(obj, p);
    const mode = cipher ? 'GCM' : requireMode(p);
    if (spec.algorithm !== 'AES' && spec.algorithm !== 'DES3' && !cipher) {
      throw new KmipError(ResultReason.InvalidField, `a ${spec.algorithm} key cannot be used with a block cipher`);
    }
    let iv = bytesField(payload, Tag.IVCounterNonce, 'IV/Counter/Nonce');
    const ivLength = cipher ? 12 : ivLengthFor(spec, mode, p);
    let generated = false;
    if (!iv && ivLength > 0) {
      if (decrypt) throw new KmipError(ResultReason.InvalidMessage, 'missing-iv: IV/Counter/Nonce is required for this mode');
      iv = await ctx.crypto.random(ivLength);
      generated = true;
    }
    const aad = bytesField(payload, Tag.AuthenticatedEncryptionAdditionalData, 'Authenticated Encryption Additional Data');
    const tagLength = cipher ? streamTagLength(cipher, p) : tagLengthFor(mode, p);
    const stream = await BlockStream.start(ctx.crypto, key, {
      decrypt, algorithm: spec.algorithm === 'DES3' ? 'DES3' : 'AES', mode, padding: p.padding === 'PKCS5' ? 'PKCS5' : 'None',
      cipher, iv, aad, tagLength,
    });
    if (!decrypt) consumeUsage(ctx, obj, data?.length ?? 0);
    let out: Buffer;
    try {
      out = await stream.update(ctx.crypto, key, data);
    } catch (e) {
      stream.dispose();
      throw e;
    }
    const correlation = registry.open(ctx, operation, uid, new CipherStreamState(stream));
    const payloadOut: TtlvItem[] = [uidItem(uid)];
    if (out.length) payloadOut.push(T.bytes(Tag.Data, out));
    if (generated && iv) payloadOut.push(T.bytes(Tag.IVCounterNonce, iv));
    payloadOut.push(correlationItem(correlation));
    return { payload: payloadOut };
  }

  return registry.step<CipherStreamState, OperationResult>(ctx, operation, step.correlation, step.final, async (state, streamUid) => {
    const pctx = StreamRegistry.partContext(ctx, payload, streamUid);
    const { uid, obj, key } = load(pctx, payload, decrypt);
    if (!decrypt) consumeUsage(pctx, obj, data?.length ?? 0);
    const out: TtlvItem[] = [uidItem(uid)];
    if (!step.final) {
      const part = await state.stream.update(ctx.crypto, key, data);
      if (part.length) out.push(T.bytes(Tag.Data, part));
      out.push(correlationItem(step.correlation));
      return { payload: out };
    }
    const tag = decrypt ? bytesField(payload, Tag.AuthenticatedEncryptionTag, 'Authenticated Encryption Tag') : undefined;
    const r = await state.stream.finish(ctx.crypto, key, data, tag);
    // Before 1.4 there is no Authenticated Encryption Tag: the tag follows the ciphertext.
    const separateTag = atLeast(ctx, 1, 4);
    const last = r.tag && !separateTag ? Buffer.concat([r.data, r.tag]) : r.data;
    // A Final part with nothing left to return carries no Data (OASIS TC-STREAM-ENC-1-14).
    if (last.length) out.push(T.bytes(Tag.Data, last));
    if (r.tag && separateTag) out.push(T.bytes(Tag.AuthenticatedEncryptionTag, r.tag));
    return { payload: out };
  });
}
