import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Credential formats. Both are high-entropy random secrets, so a fast SHA-256 is the right hash
 * for them (a memory-hard hash protects low-entropy passwords; see password.ts). Only hashes are
 * stored; the readable prefix lets a leaked key be recognised and found.
 *   API key:       igk_<8-char id prefix>_<43-char secret>
 *   session token: igs_<43-char secret>
 */
export const API_KEY_PREFIX = 'igk_';
export const SESSION_PREFIX = 'igs_';

const ALPHABET = 'abcdefghijkmnopqrstuvwxyz23456789';

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** `source` is for deterministic demo keys; real keys use the system's random source. */
export function newApiKey(source: (size: number) => Buffer = randomBytes): { key: string; prefix: string; last4: string; hash: string } {
  const prefix = [...source(8)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  const key = `${API_KEY_PREFIX}${prefix}_${source(32).toString('base64url')}`;
  return { key, prefix, last4: key.slice(-4), hash: sha256(key) };
}

/** The id prefix of something shaped like an API key, or undefined. */
export function apiKeyPrefix(credential: string): string | undefined {
  const match = /^igk_([a-z2-9]{8})_[A-Za-z0-9_-]{43}$/.exec(credential);
  return match?.[1];
}

export function newSessionToken(): { token: string; hash: string } {
  const token = `${SESSION_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: sha256(token) };
}

export const isSessionToken = (credential: string): boolean => /^igs_[A-Za-z0-9_-]{43}$/.test(credential);
