/**
 * CI regression gate of issue 5: every mandatory OASIS vector file (1.0/1.1/1.2 profiles-extracted,
 * 1.4 and 2.1 profiles) replayed by the conformance runner against real local Tumblers (real mutual
 * TLS, real SQLite files, SoftHSM2 through PKCS#11), checked against the committed baseline
 * conformance/baseline.json: a file the baseline lists as passing must pass, a failing one must get at
 * least as far as it did. Regenerate the baseline after an improvement (conformance/README.md).
 *
 * The run shares what the runner can share: one CA, one client certificate and one SoftHSM2 token for
 * all servers; each file (or test sequence) still gets its own server and store, because the vectors
 * use fixed Names that a shared store would mix up.
 *
 * Without ../shared or SoftHSM2 the gate is skipped with a message, except under CI=true where it fails.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { findVectorFiles } from '../../../conformance/runner/discover';
import { runConformance } from '../../../conformance/runner/run';
import { regression, vectorKey, MANDATORY_SETS, type Baseline, type RunRecord } from '../../../conformance/runner/baseline';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SHARED = path.resolve(ROOT, '..', 'shared', 'conformance', 'oasis');
const BASELINE_FILE = path.join(ROOT, 'conformance', 'baseline.json');
const SOFTHSM = ['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so'];
const ci = process.env.CI === 'true';

const haveShared = fs.existsSync(SHARED);
const haveSoftHsm = SOFTHSM.some((m) => fs.existsSync(m)) && spawnSync('softhsm2-util', ['--version'], { stdio: 'ignore' }).status === 0;
const missing = [!haveShared && `the OASIS vectors (${SHARED})`, !haveSoftHsm && 'SoftHSM2 (libsofthsm2.so, softhsm2-util)'].filter(Boolean);
const runnable = missing.length === 0;
if (!runnable && !ci) {
  // eslint-disable-next-line no-console
  console.warn(`skipping the mandatory conformance gate: missing ${missing.join(' and ')}`);
}
const describeGate = runnable || ci ? describe : describe.skip;

const baseline: Baseline = JSON.parse(fs.readFileSync(BASELINE_FILE, 'utf8'));
const RUN_TIMEOUT_MS = 30 * 60_000;

describeGate('mandatory OASIS vector sets against the committed baseline', () => {
  const results = new Map<string, RunRecord>();
  let files: string[] = [];

  beforeAll(async () => {
    if (!runnable) throw new Error(`CI=true: the mandatory conformance gate needs ${missing.join(' and ')}`);
    files = findVectorFiles(MANDATORY_SETS.map((s) => path.join(SHARED, s)));
    // 'pkcs11': fail rather than fall back to the software provider (the baseline is SoftHSM2's).
    const run = await runConformance({ files, local: { hsm: 'pkcs11' } });
    for (const r of run) results.set(vectorKey(r.file), r);
  }, RUN_TIMEOUT_MS);

  it('the baseline lists exactly the mandatory files present', () => {
    const present = files.map(vectorKey).sort();
    expect(baseline.files.map((e) => e.file).sort()).toEqual(present);
    expect(baseline.sets).toEqual([...MANDATORY_SETS]);
  });

  it.each(baseline.files.map((e) => [e.file, e] as const))('%s does not regress', (_file, entry) => {
    const r = results.get(entry.file);
    expect(r).toBeDefined();
    expect(regression(entry, r!)).toBeUndefined();
  });
});
