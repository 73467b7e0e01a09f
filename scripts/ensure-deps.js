#!/usr/bin/env node
// Installs dependencies on a fresh clone so that `npm test` and `npm start` work alone.
// Dependency-free on purpose: it runs before anything is installed.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const required = ['typescript', 'jest', 'ts-jest', 'better-sqlite3', 'commander', 'winston', 'node-forge', 'pkcs11js', 'asn1js'];
const missing = required.filter((m) => !fs.existsSync(path.join(root, 'node_modules', m, 'package.json')));
if (missing.length === 0) process.exit(0);
const lock = fs.existsSync(path.join(root, 'package-lock.json'));
const args = lock ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
process.stderr.write(`tumbler: installing dependencies (missing: ${missing.join(', ')}) with npm ${args[0]}\n`);
const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd: root, stdio: 'inherit' });
process.exit(r.status === null ? 1 : r.status);
