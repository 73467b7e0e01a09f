#!/usr/bin/env node
// Generates the README tables that must stay true: supported operations per protocol version (from the
// dispatch table) and configuration options (from the configuration schema). `--write` updates README.md
// between its <!-- BEGIN generated:NAME --> / <!-- END generated:NAME --> markers; without it, prints them.
// test/unit/readme.test.ts fails when README.md differs from what this produces.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dist = (p) => path.join(root, 'dist', 'src', p);

function operationsTable() {
  require(dist('main')); // registers every configuration section and loads the dispatch table
  const { OPERATIONS } = require(dist('operations'));
  const { enumInfo, enumValueName } = require(dist('kmip'));
  const { SUPPORTED_VERSIONS } = require(dist('message/version'));
  const op = enumInfo('Operation');
  const ascending = [...SUPPORTED_VERSIONS].sort((a, b) => a.major - b.major || a.minor - b.minor);
  const versions = ascending.map((v) => `${v.major}.${v.minor}`);
  const rows = [...OPERATIONS.entries()]
    .map(([code, h]) => ({ name: enumValueName(op, code) || `0x${code.toString(16)}`, since: h.since }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const out = [`| operation | ${versions.join(' | ')} |`, `|---|${versions.map(() => ':-:').join('|')}|`];
  for (const r of rows) {
    const cells = ascending.map((v) =>
      v.major > r.since.major || (v.major === r.since.major && v.minor >= r.since.minor) ? '✓' : '',
    );
    out.push(`| ${r.name} | ${cells.join(' | ')} |`);
  }
  return out.join('\n');
}

function configTable() {
  require(dist('main'));
  const { fullSchema, envVarName } = require(dist('config/schema'));
  const out = ['| option | default | environment variable | meaning |', '|---|---|---|---|'];
  for (const [section, fields] of Object.entries(fullSchema())) {
    for (const [field, spec] of Object.entries(fields)) {
      let def = spec.default;
      if (def === undefined) def = '(unset)';
      else if (Array.isArray(def)) def = def.length ? def.join(', ') : '[]';
      else def = String(def);
      if (def.length > 48) def = def.slice(0, 45) + '…';
      const kind = spec.kind === 'enum' ? `one of ${spec.values.join(', ')}` : spec.kind;
      const doc = spec.doc ? `${spec.doc} (${kind})` : kind;
      out.push(`| \`${section}.${field}\` | \`${def.replace(/\|/g, '\\|')}\` | \`${envVarName(section, field)}\` | ${doc.replace(/\|/g, '\\|')} |`);
    }
  }
  return out.join('\n');
}

const TABLES = { operations: operationsTable, config: configTable };

function render(readme) {
  let text = readme;
  for (const [name, make] of Object.entries(TABLES)) {
    const re = new RegExp(`(<!-- BEGIN generated:${name} -->\\n)[\\s\\S]*?(<!-- END generated:${name} -->)`);
    if (!re.test(text)) throw new Error(`README.md has no generated:${name} markers`);
    const table = make();
    text = text.replace(re, (_m, a, b) => a + table + '\n' + b);
  }
  return text;
}

module.exports = { render, operationsTable, configTable };

if (require.main === module) {
  const file = path.join(root, 'README.md');
  if (process.argv.includes('--write')) {
    fs.writeFileSync(file, render(fs.readFileSync(file, 'utf8')));
  } else {
    process.stdout.write(operationsTable() + '\n\n' + configTable() + '\n');
  }
}
