import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Records move from one JSON row per process instance and batch (record_chunks) to one row per batch: the
 * batch's records, grouped by process instance into segments, deflated in the engine. PostgreSQL spent most of
 * a batch's record write compressing JSON (TOAST) row by row; one pre-compressed value is ~10× cheaper.
 * `process_instance_keys[i]` owns the text up to `segment_ends[i]` of the inflated records (null: records of
 * no instance); the GIN index finds an instance's batches. Existing chunks are carried over uncompressed
 * (`deflated` false, one segment each).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`CREATE TABLE record_batches (
     first_position int8 PRIMARY KEY, last_position int8 NOT NULL,
     process_instance_keys int8[] NOT NULL, segment_ends int4[] NOT NULL,
     deflated boolean NOT NULL, records bytea NOT NULL)`).execute(db);
  // Stored as given: the engine already compressed it, PostgreSQL would only try again.
  await sql.raw(`ALTER TABLE record_batches ALTER COLUMN records SET STORAGE EXTERNAL`).execute(db);
  await sql.raw(`CREATE INDEX record_batches_pi ON record_batches USING gin (process_instance_keys)`).execute(db);
  await sql.raw(`INSERT INTO record_batches (first_position, last_position, process_instance_keys, segment_ends, deflated, records)
     SELECT first_position, last_position, ARRAY[process_instance_key], ARRAY[length(records::text)], false,
            convert_to(records::text, 'UTF8')
     FROM record_chunks`).execute(db);
  await sql.raw(`DROP TABLE record_chunks`).execute(db);
}
