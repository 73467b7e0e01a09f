/**
 * The attribute rules as the specification data gives them (src/kmip ATTRIBUTE_INFO, generated from
 * spec/data): attribute name <-> tag, the versions that define each attribute, multi-instance, and who may
 * set, modify and delete it. This file only reads that data into a shape the converters and operations use;
 * it holds no table of its own.
 */
import { ATTRIBUTE_INFO, TAG_INFO, isTagDefinedIn } from '../kmip';

export interface VersionLike {
  major: number;
  minor: number;
}

export interface AttributeSpec {
  name: string;
  tag: number;
  versions: readonly string[];
  multiInstance: boolean;
  /** A client may supply it on Create/Register or add it later. */
  clientMaySet: boolean;
  /** A client may change it after creation (Modify Attribute / Set Attribute). */
  clientMayModify: boolean;
  /** A client may delete it. */
  clientMayDelete: boolean;
}

export function versionKey(v: VersionLike): string {
  return `${v.major}.${v.minor}`;
}

/** Custom attributes: "x-" (client) and "y-" (server) names in 1.x, Vendor Identification + name in 2.x. */
export function isCustomName(name: string): boolean {
  return /^[^\s-]+-./.test(name) && !BY_NAME.has(name.toLowerCase());
}

/** The rule texts are sentences ("Yes", "No", "Server", "Server or Client", "Yes, only by ..."). */
function yes(text: string | null | undefined): boolean {
  return typeof text === 'string' && /^\s*yes/i.test(text);
}
function mentionsClient(text: string | null | undefined): boolean {
  return typeof text === 'string' && /client/i.test(text);
}

type RawInfo = {
  name: string;
  tag: number | string | null;
  versions: readonly string[];
  multiInstance: boolean | null;
  initiallySetBy: string | null;
  modifiableByClient: string | null;
  deletableByClient: string | null;
  otherNames?: Readonly<Record<string, readonly string[]>>;
};

const BY_NAME = new Map<string, AttributeSpec>();
const BY_TAG = new Map<number, AttributeSpec>();

function load(): void {
  const infos = (Array.isArray(ATTRIBUTE_INFO) ? ATTRIBUTE_INFO : Object.values(ATTRIBUTE_INFO)) as unknown as RawInfo[];
  for (const raw of infos) {
    if (raw.tag === null || raw.tag === undefined) continue;
    const tag = typeof raw.tag === 'number' ? raw.tag : parseInt(raw.tag, 16);
    const spec: AttributeSpec = {
      name: raw.name,
      tag,
      versions: raw.versions,
      multiInstance: raw.multiInstance === true,
      clientMaySet: mentionsClient(raw.initiallySetBy),
      clientMayModify: yes(raw.modifiableByClient),
      clientMayDelete: yes(raw.deletableByClient),
    };
    BY_NAME.set(raw.name.toLowerCase(), spec);
    for (const other of Object.keys(raw.otherNames ?? {})) BY_NAME.set(other.toLowerCase(), spec);
    if (!BY_TAG.has(tag)) BY_TAG.set(tag, spec);
  }
  loadCertificateAttributes(infos);
}

/**
 * KMIP 2.x "Certificate Attributes" (2.1 §4.6 Table 39) is one rules table for 24 attributes, each with its own
 * tag (Certificate Subject CN 0x420108 ... Certificate Issuer DN Qualifier 0x42011F); the spec data carries the
 * table with tag null. Its members are read from the tag data: the Text String tags named "Certificate Subject
 * <item>" / "Certificate Issuer <item>" that 2.0 defines (the 1.x Distinguished/Alternative Name fields are
 * 1.x-only, so they are not among them), with the table's rules and the versions of each tag (1.4 defines the
 * tags and its test cases use them as attributes, TC-CERTATTR-1-14).
 */
function loadCertificateAttributes(infos: RawInfo[]): void {
  const table = infos.find((r) => r.name === 'Certificate Attributes' && (r.tag === null || r.tag === undefined));
  if (!table) return;
  for (const t of TAG_INFO) {
    if (!/^Certificate (Subject|Issuer) \S/.test(t.name) || t.itemType !== 'TextString' || !t.versions.includes('2.0')) continue;
    if (BY_NAME.has(t.name.toLowerCase())) continue;
    const spec: AttributeSpec = {
      name: t.name,
      tag: t.tag,
      versions: t.versions,
      multiInstance: table.multiInstance === true,
      clientMaySet: mentionsClient(table.initiallySetBy),
      clientMayModify: yes(table.modifiableByClient),
      clientMayDelete: yes(table.deletableByClient),
    };
    BY_NAME.set(t.name.toLowerCase(), spec);
    if (!BY_TAG.has(t.tag)) BY_TAG.set(t.tag, spec);
  }
}
load();

/** The attribute with this specification name (any version's spelling, case-insensitive). */
export function attributeSpec(name: string): AttributeSpec | undefined {
  return BY_NAME.get(name.toLowerCase());
}

export function attributeSpecByTag(tag: number): AttributeSpec | undefined {
  return BY_TAG.get(tag);
}

/** Canonical name of a standard attribute, or the name itself for custom ones. */
export function canonicalName(name: string): string {
  return attributeSpec(name)?.name ?? name;
}

/** Whether `version` defines this attribute (custom attributes exist in every version). */
export function attributeDefinedIn(name: string, version: VersionLike): boolean {
  const spec = attributeSpec(name);
  if (!spec) return isCustomName(name);
  return spec.versions.includes(versionKey(version)) && isTagDefinedIn(spec.tag, versionKey(version));
}

export function allAttributeSpecs(): AttributeSpec[] {
  return [...new Set(BY_NAME.values())];
}
