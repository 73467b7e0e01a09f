/** Test sequences (conformance/runner/sequences.ts): which files continue earlier ones, and run units. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isContinuation, planRuns, sequenceName } from '../../../conformance/runner/sequences';
import { en, request, response, text, vector } from './helpers';

describe('sequenceName', () => {
  it('reads the group and position of official and OVH names', () => {
    const a = sequenceName('/v/1.4/profiles/mandatory/SASED-M-3-14.xml');
    expect(a).toMatchObject({ stem: 'SASED-M', number: 3 });
    expect(a?.key).toBe(`${path.resolve('/v/1.4/profiles/mandatory')}|SASED-M|14`);
    const b = sequenceName('/v/1.0/extracted-ovh/SASED_M_2_10_storage_array_register.xml');
    expect(b).toMatchObject({ stem: 'SASED-M', number: 2 });
    expect(sequenceName('/v/1.4/testcases/TC-CREG-2-14.xml')).toMatchObject({ stem: 'TC-CREG', number: 2 });
    expect(sequenceName('/v/2.1/profiles/mandatory/CS-AC-M-OAEP-10-21.xml')).toMatchObject({ stem: 'CS-AC-M-OAEP', number: 10 });
  });

  it('keeps versions and directories apart', () => {
    expect(sequenceName('/v/a/TL-M-1-14.xml')?.key).not.toBe(sequenceName('/v/a/TL-M-1-21.xml')?.key);
    expect(sequenceName('/v/a/TL-M-1-14.xml')?.key).not.toBe(sequenceName('/v/b/TL-M-1-14.xml')?.key);
  });

  it('gives OVH "TC_nnn" names (Test Cases sections) and unnumbered names no sequence', () => {
    expect(sequenceName('/v/1.1/extracted-ovh/TC_151_11_Locate_a_Fresh_Object_from_the_Default_Group.xml')).toBeUndefined();
    expect(sequenceName('/v/x/README.xml')).toBeUndefined();
  });
});

describe('isContinuation', () => {
  const uid = text('UniqueIdentifier', '$UNIQUE_IDENTIFIER_0');
  it('is a first Locate that expects to find an object', () => {
    expect(isContinuation(vector(request([{ op: 'Locate' }]), response([{ op: 'Locate', payload: uid }])))).toBe(true);
  });
  it('is not a first Locate that expects nothing, nor a file that starts by creating', () => {
    expect(isContinuation(vector(request([{ op: 'Locate' }]), response([{ op: 'Locate' }])))).toBe(false);
    const create = vector(request([{ op: 'Create', payload: en('ObjectType', 'SymmetricKey') }]), response([{ op: 'Create', payload: uid }]));
    expect(isContinuation(create)).toBe(false);
  });
});

describe('planRuns', () => {
  const dir = path.resolve('/v/1.4/profiles/mandatory');
  const f = (n: string) => path.join(dir, n);
  const listing = ['SASED-M-1-14.xml', 'SASED-M-2-14.xml', 'SASED-M-3-14.xml', 'SKLC-M-1-14.xml', 'SKLC-M-2-14.xml', 'X-M-1-14.xml', 'X-M-2-14.xml', 'X-M-3-14.xml', 'X-M-10-14.xml'].map(f);
  const conts = new Set([f('SASED-M-3-14.xml'), f('X-M-2-14.xml'), f('X-M-10-14.xml')]);
  const opts = { continuation: (x: string) => conts.has(path.resolve(x)), listDir: () => listing };
  const shape = (units: ReturnType<typeof planRuns>) =>
    units.map((u) => ({ seq: u.sequence, files: u.files.map((x) => `${path.basename(x.file)}${x.report ? '' : '*'}`) }));

  it('runs a group up to its last continuation in numeric order on one server; other files alone', () => {
    const units = planRuns(listing.slice().sort(), opts);
    expect(shape(units)).toEqual([
      { seq: true, files: ['SASED-M-1-14.xml', 'SASED-M-2-14.xml', 'SASED-M-3-14.xml'] },
      { seq: false, files: ['SKLC-M-1-14.xml'] },
      { seq: false, files: ['SKLC-M-2-14.xml'] },
      // X-M-10 is the last continuation: 1, 2, 3, 10 in numeric order (not "1, 10, 2, 3").
      { seq: true, files: ['X-M-1-14.xml', 'X-M-2-14.xml', 'X-M-3-14.xml', 'X-M-10-14.xml'] },
    ]);
  });

  it('replays unselected earlier members first as prerequisites (not reported)', () => {
    const units = planRuns([f('SASED-M-3-14.xml'), f('SKLC-M-1-14.xml')], opts);
    expect(shape(units)).toEqual([
      { seq: true, files: ['SASED-M-1-14.xml*', 'SASED-M-2-14.xml*', 'SASED-M-3-14.xml'] },
      { seq: false, files: ['SKLC-M-1-14.xml'] },
    ]);
  });

  it('does not extend a sequence past its last selected continuation', () => {
    const units = planRuns([f('X-M-2-14.xml'), f('X-M-3-14.xml')], opts);
    expect(shape(units)).toEqual([
      { seq: true, files: ['X-M-1-14.xml*', 'X-M-2-14.xml'] },
      { seq: false, files: ['X-M-3-14.xml'] },
    ]);
  });

  it('reports each selected file exactly once', () => {
    const units = planRuns([...listing, ...listing], opts);
    const reported = units.flatMap((u) => u.files.filter((x) => x.report).map((x) => x.file));
    expect(reported.sort()).toEqual(listing.slice().sort());
  });
});

describe('planRuns on files (default detection)', () => {
  const uid = text('UniqueIdentifier', '$UNIQUE_IDENTIFIER_0');
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-seq-'));
    const write = (name: string, ...msgs: string[]) => fs.writeFileSync(path.join(dir, name), `<KMIP>\n${msgs.join('\n')}\n</KMIP>\n`);
    write('G-M-1-14.xml', request([{ op: 'Query' }]), response([{ op: 'Query' }]));
    write('G-M-2-14.xml', request([{ op: 'Register', payload: en('ObjectType', 'SecretData') }]), response([{ op: 'Register', payload: uid }]));
    write('G-M-3-14.xml', request([{ op: 'Locate' }]), response([{ op: 'Locate', payload: uid }]));
    // Starts with a Locate that expects nothing: not a continuation.
    write('H-M-2-14.xml', request([{ op: 'Locate' }]), response([{ op: 'Locate' }]));
    write('H-M-1-14.xml', request([{ op: 'Query' }]), response([{ op: 'Query' }]));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds the continuation by reading the files, and its group in the directory', () => {
    const units = planRuns([path.join(dir, 'G-M-3-14.xml'), path.join(dir, 'H-M-1-14.xml'), path.join(dir, 'H-M-2-14.xml')]);
    expect(units.map((u) => u.files.map((f) => `${path.basename(f.file)}${f.report ? '' : '*'}`))).toEqual([
      ['G-M-1-14.xml*', 'G-M-2-14.xml*', 'G-M-3-14.xml'],
      ['H-M-1-14.xml'],
      ['H-M-2-14.xml'],
    ]);
  });
});
