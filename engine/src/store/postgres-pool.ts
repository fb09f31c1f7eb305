import pg from 'pg';
import { postgresTypes } from './column-types.js';

export interface OpenedPostgresPool {
  pool: pg.Pool;
  /** The URL without its password, for messages. */
  location: string;
}

/** The URL as it can be shown: credentials other than the user name removed. */
export function describePostgresUrl(url: URL): string {
  const user = url.username ? `${decodeURIComponent(url.username)}@` : '';
  return `${url.protocol}//${user}${url.host}${url.pathname}`;
}

function parsePostgresUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // The text is not echoed: it may carry a password.
    throw new Error('StoreConfig.url is not a valid URL; expected postgres://user[:password]@host[:port]/database');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error(
      `StoreConfig.url must start with postgres:// or postgresql://, not ${parsed.protocol}//`,
    );
  }
  if (!parsed.hostname) {
    throw new Error(`StoreConfig.url names no host: ${describePostgresUrl(parsed)}`);
  }
  return parsed;
}

/**
 * A pg pool with our column types, connected once before returning so that a wrong host, port, database or
 * password is reported here rather than by the first query.
 */
export async function openPostgresPool(url: string): Promise<OpenedPostgresPool> {
  const location = describePostgresUrl(parsePostgresUrl(url));
  const pool = new pg.Pool({
    connectionString: url,
    types: postgresTypes,
    application_name: 'gongzhi',
    // Without it an unreachable (filtered) host hangs for the OS's TCP timeout, minutes.
    connectionTimeoutMillis: 10_000,
  });
  // An idle connection dropped by the server: the pool already discards it and the next query reconnects.
  // Without a listener Node would treat the event as fatal and exit.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    const reason = error instanceof Error ? error.message || (error as { code?: string }).code || error.name : String(error);
    throw new Error(`Cannot connect to PostgreSQL at ${location}: ${reason}`, { cause: error });
  }
  return { pool, location };
}
