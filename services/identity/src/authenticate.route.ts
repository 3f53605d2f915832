import { ALL_CLIENTS, ROLE_SCOPES, TENANT_FILTER, callerOfRequest, inTenantTransaction, logger, type DatabaseBounds, type Principal } from '@infusion/subgraph-kit';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import { ApiKey } from './api-keys/api-key.entity';
import { apiKeyPrefix, isSessionToken, sameHash, sha256 } from './credentials';
import { OpsUser } from './users/ops-user.entity';
import { Session } from './users/session.entity';

/** Last-used times are kept to the minute: one write per key per minute at most. */
const TOUCH_AFTER_MS = 60_000;

/** `expiresAt`: the gateway never trusts a cached answer past the credential's own end. */
type Verdict = { principal: Principal; expiresAt: string | null } | { reason: string };

async function checkApiKey(em: EntityManager, credential: string, now: Date): Promise<Verdict> {
  const prefix = apiKeyPrefix(credential);
  const key = prefix ? await em.findOne(ApiKey, { prefix }, { filters: false }) : null;
  if (!key || !sameHash(key.secretHash, sha256(credential))) return { reason: 'Unknown API key' };
  if (key.revokedAt) return { reason: 'The API key has been revoked' };
  if (key.expiresAt && key.expiresAt <= now) return { reason: 'The API key has expired' };
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > TOUCH_AFTER_MS) key.lastUsedAt = now;
  return {
    expiresAt: key.expiresAt?.toISOString() ?? null,
    principal: { kind: 'API_KEY', id: key.id, credentialId: key.id, name: key.name, role: null, clientIds: [key.clientId], siteIds: key.siteIds, scopes: key.scopes as Principal['scopes'] },
  };
}

async function checkSession(em: EntityManager, credential: string, now: Date): Promise<Verdict> {
  const session = await em.findOne(Session, { tokenHash: sha256(credential) });
  if (!session || session.revokedAt || session.expiresAt <= now) return { reason: 'The session has ended; sign in again' };
  const user = await em.findOne(OpsUser, { id: session.userId });
  if (!user?.active) return { reason: 'The user may no longer sign in' };
  if (!session.lastSeenAt || now.getTime() - session.lastSeenAt.getTime() > TOUCH_AFTER_MS) session.lastSeenAt = now;
  return {
    expiresAt: session.expiresAt.toISOString(),
    principal: { kind: 'OPS_USER', id: user.id, credentialId: session.id, name: user.email, role: user.role, clientIds: user.clientIds, siteIds: null, scopes: ROLE_SCOPES[user.role] },
  };
}

/**
 * `POST /internal/authenticate {credential}` → `{principal}` or 401 `{reason}`. Only the gateway
 * calls it, with a signed context like any subgraph call. It looks across all clients (API keys
 * are found by prefix before anyone knows whose they are), so it sets the all-clients setting.
 */
export function authenticateRoute(app: express.Express, { orm, signingKey, bounds }: { orm: MikroORM; signingKey: Uint8Array; bounds: DatabaseBounds }): void {
  app.post('/internal/authenticate', express.json({ limit: '4kb' }), async (req, res) => {
    try {
      await callerOfRequest(req, signingKey);
    } catch {
      res.status(401).json({ reason: 'Only the gateway may ask' });
      return;
    }
    const credential = typeof req.body?.credential === 'string' ? req.body.credential : '';
    if (!apiKeyPrefix(credential) && !isSessionToken(credential)) {
      res.status(401).json({ reason: 'The credential is neither an API key nor a session token' });
      return;
    }
    try {
      // Both isolation layers are opened deliberately, for this lookup only; the operation bounds still hold.
      const verdict = await inTenantTransaction(orm, ALL_CLIENTS, bounds, async (em) => {
        em.setFilterParams(TENANT_FILTER, ALL_CLIENTS);
        const now = new Date();
        return apiKeyPrefix(credential) ? checkApiKey(em, credential, now) : checkSession(em, credential, now);
      });
      if ('reason' in verdict) res.status(401).json(verdict);
      else res.json(verdict);
    } catch (error) {
      logger.error({ err: error }, 'authenticate failed');
      res.status(500).json({ reason: 'internal error' });
    }
  });
}
