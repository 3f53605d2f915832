/**
 * Who is calling. The gateway authenticates the credential and signs this for the subgraphs;
 * the subgraphs trust nothing else.
 */
export const OPS_ROLES = ['ADMIN', 'OPERATIONS', 'FINANCE', 'READ_ONLY'] as const;
export type OpsRole = (typeof OPS_ROLES)[number];

/** Every scope an API key may carry; `@requiresScopes` in the schema names these. */
export const SCOPES = [
  'facilities:read',
  'facilities:write',
  'staffing:read',
  'staffing:write',
  'inventory:read',
  'inventory:write',
  'scheduling:read',
  'scheduling:write',
  'billing:read',
  'billing:write',
  'fees:read',
  'audit:read',
  'identity:admin',
] as const;
export type Scope = (typeof SCOPES)[number];

const READS: Scope[] = ['facilities:read', 'staffing:read', 'inventory:read', 'scheduling:read', 'billing:read', 'fees:read'];

/**
 * What each ops role may do; an ops user's scopes come from the role, never from the user.
 * Management fees (what the operator charges each client) are finance's business: operations
 * staff run chairs, people and stock without reading them. Read-only users (auditors) read all.
 */
export const ROLE_SCOPES: Record<OpsRole, Scope[]> = {
  ADMIN: [...SCOPES],
  OPERATIONS: [...READS.filter((s) => s !== 'fees:read'), 'facilities:write', 'staffing:write', 'inventory:write', 'scheduling:write'],
  FINANCE: [...READS, 'billing:write'],
  READ_ONLY: READS,
};

/** Scopes a client practice's API key may be given (no administration, no audit reading). */
export const API_KEY_SCOPES: Scope[] = SCOPES.filter((s) => s !== 'identity:admin' && s !== 'audit:read');

export interface Principal {
  /** ANONYMOUS: no credential was sent; such a caller may only sign in. */
  kind: 'OPS_USER' | 'API_KEY' | 'ANONYMOUS';
  /** The ops user's or the API key's id. */
  id: string;
  /** The session or API key used for this request (what sign-out or revocation ends). */
  credentialId: string | null;
  /** Email or key name, for the audit trail. */
  name: string;
  role: OpsRole | null;
  /** The clients whose data may be seen; null means every client (unrestricted ops users). */
  clientIds: string[] | null;
  /** The sites whose data may be seen; null means every site of those clients. */
  siteIds: string[] | null;
  scopes: Scope[];
}

/** The signed context a subgraph receives with each operation. */
export interface CallerContext {
  principal: Principal;
  requestId: string;
  remoteAddress: string;
}

export const isScope = (value: string): value is Scope => (SCOPES as readonly string[]).includes(value);

/** The caller without a credential: no clients, no scopes. */
export const ANONYMOUS: Principal = { kind: 'ANONYMOUS', id: 'anonymous', credentialId: null, name: 'anonymous', role: null, clientIds: [], siteIds: null, scopes: [] };
