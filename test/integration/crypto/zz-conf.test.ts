import * as fs from 'node:fs';
import * as path from 'node:path';
import { runConformance } from '../../../conformance/runner';
test('conf', async () => {
  const dir = '/tmp/h6/vec';
  const files = fs.readdirSync(dir).filter((f) => /^CS-(BC|AC|RNG)/.test(f)).map((f) => path.join(dir, f));
  const rs = await runConformance({ files, local: { hsm: (process.env.H6HSM as 'software') ?? 'auto' } });
  for (const r of rs) process.stdout.write(`${r.status} ${r.display} ${r.pairsPassed}/${r.pairs} ${r.failure ? JSON.stringify(r.failure).slice(0, 600) : ''}\n`);
}, 600000);
