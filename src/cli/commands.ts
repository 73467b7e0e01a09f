/** Every CLI command, one file each under ./commands. Add a line here to add a command. */
import type { Command } from 'commander';

export type RegisterCommand = (program: Command) => void;

export const COMMANDS: RegisterCommand[] = [
  require('./commands/ttlv-convert').register as RegisterCommand,
  require('./commands/init').register as RegisterCommand,
  require('./commands/certs-issue-client').register as RegisterCommand,
  require('./commands/serve').register as RegisterCommand,
  require('./commands/conformance').register as RegisterCommand,
  require('./commands/bench').register as RegisterCommand,
  require('./commands/certs-admin').register as RegisterCommand,
  require('./commands/keys').register as RegisterCommand,
  require('./commands/access').register as RegisterCommand,
  require('./commands/accounts').register as RegisterCommand,
  require('./commands/audit').register as RegisterCommand,
  require('./commands/hsm').register as RegisterCommand,
  require('./commands/backup').register as RegisterCommand,
  require('./commands/restore').register as RegisterCommand,
  require('./commands/health').register as RegisterCommand,
];
