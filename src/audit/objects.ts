/** Unique Identifiers a batch item named (request) or produced (response), for the audit record. */
import { Tag } from '../kmip';
import { ItemType } from '../kmip/item-type';
import type { TtlvItem } from '../ttlv/item';

const UID_TAGS = new Set<number>([Tag.UniqueIdentifier, Tag.PrivateKeyUniqueIdentifier, Tag.PublicKeyUniqueIdentifier].filter((t) => t !== undefined));

/** Text-string identifiers found in the top two levels of the payloads (Re-key Key Pair, Create Key Pair...). */
export function objectIdentifiers(...payloads: Array<TtlvItem | TtlvItem[] | undefined>): string[] {
  const out: string[] = [];
  const visit = (item: TtlvItem, depth: number) => {
    if (UID_TAGS.has(item.tag) && item.type === ItemType.TextString && !out.includes(item.value)) out.push(item.value);
    if (item.type === ItemType.Structure && depth < 2) for (const c of item.value) visit(c, depth + 1);
  };
  for (const p of payloads) {
    if (!p) continue;
    if (Array.isArray(p)) p.forEach((c) => visit(c, 1));
    else visit(p, 0);
  }
  return out;
}
