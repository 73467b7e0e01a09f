/**
 * HTML -> reviewed data. Reads the OASIS KMIP specification tables of every version and merges them:
 * tags (Tag Values / Tag Enumeration tables), item types (object/attribute "Encoding" tables and the 1.x
 * "Tag Cross-reference"), enumerations, masks and attribute rules. Every entry cites its tables.
 */
import { extractAttributes } from './extract-attributes';
import { extractEnums, extractTags } from './extract-tags';
import { assignItemTypes, TypeReview } from './extract-types';
import { AttributeRuleEntry, EnumEntry, TagEntry } from './model';
import { loadAllTables } from './spec-source';

export interface ExtractedData {
  tags: TagEntry[];
  enums: EnumEntry[];
  attributes: AttributeRuleEntry[];
  /** Review notes (conflicts, gaps, heuristics applied); not part of the data. */
  notes: string[];
}

export function extractAll(specDir: string, review: TypeReview): ExtractedData {
  const all = loadAllTables(specDir);
  const notes: string[] = [];
  const tags = extractTags(all, notes);
  const enums = extractEnums(all, notes);
  assignItemTypes(all, tags, enums, review, notes);
  const attributes = extractAttributes(all, tags, notes);
  return { tags, enums, attributes, notes };
}
