import type { Role } from './principal.js';

/** An API key as listed: the key itself is never stored, only its SHA-256. */
export interface ApiKey {
  id: string;
  name: string;
  roles: Role[];
  orgId?: string;
  /** Id of the principal that created it. */
  createdBy: string;
  createdAt: number;
  revokedAt?: number;
}

export interface NewApiKey {
  name: string;
  roles: Role[];
  orgId?: string;
}

/** What creating a key returns: the only time the key is ever shown. */
export interface CreatedApiKey {
  id: string;
  name: string;
  key: string;
}

/** Key ids double as HTTP Basic usernames, so they have a form no username may take (see user.ts). */
export const API_KEY_ID = /^ak_[0-9a-f]{16}$/;

export const API_KEY_PREFIX = 'gzk_';
/** `gzk_` and 32 random bytes in base64url (43 characters, no padding). */
export const API_KEY_FORMAT = /^gzk_[A-Za-z0-9_-]{43}$/;
