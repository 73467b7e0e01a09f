/**
 * HTML -> reviewed data. Reads the OASIS KMIP specification tables of every version and merges them:
 * tags (Tag Values / Tag Enumeration tables), item types (object/attribute "Encoding" tables and the 1.x
 * "Tag Cross-reference"), enumerations, masks and attribute rules. Every entry cites its tables.
 */
import { extractAttributes } from './extract-attributes';
import { extractEnums, extractTags } from './extract-tags';
import { assignItemTypes, TypeReview } from './extract-types';
import { AttributeRuleEntry, EnumEntry, TagEntry } from './model';
import { ReviewedEnums, reviewedEnumEntries } from './reviewed-enums';
import { loadAllTables } from './spec-source';

export interface ExtractedData {
  tags: TagEntry[];
  enums: EnumEntry[];
  attributes: AttributeRuleEntry[];
  /** Review notes (conflicts, gaps, heuristics applied); not part of the data. */
  notes: string[];
}

/**
 * `reviewedEnums`: enumerations defined by reference, not by a table (spec/data/pkcs11-enums.json); they
 * join the extracted ones before tags are linked to enumerations.
 */
export function extractAll(specDir: string, review: TypeReview, reviewedEnums: ReviewedEnums = { enumerations: [] }): ExtractedData {
  const all = loadAllTables(specDir);
  const notes: string[] = [];
  const tags = extractTags(all, notes);
  const extracted = extractEnums(all, notes);
  const enums = [...extracted, ...reviewedEnumEntries(reviewedEnums, extracted)].sort((a, b) => a.normalized.localeCompare(b.normalized));
  assignItemTypes(all, tags, enums, review, notes);
  const attributes = extractAttributes(all, tags, notes);
  return { tags, enums, attributes, notes };
}
