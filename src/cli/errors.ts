/**
 * The single error funnel of the CLI. Exit codes:
 *   0 success, 1 operation failed, 2 usage or configuration error, 3 input could not be parsed,
 *   4 server or HSM unavailable, 5 verification failed (e.g. audit chain broken).
 */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: number = 1) {
    super(message);
    this.name = 'CliError';
  }
}

export const EXIT = { OK: 0, FAILED: 1, USAGE: 2, PARSE: 3, UNAVAILABLE: 4, VERIFY: 5 } as const;

export function reportError(err: unknown): number {
  if (err instanceof CliError) {
    process.stderr.write(`tumbler: ${err.message}\n`);
    return err.exitCode;
  }
  const e = err as { code?: string; message?: string; exitCode?: number };
  if (e && typeof e.code === 'string' && e.code.startsWith('commander.')) return e.exitCode ?? EXIT.USAGE;
  process.stderr.write(`tumbler: ${e && e.message ? e.message : String(err)}\n`);
  return EXIT.FAILED;
}
