import { Migrator, type Kysely, type Migration } from 'kysely';
import { migrations as engineMigrations } from './migrations/index.js';

const MIGRATION_NAME = /^\d{3}-[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Brings the database to the latest migration and returns the names it applied (none when up to date).
 * Kysely's migrator holds a PostgreSQL advisory lock while it works, so processes opening one database at
 * the same time migrate it once; each migration runs in a transaction.
 */
export async function migrateToLatest(
  db: Kysely<any>,
  migrations: Readonly<Record<string, Migration>> = engineMigrations,
): Promise<string[]> {
  for (const [name, migration] of Object.entries(migrations)) {
    if (!MIGRATION_NAME.test(name)) {
      throw new Error(`migration name "${name}" is not of the form NNN-name (three digits, then lowercase words joined by -)`);
    }
    if (typeof migration?.up !== 'function') {
      throw new Error(`migration ${name} exports no up(db) function`);
    }
  }
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...migrations }) },
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error');
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(failed ? `migration ${failed.migrationName} failed: ${reason}` : `migrating failed: ${reason}`, {
      cause: error,
    });
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
