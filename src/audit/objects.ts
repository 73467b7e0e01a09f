/** Unique Identifiers a batch item named (request) or produced (response), for the audit record. */
import { Tag } from '../kmip';
import { ItemType } from '../kmip/item-type';
import type { TtlvItem } from '../ttlv/item';
import { MAX_AUDIT_OBJECTS } from './record';

const UID_TAGS = new Set<number>([Tag.UniqueIdentifier, Tag.PrivateKeyUniqueIdentifier, Tag.PublicKeyUniqueIdentifier].filter((t) => t !== undefined));

/**
 * Text-string identifiers found in the top two levels of the payloads (Re-key Key Pair, Create Key Pair...),
 * each once, in order of appearance. A record keeps the first MAX_AUDIT_OBJECTS (record.ts), so no more are
 * collected: a Locate answer can name every object of the store, and this runs before every answer.
 */
export function objectIdentifiers(...payloads: Array<TtlvItem | TtlvItem[] | undefined>): string[] {
  const seen = new Set<string>();
  const visit = (item: TtlvItem, depth: number) => {
    if (seen.size >= MAX_AUDIT_OBJECTS) return;
    if (UID_TAGS.has(item.tag) && item.type === ItemType.TextString) seen.add(item.value);
    if (item.type === ItemType.Structure && depth < 2) for (const c of item.value) visit(c, depth + 1);
  };
  for (const p of payloads) {
    if (!p) continue;
    if (Array.isArray(p)) p.forEach((c) => visit(c, 1));
    else visit(p, 0);
  }
  return [...seen];
}
