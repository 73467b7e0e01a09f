/** The bench table and JSON: the server's CPU per successful operation, and where it is left blank. */
import { formatTable, toJson, type ScenarioReport } from '../../../src/bench';
import { LatencyHistogram } from '../../../src/bench/histogram';
import type { BenchResult } from '../../../src/bench/runner';

function result(ok: number, failed = 0): BenchResult {
  const latency = new LatencyHistogram();
  for (let i = 0; i < ok; i++) latency.record(1000 + i);
  return {
    elapsedS: 2, ok, failed, opsPerS: ok / 2, latency, perOp: [], errors: failed ? { PermissionDenied: failed } : {}, errorMessages: {},
    fixtureObjects: 0, populateS: 0, unfinished: 0,
  };
}

const report = (name: string, r: BenchResult, server: ScenarioReport['server']): ScenarioReport => ({
  name, connections: 4, inflight: 1, batch: 1, version: '1.4', result: r, server,
});

describe('bench report: server CPU per operation', () => {
  test('is the measured server CPU divided by the successful operations, failed ones not counted', () => {
    const reports = [
      report('get', result(4000, 7), { source: 'child', cpuS: 1.5, rssBytes: 100 * 1048576 }),
      report('remote', result(10), { source: 'none' }),
      report('nothing', result(0, 3), { source: 'child', cpuS: 0.2 }),
    ];
    const lines = formatTable(reports).split('\n');
    const header = lines[0].split(/\s{2,}/);
    const col = header.indexOf('srv µs/op');
    expect(col).toBeGreaterThan(header.indexOf('srv CPU s'));
    const cell = (row: string) => row.split(/\s{2,}/)[col];
    expect(cell(lines[1])).toBe('375'); // 1.5 s / 4000
    expect(cell(lines[2])).toBe('-'); // no server CPU measured (a remote target)
    expect(cell(lines[3])).toBe('-'); // no successful operation
    const json = toJson(reports) as Array<{ serverCpuPerOpUs?: number }>;
    expect(json.map((j) => j.serverCpuPerOpUs)).toEqual([375, undefined, undefined]);
  });
});
