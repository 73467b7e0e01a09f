/**
 * The composition root's entry: start the server and keep it running until SIGTERM/SIGINT, then
 * close gracefully (in-flight requests are answered, the store is flushed, the HSM session closed).
 * `tumbler serve` uses this; embedders call startServer directly.
 */
import { startServer, type RunningServer, type StartServerOptions } from './server';

export { startServer, loadServerConfig, openCryptoProvider, type RunningServer, type StartServerOptions, type ConfigOverrides } from './server';
export { handleRequest } from './message/handler';

export interface ServeForeverResult {
  server: RunningServer;
  /** Resolves once the server has been closed by a signal (or by server.close()). */
  stopped: Promise<void>;
}

/** Start the server and close it on the first SIGTERM or SIGINT; a second signal exits at once. */
export async function serveForever(opts: StartServerOptions): Promise<ServeForeverResult> {
  const server = await startServer(opts);
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((r) => (resolveStopped = r));
  let signalled = false;
  const onSignal = (sig: NodeJS.Signals) => {
    if (signalled) {
      process.stderr.write(`tumbler: second ${sig}, exiting now\n`);
      process.exit(1);
    }
    signalled = true;
    process.stderr.write(`tumbler: ${sig} received, closing gracefully\n`);
    server.close().then(finish, (err) => {
      process.stderr.write(`tumbler: error while closing: ${(err as Error).message}\n`);
      process.exitCode = 1;
      finish();
    });
  };
  // SIGHUP: take the replaced certificate, key and CA files for new connections (certificate rotation).
  const onHup = () => {
    try {
      server.reloadTls();
      process.stderr.write('tumbler: SIGHUP received, TLS certificates reloaded\n');
    } catch (err) {
      process.stderr.write(`tumbler: SIGHUP received, TLS reload refused, keeping the current certificates: ${(err as Error).message}\n`);
    }
  };
  const finish = () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    process.off('SIGHUP', onHup);
    resolveStopped();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  process.on('SIGHUP', onHup);
  const close = server.close;
  // server.close() called directly also releases the signal handlers.
  server.close = () => close().then(finish);
  return { server, stopped };
}
