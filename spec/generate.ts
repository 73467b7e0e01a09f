/**
 * KMIP specification generator.
 *
 *   node dist/spec/generate.js [--spec-dir DIR] [--ts-only] [--root DIR]
 *
 * Default: read the OASIS KMIP specification HTML (DIR, default ../shared/spec/kmip relative to the
 * project root), write the reviewed data to spec/data/*.json, then write src/kmip/{tags,enums,masks,
 * spec-tables}.ts from that data. With --ts-only, only the TypeScript is regenerated from the committed
 * JSON (no ../shared needed).
 */
import * as fs from 'fs';
import * as path from 'path';
import { readData, renderDataFiles } from './lib/data-io';
import { emitAll, SpecData } from './lib/emit-ts';
import { extractAll } from './lib/extract';
import { TypeReview } from './lib/extract-types';
import { ReviewedEnums } from './lib/reviewed-enums';

/** Project root: the nearest folder upwards holding package.json (works from spec/ and dist/spec/). */
export function projectRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
}

export function defaultSpecDir(root: string = projectRoot()): string {
  return path.resolve(root, '..', 'shared', 'spec', 'kmip');
}

export function dataDir(root: string = projectRoot()): string {
  return path.join(root, 'spec', 'data');
}

/** The hand-reviewed type decisions (spec/data/type-review.json): an input of the extraction. */
export function readTypeReview(dir: string = dataDir()): TypeReview {
  const file = path.join(dir, 'type-review.json');
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { tags: TypeReview };
  return json.tags;
}

/** Enumerations KMIP defines by reference (spec/data/pkcs11-enums.json): an input of the extraction. */
export function readReviewedEnums(dir: string = dataDir()): ReviewedEnums {
  return JSON.parse(fs.readFileSync(path.join(dir, 'pkcs11-enums.json'), 'utf8')) as ReviewedEnums;
}

/** HTML -> data + the JSON file texts. */
export function generateData(
  specDir: string, review: TypeReview = readTypeReview(), reviewedEnums: ReviewedEnums = readReviewedEnums(),
): { data: SpecData; files: Record<string, string> } {
  const x = extractAll(specDir, review, reviewedEnums);
  const data: SpecData = { tags: x.tags, enums: x.enums, attributes: x.attributes };
  return { data, files: renderDataFiles(data, x.notes) };
}

function writeFiles(base: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(base, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    process.stdout.write(`wrote ${path.relative(process.cwd(), file) || file}\n`);
  }
}

export function main(argv: string[]): number {
  let root = projectRoot();
  let specDir: string | undefined;
  let tsOnly = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--spec-dir') specDir = argv[++i];
    else if (a === '--root') root = path.resolve(argv[++i]);
    else if (a === '--ts-only') tsOnly = true;
    else {
      process.stderr.write(`unknown argument ${a}\nusage: generate [--spec-dir DIR] [--ts-only] [--root DIR]\n`);
      return 2;
    }
  }
  if (!tsOnly) {
    const dir = specDir ?? defaultSpecDir(root);
    if (!fs.existsSync(dir)) {
      process.stderr.write(`specification folder not found: ${dir} (use --spec-dir, or --ts-only)\n`);
      return 1;
    }
    writeFiles(dataDir(root), generateData(dir, readTypeReview(dataDir(root)), readReviewedEnums(dataDir(root))).files);
  }
  writeFiles(root, emitAll(readData(dataDir(root))));
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
