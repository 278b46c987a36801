import type { Command } from 'commander';
import { CliError, withDatabase } from '../cli/context.ts';
import type { SpurDb } from '../db/connection.ts';
import { ApiError } from '../http/errors.ts';
import { setPasswordForUser } from './passwords.ts';
import { isRole, ROLES, type Role } from './roles.ts';
import { createUser, type UserRecord } from './users.ts';

export interface AddUserOptions {
  email: string;
  role: string;
  partner?: string | undefined;
  name?: string | undefined;
  language: string;
  /** The password, already read from stdin; undefined leaves the user without one. */
  password?: string | undefined;
}

/** `spur user add`: creates a user with a role and, optionally, a password, in one transaction. */
export async function addUser(db: SpurDb, options: AddUserOptions): Promise<UserRecord> {
  if (!isRole(options.role)) throw new CliError(`--role: "${options.role}" is not one of ${ROLES.join(', ')}`);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(options.email))
    throw new CliError(`--email: "${options.email}" is not an e-mail`);
  const role: Role = options.role;
  try {
    return await db.transaction(async (tx) => {
      const user = await createUser(tx, 'cli', {
        email: options.email,
        name: options.name ?? options.email.split('@')[0]!,
        role,
        partnerId: options.partner ?? null,
        language: options.language,
      });
      if (options.password !== undefined) await setPasswordForUser(tx, user.user_id, options.password);
      return user;
    });
  } catch (error) {
    if (error instanceof ApiError) throw new CliError(error.message);
    throw error;
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  // One trailing newline (from echo or a here-string) is not part of the password.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function registerAuthCommands(program: Command): void {
  const user = program.command('user').description('user accounts and sign-in');
  user
    .command('add')
    .description(
      'create a user with a role, e.g. the first vendor admin; without --password-stdin it signs in after a password reset',
    )
    .requiredOption('--email <email>', 'e-mail address, also the sign-in name (unique, case-insensitive)')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option(
      '--partner <partner_id>',
      'the partner of a distributor_admin, reseller_admin or sales_rep (vendor roles have none)',
    )
    .option('--name <name>', 'display name (default: the part of the e-mail before @)')
    .option('--language <code>', 'language of mails and the portal', 'en')
    .option(
      '--password-stdin',
      'read the password from standard input (10 to 200 characters), e.g. echo "$PW" | spur user add ...',
    )
    .action(
      async (options: {
        email: string;
        role: string;
        partner?: string;
        name?: string;
        language: string;
        passwordStdin?: boolean;
      }) => {
        const password = options.passwordStdin ? await readStdin() : undefined;
        const created = await withDatabase((db) => addUser(db, { ...options, password }));
        const signIn = password === undefined ? 'no password yet (use password reset)' : 'can sign in';
        console.log(`created user ${created.user_id} <${created.email}> as ${created.role}; ${signIn}`);
      },
    );
}
