import { describe, expect, it } from 'vitest';
import { apiKeyPrefix, isSessionToken, newApiKey, newSessionToken, sameHash, sha256 } from './credentials';

describe('API keys', () => {
  it('carry a readable prefix that finds them and show their last four characters', () => {
    const { key, prefix, last4, hash } = newApiKey();
    expect(key.startsWith(`igk_${prefix}_`)).toBe(true);
    expect(apiKeyPrefix(key)).toBe(prefix);
    expect(key.endsWith(last4)).toBe(true);
    expect(hash).toBe(sha256(key));
    expect(hash).not.toContain(key.slice(13));
  });

  it('are never the same twice', () => {
    expect(newApiKey().key).not.toBe(newApiKey().key);
  });

  it('reject anything not shaped like a key', () => {
    expect(apiKeyPrefix('igk_short_abc')).toBeUndefined();
    expect(apiKeyPrefix(`igs_${'a'.repeat(43)}`)).toBeUndefined();
  });
});

describe('session tokens', () => {
  it('are recognisable and stored only as a hash', () => {
    const { token, hash } = newSessionToken();
    expect(isSessionToken(token)).toBe(true);
    expect(sameHash(hash, sha256(token))).toBe(true);
    expect(sameHash(hash, sha256(`${token}x`))).toBe(false);
  });
});
