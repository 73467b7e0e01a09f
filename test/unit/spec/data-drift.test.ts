/**
 * Reruns the HTML -> JSON extraction over ../shared/spec/kmip and fails if the committed spec/data/*.json
 * drifted from what the generator produces (skips with a reason when ../shared is absent; fails in CI).
 */
import * as fs from 'fs';
import * as path from 'path';
import { generateData, readReviewedEnums, readTypeReview } from '../../../spec/generate';
import { describeWithShared, ROOT } from './shared';

const DATA = path.join(ROOT, 'spec', 'data');

describeWithShared('spec/kmip', 'spec/data matches the extraction from the OASIS HTML', (specDir) => {
  const { files } = generateData(specDir, readTypeReview(DATA), readReviewedEnums(DATA));

  it.each(Object.keys(files))('%s is up to date', (name) => {
    const committed = fs.readFileSync(path.join(DATA, name), 'utf8');
    if (committed !== files[name]) {
      const a = committed.split('\n');
      const b = files[name].split('\n');
      const i = a.findIndex((line, k) => line !== b[k]);
      throw new Error(`${name} drifted at line ${i + 1}:\n  committed: ${a[i]}\n  generated: ${b[i]}`);
    }
  });
});
