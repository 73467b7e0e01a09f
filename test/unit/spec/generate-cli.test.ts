import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main, projectRoot } from '../../../spec/generate';
import { ROOT } from './shared';

describe('spec/generate.ts command line', () => {
  let tmp: string;
  let out: jest.SpyInstance;
  let err: jest.SpyInstance;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kmip-gen-'));
    out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    out.mockRestore();
    err.mockRestore();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('finds the project root from spec/', () => {
    expect(projectRoot(path.join(ROOT, 'spec'))).toBe(ROOT);
  });

  it('rejects unknown arguments with exit code 2', () => {
    expect(main(['--frobnicate'])).toBe(2);
    expect(String(err.mock.calls[0][0])).toContain('unknown argument --frobnicate');
  });

  it('fails with exit code 1 when the specification folder is missing', () => {
    expect(main(['--root', tmp, '--spec-dir', path.join(tmp, 'nope')])).toBe(1);
    expect(String(err.mock.calls[0][0])).toContain('specification folder not found');
  });

  it('--ts-only writes src/kmip from the data of another root, identical to the committed code', () => {
    fs.mkdirSync(path.join(tmp, 'spec', 'data'), { recursive: true });
    for (const f of fs.readdirSync(path.join(ROOT, 'spec', 'data'))) {
      fs.copyFileSync(path.join(ROOT, 'spec', 'data', f), path.join(tmp, 'spec', 'data', f));
    }
    expect(main(['--root', tmp, '--ts-only'])).toBe(0);
    for (const f of ['tags.ts', 'enums.ts', 'masks.ts', 'spec-tables.ts']) {
      expect(fs.readFileSync(path.join(tmp, 'src', 'kmip', f), 'utf8')).toBe(
        fs.readFileSync(path.join(ROOT, 'src', 'kmip', f), 'utf8'),
      );
    }
    // The hand-written index.ts is not touched by the generator.
    expect(fs.existsSync(path.join(tmp, 'src', 'kmip', 'index.ts'))).toBe(false);
  });
});
