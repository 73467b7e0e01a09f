/**
 * The `tumbler` command line. One command per file under src/cli/commands/; each exports
 * `register(program)`. This file only assembles them and funnels errors.
 */
import { Command } from 'commander';
import { COMMANDS } from './commands';
import { reportError } from './errors';

export function buildProgram(): Command {
  const program = new Command();
  program.name('tumbler').description('Tumbler KMIP key management server').showHelpAfterError();
  for (const register of COMMANDS) register(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    process.exitCode = reportError(err);
  }
}
