/**
 * Multi-part Hash, MAC, MAC Verify, Sign and Signature Verify (KMIP 1.3+). Their result needs all the
 * data, so the parts are buffered (bounded, see streams.ts) and the Final part runs the operation's own
 * single-part code on one request made of the Init request's fields, the Final request's fields (which
 * win, e.g. a MAC Data sent last) and all the Data. Every part re-checks the key (state, usage mask),
 * so a key revoked mid-stream stops the stream.
 */
import { Tag } from '../../kmip';
import { T, child, type TtlvItem } from '../../ttlv/item';
import type { OperationContext, OperationResult } from '../types';
import { uidItem } from '../common';
import { bytesField } from './params';
import { BufferedInput, correlationItem, StreamRegistry, streamRegistry, type StreamStep } from './streams';

/** Fields of a part that describe the stream itself, not the operation. */
const CONTROL = new Set<number>([Tag.Data, Tag.InitIndicator, Tag.FinalIndicator, Tag.CorrelationValue]);

export interface BufferedOperation {
  operation: number;
  /** Checks the key (or the request) for one part; returns the object's Unique Identifier, if the operation has one. */
  check(payload: TtlvItem, ctx: OperationContext): string | undefined;
  /** The single-part operation. */
  single(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult>;
}

function fields(payload: TtlvItem): TtlvItem[] {
  return Array.isArray(payload.value) ? (payload.value as TtlvItem[]).filter((c) => !CONTROL.has(c.tag)) : [];
}

/** Init fields, with the Final part's fields replacing those of the same tag. */
function merge(init: TtlvItem[], last: TtlvItem[]): TtlvItem[] {
  const lastTags = new Set(last.map((c) => c.tag));
  return [...init.filter((c) => !lastTags.has(c.tag)), ...last];
}

export async function bufferedStreamPart(
  ctx: OperationContext, payload: TtlvItem, op: BufferedOperation, step: Exclude<StreamStep, { kind: 'single' }>,
): Promise<OperationResult> {
  const registry = streamRegistry(ctx);
  const data = bytesField(payload, Tag.Data, 'Data');
  if (step.kind === 'init') {
    const uid = op.check(payload, ctx);
    const state = new BufferedInput({ fields: fields(payload) });
    state.add(data);
    const correlation = registry.open(ctx, op.operation, uid, state);
    return { payload: [...(uid !== undefined ? [uidItem(uid)] : []), correlationItem(correlation)] };
  }
  return registry.step<BufferedInput, OperationResult>(ctx, op.operation, step.correlation, step.final, async (state, streamUid) => {
    const pctx = StreamRegistry.partContext(ctx, payload, streamUid);
    const uid = op.check(payload, pctx);
    state.add(data);
    if (!step.final) return { payload: [...(uid !== undefined ? [uidItem(uid)] : []), correlationItem(step.correlation)] };
    const all = state.take();
    try {
      const merged = merge(state.extra.fields as TtlvItem[], fields(payload));
      // The object is named explicitly, so the single-part code finds it without the ID Placeholder.
      const named = uid !== undefined && !child(payload, Tag.UniqueIdentifier) ? [T.text(Tag.UniqueIdentifier, uid)] : [];
      const single = T.struct(payload.tag, [...named, ...merged.filter((c) => !(named.length && c.tag === Tag.UniqueIdentifier)), T.bytes(Tag.Data, all)]);
      return await op.single(single, pctx);
    } finally {
      all.fill(0);
    }
  });
}
