/**
 * Cross-check of the generated KMIP data against real client captures (../shared/conformance/captures,
 * pretty-hex TTLV): every tag is known and defined in the message's protocol version, its item type is
 * one the spec allows for that version, and Enumeration values are defined in that version.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ENUM_INFO, enumForTag, isEnumValueDefinedIn, ITEM_TYPE_NAMES, KmipVersion, Tag, tagInfo } from '../../../src/kmip';
import { describeWithShared } from './shared';

interface Item { tag: number; type: number; value?: number }

/** Items of a capture file: "420078 01 00000118" (structure) or "42006a 02 00000004 00000001 00000000". */
function readCapture(file: string): Item[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => {
      const p = l.trim().split(/\s+/);
      return { tag: parseInt(p[0], 16), type: parseInt(p[1], 16), value: p[3] === undefined ? undefined : parseInt(p[3], 16) };
    });
}

function listHex(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listHex(path.join(dir, e.name)) : e.name.endsWith('.hex') ? [path.join(dir, e.name)] : [],
  );
}

describeWithShared('conformance/captures', 'client capture cross-check', (dir) => {
  const problems: string[] = [];
  let items = 0;
  let enumValues = 0;
  const files = listHex(dir);
  for (const file of files) {
    const list = readCapture(file);
    const major = list.find((i) => i.tag === Tag.ProtocolVersionMajor)?.value;
    const minor = list.find((i) => i.tag === Tag.ProtocolVersionMinor)?.value;
    const version = `${major}.${minor}` as KmipVersion;
    const where = path.relative(dir, file);
    for (const it of list) {
      items++;
      if (it.tag >= 0x540000 && it.tag <= 0x54ffff) continue; // extension tags
      const t = tagInfo(it.tag);
      if (!t) {
        problems.push(`${where}: unknown tag 0x${it.tag.toString(16)}`);
        continue;
      }
      if (!t.versions.includes(version)) problems.push(`${where}: ${t.normalized} not defined in ${version}`);
      const allowed = t.itemTypesByVersion?.[version] ?? t.itemTypes;
      const type = ITEM_TYPE_NAMES[it.type];
      if (t.itemType !== null && !allowed.includes(type)) problems.push(`${where}: ${t.normalized} is ${type}, spec ${allowed.join('|')}`);
      const e = enumForTag(it.tag);
      if (type === 'Enumeration' && e && e !== ENUM_INFO.Tag && it.value !== undefined && it.value < 0x80000000) {
        enumValues++;
        if (!isEnumValueDefinedIn(e, it.value, version)) problems.push(`${where}: ${e.normalized} 0x${it.value.toString(16)} not in ${version}`);
      }
    }
  }

  it('reads every capture', () => {
    // eslint-disable-next-line no-console
    console.log(`capture cross-check: ${files.length} files, ${items} items, ${enumValues} enumeration values`);
    expect(files.length).toBeGreaterThan(50);
    expect(items).toBeGreaterThan(1000);
    expect(enumValues).toBeGreaterThan(100);
  });

  it('agrees with the spec data', () => {
    expect(problems).toEqual([]);
  });
});
