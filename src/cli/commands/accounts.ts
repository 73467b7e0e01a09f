/**
 * `tumbler accounts add|passwd|remove|list --dir DIR`: password-checked accounts for clients that send a
 * Username and Password credential (`user`, the default) or a Device credential (`--device`, named by its
 * Device Identifier, else its Device Serial Number) in the request header (src/auth/credentials.ts).
 *   add     NAME [--device] (--password-file F | --generate | password on standard input)
 *   passwd  NAME [--device] (same password sources)
 *   remove  NAME [--device]
 *   list    [--json]
 * A password is never taken from the command line. Only an scrypt hash is stored. Every change is written
 * atomically with its audit record and applies to the running server's next request.
 */
import * as fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { accountPrincipal, checkAccountName, hashPassword, MAX_PASSWORD_BYTES, SqliteAccountStore, type AccountKind } from '../../auth';
import { CliError, EXIT } from '../errors';
import { auditedChange, withSession } from '../admin-session';
import { printJson, printTable } from '../output';

interface PasswordOptions {
  dir: string;
  device?: boolean;
  passwordFile?: string;
  generate?: boolean;
  json?: boolean;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new CliError('give the password with --password-file FILE, --generate, or on standard input (not a terminal)', EXIT.USAGE);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of process.stdin) {
    chunks.push(c as Buffer);
    size += (c as Buffer).length;
    if (size > MAX_PASSWORD_BYTES + 2) throw new CliError(`the password is longer than ${MAX_PASSWORD_BYTES} bytes`, EXIT.USAGE);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The password and whether it was generated (then it is printed once). */
async function passwordOf(o: PasswordOptions): Promise<{ password: string; generated: boolean }> {
  if (o.generate && o.passwordFile) throw new CliError('--generate and --password-file exclude each other', EXIT.USAGE);
  if (o.generate) return { password: randomBytes(18).toString('base64url'), generated: true };
  let text: string;
  if (o.passwordFile) {
    try {
      text = fs.readFileSync(o.passwordFile, 'utf8');
    } catch (err) {
      throw new CliError(`cannot read ${o.passwordFile}: ${(err as Error).message}`, EXIT.USAGE);
    }
  } else text = await readStdin();
  // One trailing line end is the file's, not the password's. Empty or too long: hashPassword refuses it.
  return { password: text.replace(/\r?\n$/, ''), generated: false };
}

function nameOf(name: string): string {
  try {
    checkAccountName(name);
  } catch (err) {
    throw new CliError((err as Error).message, EXIT.USAGE);
  }
  return name;
}

async function setPassword(name: string, o: PasswordOptions, creating: boolean): Promise<void> {
  const kind: AccountKind = o.device ? 'device' : 'user';
  nameOf(name);
  const { password, generated } = await passwordOf(o);
  let hash: string;
  try {
    hash = await hashPassword(password);
  } catch (err) {
    throw new CliError((err as Error).message, EXIT.USAGE);
  }
  const principal = accountPrincipal(kind, name);
  await withSession(o.dir, {}, async (s) => {
    const accounts = new SqliteAccountStore(s.store);
    const exists = accounts.get(kind, name) !== undefined;
    if (creating && exists) throw new CliError(`account ${principal} exists; use \`tumbler accounts passwd\` to change its password`, EXIT.FAILED);
    if (!creating && !exists) throw new CliError(`no account ${principal}`, EXIT.FAILED);
    const action = creating ? 'accounts-add' : 'accounts-passwd';
    await auditedChange(s, action, [], principal, () =>
      accounts.put({ kind, name, hash, createdAt: new Date().toISOString(), createdBy: s.actor.principal }),
    );
    if (o.json) printJson({ principal, kind, name, created: creating, ...(generated ? { password } : {}) });
    else {
      process.stdout.write(`${creating ? 'created' : 'changed the password of'} ${principal}\n`);
      if (generated) process.stdout.write(`password: ${password}\n`);
    }
  });
}

export function register(program: Command): void {
  const accounts = program.command('accounts').description('password-checked accounts for Username and Password / Device credentials');
  const withPassword = (c: Command) =>
    c
      .requiredOption('--dir <dir>', 'server directory')
      .option('--device', 'a Device credential account (named by Device Identifier, else Device Serial Number)')
      .option('--password-file <file>', 'read the password from this file (one trailing newline is dropped)')
      .option('--generate', 'generate a random password and print it once')
      .option('--json', 'print the result as JSON');
  withPassword(accounts.command('add <name>').description('create an account; the password comes from --password-file, --generate or standard input'))
    .action((name: string, o: PasswordOptions) => setPassword(name, o, true));
  withPassword(accounts.command('passwd <name>').description("change an account's password"))
    .action((name: string, o: PasswordOptions) => setPassword(name, o, false));
  accounts
    .command('remove <name>')
    .description('remove an account (its objects keep their owner)')
    .requiredOption('--dir <dir>', 'server directory')
    .option('--device', 'a Device credential account')
    .action(async (name: string, o: { dir: string; device?: boolean }) => {
      const kind: AccountKind = o.device ? 'device' : 'user';
      const principal = accountPrincipal(kind, nameOf(name));
      await withSession(o.dir, {}, async (s) => {
        const store = new SqliteAccountStore(s.store);
        if (!store.get(kind, name)) throw new CliError(`no account ${principal}`, EXIT.FAILED);
        await auditedChange(s, 'accounts-remove', [], principal, () => store.remove(kind, name));
        process.stdout.write(`removed ${principal}\n`);
      });
    });
  accounts
    .command('list')
    .description('list accounts (never their passwords)')
    .requiredOption('--dir <dir>', 'server directory')
    .option('--json', 'JSON instead of a table')
    .action(async (o: { dir: string; json?: boolean }) => {
      await withSession(o.dir, {}, async (s) => {
        const list = new SqliteAccountStore(s.store).list().map((a) => ({ principal: accountPrincipal(a.kind, a.name), kind: a.kind, name: a.name, createdAt: a.createdAt, createdBy: a.createdBy }));
        if (o.json) printJson(list);
        else printTable(['PRINCIPAL', 'CREATED AT', 'CREATED BY'], list.map((a) => [a.principal, a.createdAt, a.createdBy]), '(no accounts)');
      });
    });
}
