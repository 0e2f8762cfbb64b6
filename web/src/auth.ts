/** The signed-in user: the token and what its claims say (for showing, never for trusting). */
export interface Session {
  token: string;
  userId: string;
  userName: string;
  organisationId: string;
  roles: string[];
  expiresAt: number | null;
}

const TOKEN_KEY = 'legislink.token';

function base64UrlDecode(part: string): string {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** The session a token stands for, or null when it is not a well-formed unexpired JWT. */
export function sessionOf(token: string): Session | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return null;
  try {
    const claims = JSON.parse(base64UrlDecode(parts[1])) as Record<string, unknown>;
    if (typeof claims.sub !== 'string' || typeof claims.org !== 'string') return null;
    const expiresAt = typeof claims.exp === 'number' ? claims.exp * 1000 : null;
    if (expiresAt !== null && expiresAt < Date.now()) return null;
    return {
      token: token.trim(),
      userId: claims.sub,
      userName: typeof claims.name === 'string' ? claims.name : claims.sub,
      organisationId: claims.org,
      roles: Array.isArray(claims.roles) ? claims.roles.map(String) : [],
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
  else sessionStorage.removeItem(TOKEN_KEY);
}

export const isSubmitter = (s: Session) =>
  s.roles.includes('party_group') || s.roles.includes('legislature');
export const isOffice = (s: Session) => s.roles.includes('committee_office');
/** Who opens the dashboards (as the API's dashboards policy says; the API still enforces it). */
export const mayOpenDashboards = (s: Session) =>
  ['analyst', 'committee_office', 'legislature', 'party_group'].some((r) => s.roles.includes(r));
