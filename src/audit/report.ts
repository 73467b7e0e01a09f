/**
 * The compliance report of `tumbler audit export`: per object, who used it, how (operation and outcome),
 * how often, first and last time.
 */
import type { AuditRecord } from './record';

export interface UsageLine {
  principal: string;
  operation: string;
  succeeded: number;
  failed: number;
  first: string;
  last: string;
}

export interface ObjectUsage {
  object: string;
  uses: UsageLine[];
}

export function usageReport(records: AuditRecord[]): ObjectUsage[] {
  const byObject = new Map<string, Map<string, UsageLine>>();
  for (const r of records) {
    for (const o of r.objects) {
      let lines = byObject.get(o);
      if (!lines) byObject.set(o, (lines = new Map()));
      const k = `${r.principal}\u0000${r.operation}`;
      let l = lines.get(k);
      if (!l) lines.set(k, (l = { principal: r.principal, operation: r.operation, succeeded: 0, failed: 0, first: r.time, last: r.time }));
      if (r.status === 'Success') l.succeeded++;
      else l.failed++;
      if (r.time < l.first) l.first = r.time;
      if (r.time > l.last) l.last = r.time;
    }
  }
  return [...byObject.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([object, lines]) => ({
      object,
      uses: [...lines.values()].sort((a, b) => a.principal.localeCompare(b.principal) || a.operation.localeCompare(b.operation)),
    }));
}
