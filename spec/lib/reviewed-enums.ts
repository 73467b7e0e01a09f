/**
 * Enumerations that KMIP defines by reference instead of a "Name | Value" table (2.x §11.38 PKCS#11
 * Function: offsets in CK_FUNCTION_LIST_3_0; §11.39 PKCS#11 Return Code: CK_RV values). Their values
 * come from the hand-reviewed input spec/data/pkcs11-enums.json and are merged with the extracted
 * enumerations before tags are linked, so the tags of the same name find them.
 */
import { EnumEntry, KMIP_VERSIONS, KmipVersion } from './model';
import { normalizeName } from './normalize';
import { hexValue } from './spec-source';

export interface ReviewedEnum {
  /** Spec name of the enumeration ("PKCS#11 Function"). */
  name: string;
  versions: KmipVersion[];
  /** Citation of the spec section; "{v}" stands for each version ("KMIP {v} §11.38 ..."). */
  source: string;
  /** Where the values come from. */
  reason: string;
  /** [value name, "0x%08X"] pairs. */
  values: [string, string][];
}

export interface ReviewedEnums {
  enumerations: ReviewedEnum[];
}

/** Reviewed enumerations as data entries, or an Error describing the first bad entry. */
export function reviewedEnumEntries(input: ReviewedEnums, extracted: EnumEntry[]): EnumEntry[] {
  const out: EnumEntry[] = [];
  for (const r of input.enumerations) {
    const normalized = normalizeName(r.name);
    if (extracted.some((e) => e.normalized === normalized)) {
      throw new Error(`reviewed enumeration ${r.name} is also extracted from a spec table; drop it from the review file`);
    }
    for (const v of r.versions) if (!KMIP_VERSIONS.includes(v)) throw new Error(`reviewed enumeration ${r.name}: unknown version ${v}`);
    const versions = KMIP_VERSIONS.filter((v) => r.versions.includes(v));
    const values = r.values.map(([name, hex]) => {
      if (!/^0x[0-9A-F]{8}$/.test(hex) || parseInt(hex, 16) >= 0x80000000) {
        throw new Error(`reviewed enumeration ${r.name}: bad value ${hex} for ${name}`);
      }
      return { name, normalized: normalizeName(name), value: hexValue(parseInt(hex, 16)), versions: [...versions] };
    });
    values.sort((a, b) => parseInt(a.value, 16) - parseInt(b.value, 16));
    for (let i = 1; i < values.length; i++) {
      if (values[i].value === values[i - 1].value) throw new Error(`reviewed enumeration ${r.name}: duplicate value ${values[i].value}`);
    }
    if (new Set(values.map((v) => v.normalized)).size !== values.length) {
      throw new Error(`reviewed enumeration ${r.name}: duplicate normalized names`);
    }
    out.push({
      name: r.name,
      normalized,
      kind: 'enumeration',
      versions,
      values,
      sources: versions.map((v) => `${r.source.replace('{v}', v)}; reviewed: ${r.reason}`),
    });
  }
  return out;
}
