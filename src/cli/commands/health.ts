/**
 * `tumbler health --dir DIR`: a real KMIP Query (Query Operations, KMIP 1.4) over mutual TLS with the
 * directory's admin client certificate (clients/admin.pem). Exit 0 when the server answers Success, 1 when
 * it answers a failure, 4 when it cannot be reached. The Dockerfile HEALTHCHECK runs it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { KmipConnection } from '../../client/connection';
import { Operation, QueryFunction, ResultStatus, Tag } from '../../kmip';
import { ItemType } from '../../kmip/item-type';
import { T, child, type TtlvItem } from '../../ttlv/item';
import { encodeTtlv } from '../../ttlv/binary-writer';
import { decodeTtlv } from '../../ttlv/binary-reader';
import { CliError, EXIT } from '../errors';
import { loadConfigOrExit, defaultActor } from '../admin-session';
import { connectHost } from '../server-probe';
import { printJson } from '../output';
import { resultReasonNameOf } from '../../audit';

interface HealthOptions {
  dir: string;
  host?: string;
  port?: string;
  cert?: string;
  key?: string;
  ca?: string;
  timeout: string;
  json?: boolean;
}

export function queryRequest(): Buffer {
  return encodeTtlv(
    T.struct(Tag.RequestMessage, [
      T.struct(Tag.RequestHeader, [
        T.struct(Tag.ProtocolVersion, [T.int(Tag.ProtocolVersionMajor, 1), T.int(Tag.ProtocolVersionMinor, 4)]),
        T.int(Tag.BatchCount, 1),
      ]),
      T.struct(Tag.BatchItem, [T.enum(Tag.Operation, Operation.Query), T.struct(Tag.RequestPayload, [T.enum(Tag.QueryFunction, QueryFunction.QueryOperations)])]),
    ]),
  );
}

function read(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, EXIT.USAGE);
  }
}

export async function checkHealth(o: HealthOptions): Promise<{ ok: boolean; host: string; port: number; status: string; reason?: string; operations: number; ms: number }> {
  const config = loadConfigOrExit(o.dir);
  const dir = path.resolve(o.dir);
  const name = defaultActor(config);
  const cert = read(o.cert ?? path.join(dir, 'clients', `${name}.pem`), 'client certificate');
  const key = read(o.key ?? path.join(dir, 'clients', `${name}-key.pem`), 'client key');
  const ca = read(o.ca ?? path.join(dir, 'ca.pem'), 'CA');
  const host = o.host ?? connectHost(config);
  const port = o.port !== undefined ? Number(o.port) : config.server.port;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new CliError(`--port must be 1..65535`, EXIT.USAGE);
  const timeout = Number(o.timeout);
  const t0 = Date.now();
  let conn: KmipConnection;
  try {
    conn = await KmipConnection.connect({ host, port, cert, key, ca, servername: 'localhost', connectTimeoutMs: timeout, requestTimeoutMs: timeout });
  } catch (err) {
    throw new CliError(`server ${host}:${port} unavailable: ${(err as Error).message}`, EXIT.UNAVAILABLE);
  }
  let answer: Buffer;
  try {
    answer = await conn.request(queryRequest());
  } catch (err) {
    throw new CliError(`server ${host}:${port} did not answer: ${(err as Error).message}`, EXIT.UNAVAILABLE);
  } finally {
    await conn.close().catch(() => undefined);
  }
  let item: TtlvItem | undefined;
  try {
    item = child(decodeTtlv(answer), Tag.BatchItem);
  } catch (err) {
    throw new CliError(`the server's answer does not parse: ${(err as Error).message}`, EXIT.FAILED);
  }
  const status = child(item, Tag.ResultStatus);
  const reason = child(item, Tag.ResultReason);
  const payload = child(item, Tag.ResponsePayload);
  const operations = payload?.type === ItemType.Structure ? payload.value.filter((c) => c.tag === Tag.Operation).length : 0;
  const ok = status?.type === ItemType.Enumeration && status.value === ResultStatus.Success;
  return {
    ok,
    host,
    port,
    status: ok ? 'Success' : 'OperationFailed',
    reason: reason?.type === ItemType.Enumeration ? resultReasonNameOf(reason.value) : undefined,
    operations,
    ms: Date.now() - t0,
  };
}

export function register(program: Command): void {
  program
    .command('health')
    .description('KMIP Query over mutual TLS with the admin client certificate; exit 0 when the server answers Success')
    .requiredOption('--dir <dir>', 'server directory (tumbler.json, clients/admin.pem, ca.pem)')
    .option('--host <host>', 'server address (default: server.host, 127.0.0.1 for 0.0.0.0)')
    .option('--port <port>', 'server port (default: server.port)')
    .option('--cert <file>', 'client certificate (default: clients/<first admin>.pem)')
    .option('--key <file>', 'client key (default: clients/<first admin>-key.pem)')
    .option('--ca <file>', 'CA of the server certificate (default: ca.pem)')
    .option('--timeout <ms>', 'connect and answer timeout', '5000')
    .option('--json', 'JSON output')
    .action(async (o: HealthOptions) => {
      const r = await checkHealth(o);
      if (o.json) printJson(r);
      else process.stdout.write(r.ok ? `healthy: ${r.host}:${r.port} answered Query (${r.operations} operations) in ${r.ms} ms\n` : `unhealthy: ${r.host}:${r.port} answered ${r.status} ${r.reason ?? ''}\n`);
      if (!r.ok) process.exitCode = EXIT.FAILED;
    });
}
