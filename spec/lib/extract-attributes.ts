/** Attribute rules ("Initially set by", "Modifiable by client", ...) from each attribute's rules table. */
import { AttributeRuleEntry, RuleAnswer, TagEntry } from './model';
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

/** "Yes" -> yes; "No", "No, but only by the server ..." -> no; "Yes, only while ..." -> conditional. */
export function ruleAnswer(text: string | null): RuleAnswer | null {
  if (text === null) return null;
  const t = text.trim();
  if (/^no\b/i.test(t)) return 'no';
  if (/^yes\.?$/i.test(t)) return 'yes';
  if (/^yes\b/i.test(t)) return 'conditional';
  return null;
}

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
          deletableByClient: null, implicitlySetBy: null, appliesTo: null, clientMaySet: false, serverMaySet: false,
          serverMayModify: null, clientMayModify: null, clientMayDelete: null, rules, sources: [],
        };
        byName.set(normalized, a);
        for (const [k, v] of Object.entries(rules)) {
          const key = RULE_KEYS[k.toLowerCase()];
          if (key) (a as unknown as Record<string, unknown>)[key] = v;
          if (/^(multiple instances permitted|single or multiple instances)/i.test(k)) {
            a.multiInstance = /^(yes|multiple)/i.test(v);
          }
        }
        a.clientMaySet = /\bclient\b/i.test(a.initiallySetBy ?? '');
        a.serverMaySet = /\bserver\b/i.test(a.initiallySetBy ?? '');
        a.serverMayModify = ruleAnswer(a.modifiableByServer);
        a.clientMayModify = ruleAnswer(a.modifiableByClient);
        a.clientMayDelete = ruleAnswer(a.deletableByClient);
        for (const k of ['serverMayModify', 'clientMayModify', 'clientMayDelete'] as const) {
          if (a[k] === null) notes.push(`attribute ${title}: cannot read ${k} from the rules table`);
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
