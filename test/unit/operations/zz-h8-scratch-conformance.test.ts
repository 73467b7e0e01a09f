// TEMPORARY scratch (H8): run the OASIS vectors, write the report to /tmp. Deleted before handing in.
import * as fs from 'node:fs';
import { runConformanceCommand } from '../../../src/cli/commands/conformance';
test('scratch', async () => {
  const writes: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    writes.push(String(s));
    return true;
  });
  try {
    await runConformanceCommand((process.env.H8_PATHS ?? '').split(','), { json: true, quiet: true, software: true });
  } finally {
    spy.mockRestore();
  }
  fs.writeFileSync('/tmp/h8/conf.json', writes.join(''));
}, 900000);
