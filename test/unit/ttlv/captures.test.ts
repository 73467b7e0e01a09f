/**
 * Every real-client capture (../shared/conformance/captures/**\/*.hex): the pretty-hex loader gives
 * the bytes the manifest describes, the bytes decode and re-encode to the same bytes, and print back
 * to the same text.
 */
import { createHash } from 'crypto';
import { decodeTtlv, encodeTtlv, formatPrettyHex, prettyHexBody, toPrettyHex, FrameDecoder } from '../../../src/ttlv';
import { ItemType } from '../../../src/kmip/item-type';
import { CAPTURES_SUBDIR, loadCaptures, loadManifest } from './captures-loader';
import { describeWithShared } from './shared-dir';

describeWithShared('real-client captures', CAPTURES_SUBDIR, () => {
  const captures = loadCaptures();
  const manifest = loadManifest();

  test('there are captures to check', () => {
    expect(captures.length).toBeGreaterThanOrEqual(90);
  });

  describe.each(captures.map((c) => [c.name, c] as const))('%s', (name, c) => {
    test('loads to the bytes in MANIFEST.tsv', () => {
      const row = manifest.get(name);
      expect(row).toBeDefined();
      expect(c.bytes.length).toBe(row!.bytes);
      expect(createHash('sha256').update(c.bytes).digest('hex')).toBe(row!.sha256);
    });

    test('decodes as a message and re-encodes to the same bytes', () => {
      const item = decodeTtlv(c.bytes);
      expect(item.type).toBe(ItemType.Structure);
      expect([0x420078, 0x42007b]).toContain(item.tag); // Request Message / Response Message
      expect(encodeTtlv(item).equals(c.bytes)).toBe(true);
    });

    test('pretty-prints back to the same text', () => {
      const body = prettyHexBody(c.text);
      expect(formatPrettyHex(c.bytes)).toBe(body);
      expect(toPrettyHex(decodeTtlv(c.bytes))).toBe(body);
    });

    test('frames identically at every split point', () => {
      const n = c.bytes.length;
      for (let cut = 0; cut <= n; cut++) {
        const d = new FrameDecoder();
        const got = [...d.push(c.bytes.subarray(0, cut)), ...d.push(c.bytes.subarray(cut))];
        if (got.length !== 1 || !got[0].equals(c.bytes) || d.buffered !== 0) {
          throw new Error(`split at ${cut} of ${n}: got ${got.length} frames, ${d.buffered} buffered`);
        }
      }
    });
  });

  test('all captures back to back in one stream, in one chunk and in odd chunk sizes', () => {
    const stream = Buffer.concat(captures.map((c) => c.bytes));
    const whole = new FrameDecoder().push(stream);
    expect(whole.map((b) => b.toString('hex'))).toEqual(captures.map((c) => c.bytes.toString('hex')));
    for (const size of [1, 3, 7, 8, 13, 100, 1021]) {
      const d = new FrameDecoder();
      const out: Buffer[] = [];
      for (let i = 0; i < stream.length; i += size) out.push(...d.push(stream.subarray(i, i + size)));
      expect(out.length).toBe(captures.length);
      expect(Buffer.concat(out).equals(stream)).toBe(true);
      expect(d.buffered).toBe(0);
    }
  });
});
