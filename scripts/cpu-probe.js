#!/usr/bin/env node
/**
 * How fast one core of this machine is right now: SHA-256 of 64 bytes (node:crypto, one thread), counted
 * per second for N seconds (default 3). Prints "cpu probe: min/median/max hashes/s over N s".
 *
 *   node scripts/cpu-probe.js [SECONDS]
 *
 * bench-compare.sh runs it before each server's runs, so that tables of different minutes can be set side
 * by side: on the shared 2-core development machine the same loop has ranged from 349,000 to 792,000/s
 * within minutes, on an idle machine.
 */
'use strict';
const { createHash } = require('node:crypto');

const seconds = Math.max(1, Number(process.argv[2] ?? 3));
const data = Buffer.alloc(64);
const rates = [];
for (let s = 0; s < seconds; s++) {
  const start = process.hrtime.bigint();
  let n = 0;
  while (process.hrtime.bigint() - start < 1_000_000_000n) {
    for (let i = 0; i < 1000; i++) createHash('sha256').update(data).digest();
    n += 1000;
  }
  rates.push(n);
}
rates.sort((a, b) => a - b);
const f = (n) => n.toLocaleString('en-US');
console.log(`cpu probe: ${f(rates[0])} / ${f(rates[Math.floor(rates.length / 2)])} / ${f(rates[rates.length - 1])} SHA-256 of 64 B per second (min / median / max over ${seconds} s, one core)`);
