/**
 * The TypeScript in src/kmip/ is generated from the committed JSON in spec/data/. This test regenerates
 * it in memory and fails if a committed file differs (edit the data and run `npm run spec:generate --
 * --ts-only`, never the generated code).
 */
import * as fs from 'fs';
import * as path from 'path';
import { readData } from '../../../spec/lib/data-io';
import { emitAll } from '../../../spec/lib/emit-ts';
import { ROOT } from './shared';

describe('src/kmip generated code matches spec/data', () => {
  const files = emitAll(readData(path.join(ROOT, 'spec', 'data')));

  it('emits the four generated modules', () => {
    expect(Object.keys(files).sort()).toEqual([
      'src/kmip/enums.ts', 'src/kmip/masks.ts', 'src/kmip/spec-tables.ts', 'src/kmip/tags.ts',
    ]);
  });

  it.each(Object.keys(files))('%s is up to date', (rel) => {
    const committed = fs.readFileSync(path.join(ROOT, rel), 'utf8');
    // Compare line by line first for a readable failure, then the whole text.
    const a = committed.split('\n');
    const b = files[rel].split('\n');
    const firstDiff = a.findIndex((line, i) => line !== b[i]);
    expect(firstDiff === -1 ? null : { line: firstDiff + 1, committed: a[firstDiff], generated: b[firstDiff] }).toBeNull();
    expect(committed).toBe(files[rel]);
  });
});
