import { serviceCounter } from '@infusion/subgraph-kit';
import { hash, verify } from '@node-rs/argon2';

/**
 * Passwords are hashed with Argon2id (memory-hard; OWASP's minimum of 19 MiB, 2 passes), via a
 * maintained Rust binding shipped as prebuilt npm packages.
 */
export const hashPassword = (password: string): Promise<string> => hash(password);

/**
 * Every verification is counted, so tests can show that a sign-in costs the same whether the
 * email is known or not (timing itself belongs in a benchmark, not a test).
 */
export const passwordVerifications = serviceCounter('password_verifications_total', 'Argon2id password verifications run.');

/**
 * A hash of nothing in particular, with the same parameters as real ones: verified when there is
 * no real hash to check, so that path costs what a real check costs. Made at start-up, so the
 * first unknown email is not slower (by one hash) than the rest.
 */
const decoy: Promise<string> = hash('decoy password that matches no account');

/** Exactly one Argon2id verification, against `passwordHash` or, without one, against the decoy. */
export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  passwordVerifications.inc();
  const matches = await verify(passwordHash ?? (await decoy), password).catch(() => false);
  return passwordHash !== undefined && matches;
}

/** At least 12 characters, with letters and something else. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 12) return 'must be at least 12 characters';
  if (!/[A-Za-z]/.test(password) || !/[^A-Za-z]/.test(password)) return 'must mix letters with digits or symbols';
  return undefined;
}
