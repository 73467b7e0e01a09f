/** Shapes of the reviewed JSON data in spec/data/. Shared by the extractor, the emitter and the tests. */

export const KMIP_VERSIONS = ['1.0', '1.1', '1.2', '1.3', '1.4', '2.0', '2.1'] as const;
export type KmipVersion = (typeof KMIP_VERSIONS)[number];

/** Item type names as in src/kmip/item-type.ts (normalized spec names). */
export type ItemTypeName =
  | 'Structure' | 'Integer' | 'LongInteger' | 'BigInteger' | 'Enumeration' | 'Boolean'
  | 'TextString' | 'ByteString' | 'DateTime' | 'Interval' | 'DateTimeExtended';

export interface TagEntry {
  /** Spec name in the newest version that defines the tag. */
  name: string;
  normalized: string;
  /** "0x42xxxx" */
  value: string;
  /** null when no spec table gives a type (see sources.itemType). */
  itemType: ItemTypeName | null;
  /** True when the spec says the encoding varies (Attribute Value: "Varies, depending on attribute"). */
  itemTypeVaries?: boolean;
  /** Every item type the spec tables allow for this tag in any version (primary first). */
  itemTypes: ItemTypeName[];
  /** Allowed item types per version (primary first), only when they differ between versions. */
  itemTypesByVersion?: Partial<Record<KmipVersion, ItemTypeName[]>>;
  /** Primary item type per version, only when it differs between versions. */
  itemTypeByVersion?: Partial<Record<KmipVersion, ItemTypeName>>;
  versions: KmipVersion[];
  /** Other spec names the same value carried in older versions (spec name -> versions). */
  otherNames?: Record<string, KmipVersion[]>;
  /** Versions whose tag table marks the tag "(deprecated ...)"; it is still defined there. */
  deprecatedIn?: KmipVersion[];
  /** Name of the enumeration or mask that this tag's Enumeration/Integer values use. */
  enumeration?: string;
  sources: { tag: string[]; itemType: string[]; enumeration?: string[] };
}

export interface EnumValueEntry {
  name: string;
  normalized: string;
  /** "0x0000000A" */
  value: string;
  versions: KmipVersion[];
  otherNames?: Record<string, KmipVersion[]>;
  /** Versions whose table marks the value "(deprecated)". */
  deprecatedIn?: KmipVersion[];
}

export interface EnumEntry {
  name: string;
  normalized: string;
  kind: 'enumeration' | 'mask';
  versions: KmipVersion[];
  values: EnumValueEntry[];
  sources: string[];
}

export interface AttributeRuleEntry {
  name: string;
  normalized: string;
  /** Tag value "0x42xxxx" of the attribute (null if the attribute has no tag of its own, e.g. Custom Attribute). */
  tag: string | null;
  versions: KmipVersion[];
  multiInstance: boolean | null;
  alwaysHasValue: string | null;
  initiallySetBy: string | null;
  modifiableByServer: string | null;
  modifiableByClient: string | null;
  deletableByClient: string | null;
  implicitlySetBy: string | null;
  appliesTo: string | null;
  /** Derived from the texts above: who may set the attribute initially. */
  clientMaySet: boolean;
  serverMaySet: boolean;
  /** Derived: 'yes' (plain "Yes"), 'no' (starts with "No"), 'conditional' ("Yes, only while ..."). */
  serverMayModify: RuleAnswer | null;
  clientMayModify: RuleAnswer | null;
  clientMayDelete: RuleAnswer | null;
  /** Raw rule rows of the newest version (rule -> text). */
  rules: Record<string, string>;
  sources: string[];
}

export type RuleAnswer = 'yes' | 'no' | 'conditional';

