import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, configureApi } from './api.js';
import type { LoginResponse, SessionUser } from './api-types.js';
import type { Permission } from './permissions.js';

const STORAGE_KEY = 'gongzhi.session';

interface Session {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

function storedSession(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    if (!session.token || !session.user || Date.parse(session.expiresAt) <= Date.now()) return null;
    return session;
  } catch {
    return null;
  }
}

export interface AuthState {
  user: SessionUser | null;
  /** Why the last session ended without a logout (expired token), to say so on the login page. */
  endedBecause: 'expired' | null;
  login(username: string, password: string): Promise<SessionUser>;
  logout(): void;
  can(permission: Permission): boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => {
    const found = storedSession();
    configureApi({ token: found?.token ?? null });
    return found;
  });
  const [endedBecause, setEndedBecause] = useState<'expired' | null>(null);

  const end = useCallback((reason: 'expired' | null) => {
    localStorage.removeItem(STORAGE_KEY);
    configureApi({ token: null });
    setSession(null);
    setEndedBecause(reason);
  }, []);

  useEffect(() => {
    configureApi({ onUnauthorized: () => end('expired') });
  }, [end]);

  // Another tab logging in or out changes this one too.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== STORAGE_KEY) return;
      const next = storedSession();
      configureApi({ token: next?.token ?? null });
      setSession(next);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  // Drop the session when the token runs out, rather than failing the next call.
  useEffect(() => {
    if (!session) return;
    const left = Date.parse(session.expiresAt) - Date.now();
    const timer = setTimeout(() => end('expired'), Math.max(0, Math.min(left, 2_147_000_000)));
    return () => clearTimeout(timer);
  }, [session, end]);

  const login = useCallback(async (username: string, password: string) => {
    const result = await api.post<LoginResponse>('/v2/auth/login', { username, password }, { anonymous: true });
    const next: Session = { token: result.token, expiresAt: result.expiresAt, user: result.user };
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    configureApi({ token: next.token });
    setEndedBecause(null);
    setSession(next);
    return result.user;
  }, []);

  const logout = useCallback(() => end(null), [end]);

  const value = useMemo<AuthState>(
    () => ({
      user: session?.user ?? null,
      endedBecause,
      login,
      logout,
      can: (permission) => session?.user.permissions.includes(permission) ?? false,
    }),
    [session, endedBecause, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth() needs an <AuthProvider> above it');
  return state;
}
