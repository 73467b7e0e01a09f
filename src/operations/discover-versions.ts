/**
 * Discover Versions (KMIP 1.1+): the versions we speak, highest first; when the client lists versions, the
 * ones of those we support, in the client's order (KMIP 1.4 §4.26).
 */
import { ItemType } from '../kmip/item-type';
import { Tag, Operation } from '../kmip';
import { T, children, child, type TtlvItem } from '../ttlv/item';
import { SUPPORTED_VERSIONS } from '../message/version';
import type { OperationContext, OperationHandler, OperationResult, ProtocolVersion } from './types';

function versionItem(v: ProtocolVersion): TtlvItem {
  return T.struct(Tag.ProtocolVersion, [T.int(Tag.ProtocolVersionMajor, v.major), T.int(Tag.ProtocolVersionMinor, v.minor)]);
}

export const discoverVersions: OperationHandler = {
  operation: Operation.DiscoverVersions,
  since: { major: 1, minor: 1 },
  async handle(payload: TtlvItem, _ctx: OperationContext): Promise<OperationResult> {
    const offered = children(payload, Tag.ProtocolVersion).slice(0, 64);
    if (offered.length === 0) return { payload: SUPPORTED_VERSIONS.map(versionItem) };
    const out: ProtocolVersion[] = [];
    for (const o of offered) {
      const maj = child(o, Tag.ProtocolVersionMajor);
      const min = child(o, Tag.ProtocolVersionMinor);
      if (maj?.type !== ItemType.Integer || min?.type !== ItemType.Integer) continue;
      const v = SUPPORTED_VERSIONS.find((s) => s.major === maj.value && s.minor === min.value);
      if (v && !out.includes(v)) out.push(v);
    }
    return { payload: out.map(versionItem) };
  },
};
