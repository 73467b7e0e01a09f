/**
 * Resource use of a server process on this machine, read from /proc (Linux): the pid listening on a
 * TCP port (/proc/net/tcp{,6} -> socket inode -> /proc/<pid>/fd), CPU seconds (/proc/<pid>/stat) and
 * RSS (/proc/<pid>/status). Everything returns undefined when /proc is not there or not readable.
 */
import * as fs from 'node:fs';

/** Clock ticks per second for /proc/<pid>/stat; 100 on every Linux platform Node supports. */
const CLK_TCK = 100;

function listeningInodes(port: number): Set<string> {
  const out = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10) continue;
      const localPort = parseInt(f[1].split(':').pop() ?? '', 16);
      // State 0A = LISTEN.
      if (localPort === port && f[3] === '0A') out.add(f[9]);
    }
  }
  return out;
}

/** The pid of the process that listens on `port`, when it is on this machine and visible. */
export function pidListeningOn(port: number): number | undefined {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return undefined;
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1])) return Number(pid);
      } catch {
        // fd closed meanwhile
      }
    }
  }
  return undefined;
}

export interface ProcSample {
  /** User + system CPU seconds since the process started. */
  cpuS: number;
  rssBytes: number;
  /** Peak RSS (VmHWM). */
  maxRssBytes: number;
}

export function sampleProcess(pid: number): ProcSample | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: split after its closing parenthesis.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // rest[0] is field 3 (state); utime and stime are fields 14 and 15.
    const cpuS = (Number(rest[11]) + Number(rest[12])) / CLK_TCK;
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { cpuS, rssBytes: kb('VmRSS'), maxRssBytes: kb('VmHWM') };
  } catch {
    return undefined;
  }
}
