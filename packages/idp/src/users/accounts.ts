// The user directory behind the login form: users from the config file, passwords checked against scrypt hashes.
import type { IdpUserConfig } from '../config/schema.ts';
import { hashPassword, verifyPassword } from './password.ts';

export interface AccountRecord {
  sub: string;
  email: string;
  name: string;
  /** Extra claims from the config (e.g. `group: admin`). */
  claims: Record<string, string | string[]>;
}

export interface AccountDirectory {
  find(sub: string): AccountRecord | undefined;
  /** Returns the subject on success; the same amount of work is done for unknown users (no enumeration by timing). */
  authenticate(email: string, password: string): Promise<string | undefined>;
}

export async function createAccountDirectory(users: readonly IdpUserConfig[]): Promise<AccountDirectory> {
  const bySub = new Map<string, AccountRecord>();
  const byEmail = new Map<string, { sub: string; hash: string }>();
  for (const u of users) {
    const sub = u.sub ?? u.email;
    const hash = u.passwordHash ?? (await hashPassword(u.password as string));
    bySub.set(sub, { sub, email: u.email, name: u.name, claims: u.claims ?? {} });
    byEmail.set(u.email.toLowerCase(), { sub, hash });
  }
  const decoy = await hashPassword('decoy-password-for-unknown-users');
  return {
    find: (sub) => bySub.get(sub),
    async authenticate(email, password) {
      const entry = byEmail.get(email.trim().toLowerCase());
      const ok = await verifyPassword(password, entry?.hash ?? decoy);
      return ok && entry ? entry.sub : undefined;
    },
  };
}
