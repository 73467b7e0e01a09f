/** Attribute rules ("Initially set by", "Modifiable by client", ...) from each attribute's rules table. */
import { AttributeRuleEntry, TagEntry } from './model';
import { normalizeName } from './normalize';
import { addVersion, cite, splitSection, VersionTables } from './spec-source';

const RULE_KEYS: Record<string, keyof AttributeRuleEntry> = {
  'shall always have a value': 'alwaysHasValue',
  'initially set by': 'initiallySetBy',
  'modifiable by server': 'modifiableByServer',
  'modifiable by client': 'modifiableByClient',
  'deletable by client': 'deletableByClient',
  'when implicitly set': 'implicitlySetBy',
  'applies to object types': 'appliesTo',
};

export function extractAttributes(all: VersionTables[], tags: TagEntry[], notes: string[]): AttributeRuleEntry[] {
  const byName = new Map<string, AttributeRuleEntry>();
  const tagByNorm = new Map<string, TagEntry>();
  for (const t of tags) {
    tagByNorm.set(t.normalized, t);
    for (const n of Object.keys(t.otherNames ?? {})) tagByNorm.set(normalizeName(n), t);
  }
  // Newest version first: the rules recorded are the newest version's.
  for (const { version, tables } of [...all].reverse()) {
    for (const t of tables) {
      const rules: Record<string, string> = {};
      for (const r of t.rows) if (r.length >= 2) rules[r[0].replace(/\s+/g, ' ').trim()] = r[1].trim();
      if (!Object.keys(rules).some((k) => /^initially set by$/i.test(k))) continue;
      const [num, title] = splitSection(t.section);
      if (!num.includes('.')) continue; // the general "Attribute Rules" explanation table
      const normalized = normalizeName(title);
      let a = byName.get(normalized);
      if (!a) {
        const tag = tagByNorm.get(normalized);
        a = {
          name: title, normalized, tag: tag ? tag.value : null, versions: [], multiInstance: null,
          alwaysHasValue: null, initiallySetBy: null, modifiableByServer: null, modifiableByClient: null,
          deletableByClient: null, implicitlySetBy: null, appliesTo: null, rules, sources: [],
        };
        byName.set(normalized, a);
        for (const [k, v] of Object.entries(rules)) {
          const key = RULE_KEYS[k.toLowerCase()];
          if (key) (a as unknown as Record<string, unknown>)[key] = v;
          if (/^(multiple instances permitted|single or multiple instances)/i.test(k)) {
            a.multiInstance = /^(yes|multiple)/i.test(v);
          }
        }
        if (a.multiInstance === null) notes.push(`attribute ${title}: rules table does not say whether multiple instances are permitted`);
        if (!a.tag) notes.push(`attribute ${title}: no tag named ${normalized}`);
      }
      addVersion(a, version);
      a.sources.push(cite(version, t));
    }
  }
  const attrs = [...byName.values()].sort((a, b) => a.normalized.localeCompare(b.normalized));
  for (const a of attrs) {
    a.versions.sort();
    a.sources.sort();
  }
  return attrs;
}
