import { hash, verify } from '@node-rs/argon2';

/**
 * Passwords are hashed with Argon2id (memory-hard; OWASP's minimum of 19 MiB, 2 passes), via a
 * maintained Rust binding shipped as prebuilt npm packages.
 */
export const hashPassword = (password: string): Promise<string> => hash(password);

/** A hash of nothing in particular, verified when the email is unknown so timing reveals nothing. */
let decoy: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    decoy ??= hash('decoy password that matches no account');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

/** At least 12 characters, with letters and something else. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 12) return 'must be at least 12 characters';
  if (!/[A-Za-z]/.test(password) || !/[^A-Za-z]/.test(password)) return 'must mix letters with digits or symbols';
  return undefined;
}
