/** The signed-in user: the token and what its claims say (for showing, never for trusting). */
export interface Session {
  token: string;
  userId: string;
  userName: string;
  organisationId: string;
  roles: string[];
  expiresAt: number | null;
}

import { REFRESH_KEY } from './oidc';

const TOKEN_KEY = 'legislink.token';
const CLAIMS_KEY = 'legislink.claims';

/** Which claims name the organisation, roles and name (an OIDC provider may use others). */
export interface ClaimNames {
  organisation: string;
  roles: string;
  name: string;
}

export const DEFAULT_CLAIMS: ClaimNames = { organisation: 'org', roles: 'roles', name: 'name' };

/** The claim names of the tab's sign-in: the provider's when signed in with OIDC. */
function storedClaimNames(): ClaimNames {
  const kept = typeof sessionStorage === 'undefined' ? null : sessionStorage.getItem(CLAIMS_KEY);
  return kept ? (JSON.parse(kept) as ClaimNames) : DEFAULT_CLAIMS;
}

export function rememberClaimNames(names: ClaimNames | null): void {
  if (names) sessionStorage.setItem(CLAIMS_KEY, JSON.stringify(names));
  else sessionStorage.removeItem(CLAIMS_KEY);
}

function base64UrlDecode(part: string): string {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** A claim by name or dotted path (`realm_access.roles`). */
function claimAt(claims: Record<string, unknown>, path: string): unknown {
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The session a token stands for, or null when it is not a well-formed unexpired JWT. */
export function sessionOf(token: string, names: ClaimNames = storedClaimNames()): Session | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return null;
  try {
    const claims = JSON.parse(base64UrlDecode(parts[1])) as Record<string, unknown>;
    const organisation = claimAt(claims, names.organisation);
    const name = claimAt(claims, names.name);
    const roles = claimAt(claims, names.roles);
    if (typeof claims.sub !== 'string' || typeof organisation !== 'string') return null;
    const expiresAt = typeof claims.exp === 'number' ? claims.exp * 1000 : null;
    if (expiresAt !== null && expiresAt < Date.now()) return null;
    return {
      token: token.trim(),
      userId: claims.sub,
      userName: typeof name === 'string' ? name : claims.sub,
      organisationId: organisation,
      roles: Array.isArray(roles)
        ? roles.map(String)
        : typeof roles === 'string'
          ? roles.split(' ').filter(Boolean)
          : [],
      expiresAt,
    };
  } catch {
    return null;
  }
}

/** Kept for the browser tab only (sessionStorage): closing the tab signs out. */
export function storedSession(): Session | null {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? sessionOf(token) : null;
}

export function storeSession(session: Session | null): void {
  if (session) sessionStorage.setItem(TOKEN_KEY, session.token);
  else {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(CLAIMS_KEY);
    sessionStorage.removeItem(REFRESH_KEY);
  }
}

export const isSubmitter = (s: Session) =>
  s.roles.includes('party_group') || s.roles.includes('legislature');
export const isOffice = (s: Session) => s.roles.includes('committee_office');
/** Who opens the dashboards (as the API's dashboards policy says; the API still enforces it). */
export const mayOpenDashboards = (s: Session) =>
  ['analyst', 'committee_office', 'legislature', 'party_group'].some((r) => s.roles.includes(r));
