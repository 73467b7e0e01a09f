/**
 * Item types of tags and the enumeration each Enumeration/Integer tag uses.
 *
 * Sources, per version: every table with an "Encoding" column (object structures, attribute tables,
 * message tables) and the 1.x "Tag Cross-reference" (Object | Defined | Type). The primary type of a
 * version is the majority of the types its tables name (ties keep the previous version's type); all
 * types named anywhere are the allowed types. Gaps the spec leaves (payload-only tags described in
 * prose) are filled from spec/data/type-review.json, each with a citation and a reason.
 */
import { EnumEntry, ItemTypeName, KmipVersion, TagEntry } from './model';
import { normalizeName } from './normalize';
import { SpecTable } from './html-tables';
import { cite, cleanItemName, parseItemTypes, splitSection, VersionTables } from './spec-source';

export interface TypeReviewEntry {
  /** Type for a tag that no spec table types. */
  itemType?: ItemTypeName | null;
  /** The encoding varies (like Attribute Value). */
  varies?: boolean;
  /** Primary type among the several the tables allow. */
  primary?: ItemTypeName;
  /** Enumeration (normalized name) the values use, when no table links it. */
  enumeration?: string;
  source: string;
  reason: string;
}

export type TypeReview = Record<string, TypeReviewEntry>;

interface Vote {
  types: ItemTypeName[];
  cell: string;
  cite: string;
  xref: boolean;
}

/** Tables that give an item type per row: "Object|Encoding", "Item|Encoding", "Object|Defined|Type". */
function typeColumn(t: SpecTable): { header: number; typeCol: number } | undefined {
  for (let i = 0; i < Math.min(3, t.rows.length); i++) {
    const r = t.rows[i];
    if (r.length >= 2 && /^(Object|Item|Field)$/i.test(r[0]) && /^Encoding$/i.test(r[1])) return { header: i, typeCol: 1 };
    if (r.length >= 3 && /^Object$/i.test(r[0]) && /^Defined$/i.test(r[1]) && /^Type$/i.test(r[2])) {
      return { header: i, typeCol: 2 };
    }
  }
  return undefined;
}

function pushUnique(list: string[], s: string): void {
  if (!list.includes(s)) list.push(s);
}

function collectVotes(all: VersionTables[], tags: TagEntry[], notes: string[]): Map<TagEntry, Map<KmipVersion, Vote[]>> {
  const byName = new Map<string, TagEntry>();
  for (const t of tags) {
    byName.set(t.normalized.toLowerCase(), t);
    for (const n of Object.keys(t.otherNames ?? {})) byName.set(normalizeName(n).toLowerCase(), t);
  }
  const itemName = (cell: string): string => normalizeName(cleanItemName(cell)).toLowerCase();
  const votes = new Map<TagEntry, Map<KmipVersion, Vote[]>>();
  for (const { version, tables } of all) {
    for (const t of tables) {
      const col = typeColumn(t);
      if (!col) continue;
      const xref = col.typeCol === 2;
      const body = t.rows.slice(col.header + 1).filter((r) => r.length > col.typeCol);
      const [, sectionTitle] = splitSection(t.section);
      for (const [i, row] of body.entries()) {
        let name = itemName(row[0]);
        // Single-row attribute tables sometimes name another attribute ("Always Sensitive" shows
        // "Sensitive | Boolean", "Comment" shows "Description | Text String"): the section is the truth.
        const sectionTag = byName.get(normalizeName(sectionTitle).toLowerCase());
        if (!xref && body.length === 1 && /Attribute$/.test(t.caption) && sectionTag && byName.get(name) !== sectionTag) {
          notes.push(`${cite(version, t)} names "${row[0]}"; used for the section's attribute ${sectionTag.name}`);
          name = sectionTag.normalized.toLowerCase();
        }
        const tag = byName.get(name);
        if (!tag || !tag.versions.includes(version)) continue;
        // Some 2.x tables open with "X | Structure" and then define "X | ByteString" (PKCS#11 Input
        // Parameters): the opening row is a template artifact when the table names the same item again.
        if (!xref && i === 0 && body.slice(1).some((r) => itemName(r[0]) === name)) {
          notes.push(`ignored opening row "${row.join(' | ')}" of ${cite(version, t)}: the item is defined again below`);
          continue;
        }
        const cell = row[col.typeCol].trim();
        const types = parseItemTypes(cell);
        if (types.length === 0) {
          if (/\bvaries\b|^any$/i.test(cell)) {
            tag.itemTypeVaries = true;
            pushUnique(tag.sources.itemType, `${cite(version, t)}: varies`);
          }
          continue;
        }
        const perTag = votes.get(tag) ?? new Map<KmipVersion, Vote[]>();
        votes.set(tag, perTag);
        const list = perTag.get(version) ?? [];
        perTag.set(version, list);
        list.push({ types, cell, cite: cite(version, t), xref });
      }
    }
  }
  return votes;
}

export function assignItemTypes(
  all: VersionTables[], tags: TagEntry[], enums: EnumEntry[], review: TypeReview, notes: string[],
): void {
  const votes = collectVotes(all, tags, notes);
  const reviewed = new Set<string>();
  for (const tag of tags) {
    const r = review[tag.normalized];
    if (r) reviewed.add(tag.normalized);
    const perTag = votes.get(tag);
    if (!perTag) {
      if (r && (r.itemType !== undefined || r.varies)) {
        applyReviewType(tag, r);
      } else if (!tag.itemTypeVaries) {
        notes.push(`no item type for ${tag.name} (${tag.value})`);
      }
      continue;
    }
    if (r && r.itemType !== undefined) notes.push(`type-review entry ${tag.normalized}.itemType is not used: the spec tables type it`);
    const allowed: ItemTypeName[] = [];
    const byVersion: Partial<Record<KmipVersion, ItemTypeName>> = {};
    const allowedByVersion: Partial<Record<KmipVersion, ItemTypeName[]>> = {};
    let prev: ItemTypeName | undefined;
    for (const ver of tag.versions) {
      const list = perTag.get(ver);
      if (!list) {
        if (prev) {
          byVersion[ver] = prev;
          allowedByVersion[ver] = allowedByVersion[tag.versions[tag.versions.indexOf(ver) - 1]];
        }
        continue;
      }
      const counts = new Map<ItemTypeName, number>();
      for (const v of list) for (const t of v.types) counts.set(t, (counts.get(t) ?? 0) + 1);
      const best = Math.max(...counts.values());
      const top = [...counts.entries()].filter(([, n]) => n === best).map(([t]) => t);
      let chosen = prev && top.includes(prev) ? prev : top[0];
      if (r?.primary && counts.has(r.primary)) chosen = r.primary;
      byVersion[ver] = chosen;
      prev = chosen;
      const here: ItemTypeName[] = [chosen];
      for (const v of list) for (const t of v.types) if (!here.includes(t)) here.push(t);
      allowedByVersion[ver] = here;
      for (const v of list) {
        for (const t of v.types) if (!allowed.includes(t)) allowed.push(t);
        pushUnique(tag.sources.itemType, `${v.cite}: ${v.types.join(' or ')}`);
      }
    }
    const firstTyped = tag.versions.find((v) => byVersion[v]);
    for (const ver of tag.versions) {
      if (!byVersion[ver] && firstTyped) {
        byVersion[ver] = byVersion[firstTyped];
        allowedByVersion[ver] = allowedByVersion[firstTyped];
      }
    }
    const newest = byVersion[tag.versions[tag.versions.length - 1]]!;
    tag.itemType = newest;
    tag.itemTypes = [newest, ...allowed.filter((t) => t !== newest)];
    if (new Set(Object.values(byVersion)).size > 1) tag.itemTypeByVersion = byVersion;
    const sameSet = (a: ItemTypeName[] | undefined): boolean =>
      a !== undefined && a.length === tag.itemTypes.length && a.every((t) => tag.itemTypes.includes(t));
    if (!tag.versions.every((v) => sameSet(allowedByVersion[v]))) tag.itemTypesByVersion = allowedByVersion;
    if (r?.primary) pushUnique(tag.sources.itemType, `reviewed primary ${r.primary}: ${r.source} (${r.reason})`);
    if (r?.primary && !allowed.includes(r.primary)) notes.push(`type-review ${tag.normalized}.primary ${r.primary} is not an allowed type`);
  }
  for (const k of Object.keys(review)) if (!reviewed.has(k)) notes.push(`type-review entry ${k} matches no tag`);
  linkEnumerations(all, tags, enums, votes, review, notes);
}

function applyReviewType(tag: TagEntry, r: TypeReviewEntry): void {
  if (r.varies) tag.itemTypeVaries = true;
  if (r.itemType) {
    tag.itemType = r.itemType;
    tag.itemTypes = [r.itemType];
  }
  tag.sources.itemType.push(`reviewed: ${r.source} (${r.reason})`);
}

/**
 * Enumeration used by each tag: an enumeration with the tag's own name wins (spec "see x.y" references
 * are sometimes stale: 1.1 Split Key Method says "see 9.1.3.2.7", which is Digital Signature Algorithm
 * there); else "Enumeration (Tag)" in the cell; else a "see <section>" reference; else the review file.
 */
function linkEnumerations(
  all: VersionTables[], tags: TagEntry[], enums: EnumEntry[], votes: Map<TagEntry, Map<KmipVersion, Vote[]>>,
  review: TypeReview, notes: string[],
): void {
  const enumBySection = new Map<string, EnumEntry>();
  const byNorm = new Map(enums.map((e) => [e.normalized, e]));
  for (const { version, tables } of all) {
    for (const t of tables) {
      const [num, title] = splitSection(t.section);
      const e = byNorm.get(normalizeName(title.replace(/\s+Enumeration$/, '')));
      if (e && e.versions.includes(version)) enumBySection.set(`${version} ${num}`, e);
    }
  }
  for (const tag of tags) {
    if (!tag.itemTypes.includes('Enumeration') && !tag.itemTypes.includes('Integer')) continue;
    const sameName = byNorm.get(tag.normalized);
    const why = new Set<string>();
    let found: EnumEntry | undefined = sameName;
    if (sameName) why.add(`enumeration of the same name (${sameName.sources[sameName.sources.length - 1]})`);
    for (const [ver, list] of votes.get(tag) ?? []) {
      for (const v of list) {
        const named = /Enumeration\s*\(([^)]+)\)/i.exec(v.cell)?.[1];
        const ref = /see\s+([\d.]*\d)/i.exec(v.cell)?.[1];
        const e = (named && byNorm.get(normalizeName(named))) || (ref ? enumBySection.get(`${ver} ${ref}`) : undefined);
        if (!e) continue;
        if (found && found !== e) {
          notes.push(`${tag.name}: ${v.cite} points to ${e.name}; kept ${found.name}`);
          continue;
        }
        found = e;
        why.add(`${v.cite}: ${v.cell}`);
      }
    }
    const r = review[tag.normalized];
    if (!found && r?.enumeration) {
      found = byNorm.get(r.enumeration);
      if (found) why.add(`reviewed: ${r.source} (${r.reason})`);
      else notes.push(`type-review ${tag.normalized}.enumeration ${r.enumeration} is unknown`);
    }
    if (found) {
      tag.enumeration = found.normalized;
      tag.sources.enumeration = [...why].sort();
    } else if (tag.itemType === 'Enumeration') {
      notes.push(`no enumeration for Enumeration tag ${tag.name}`);
    }
  }
}
