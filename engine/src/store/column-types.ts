import pg from 'pg';

/**
 * How column values come back from PostgreSQL, the same for PGlite and for a server reached with `pg`,
 * so that code tested on one behaves identically on the other. Keyed by type OID.
 *
 * - int8 → number: our keys stay below 2^53; a larger value throws rather than silently losing digits.
 * - numeric → string: exact decimals must not pass through floating point.
 * - json/jsonb → parsed JSON.
 * - timestamptz → Date (both drivers' own parsers already agree).
 * - timestamp (without time zone) → Date read as UTC: `pg` would read it in the process's local time
 *   (Asia/Shanghai on most of our hosts) while PGlite reads UTC.
 * - date → 'YYYY-MM-DD' string: a calendar day has no instant; a Date would shift with the time zone.
 */
const BYTEA = 17;
const INT8 = 20;
const TEXT = 25;
const VARCHAR = 1043;
const INT8_ARRAY = 1016;
const NUMERIC = 1700;
const NUMERIC_ARRAY = 1231;
const TEXT_ARRAY = 1009;
const JSON_OID = 114;
const JSONB = 3802;
const TIMESTAMP = 1114;
const DATE = 1082;

export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`int8 value ${text} is outside ±2^53 and cannot be represented exactly as a JS number`);
  }
  return value;
}

function parseTimestampAsUtc(text: string): Date | number {
  if (text === 'infinity') return Infinity;
  if (text === '-infinity') return -Infinity;
  // 'YYYY-MM-DD HH:MM:SS[.ffffff]' → ISO with an explicit Z; BC dates are out of scope for this engine.
  return new Date(text.replace(' ', 'T') + 'Z');
}

function parseDate(text: string): string {
  return text;
}

function parseJson(text: string): unknown {
  return JSON.parse(text);
}

/** PGlite's own bytea parser read the hex a character pair at a time in JavaScript; Buffer reads it natively. */
function parseBytea(text: string): Uint8Array {
  const bytes = Buffer.from(text.slice(2), 'hex');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Parsers for PGlite's `parsers` option, given when PGlite is created (given per query, PGlite would merge them
 * into its own table for every query); PGlite applies element parsers to arrays itself.
 */
export const pgliteParsers: Record<number, (text: string) => unknown> = {
  [BYTEA]: parseBytea,
  [INT8]: parseInt8,
  [NUMERIC]: (text) => text,
  [JSON_OID]: parseJson,
  [JSONB]: parseJson,
  [TIMESTAMP]: parseTimestampAsUtc,
  [DATE]: parseDate,
};

/**
 * PGlite serialises a JS array bound to a json/jsonb parameter as JSON, but `pg` turns it into a
 * PostgreSQL array literal, which the server rejects. Refuse it on PGlite too, so the mistake shows up in
 * embedded tests rather than in production.
 */
function serializeJson(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    throw new TypeError(
      'a JS array bound to a json/jsonb parameter: pass JSON.stringify(array) (PostgreSQL drivers send arrays as array literals)',
    );
  }
  return JSON.stringify(value);
}

/** Below this many characters a string parameter is sent as text, as PGlite does: encoding it natively costs more. */
const BINARY_FROM_CHARS = 256;

/**
 * Long string parameters of text and json types go to PGlite already UTF-8 encoded, in the binary format (for these
 * types the same bytes as the text format). Sent as text, PGlite counts their UTF-8 bytes with a JavaScript loop
 * over every character: the engine's batches send their rows as one JSON parameter per table, and that loop took
 * ~3 % of the server's thread under load. (jsonb's binary format differs from its text: it stays text.)
 */
function encoded(text: string): string {
  return (text.length >= BINARY_FROM_CHARS ? Buffer.from(text, 'utf8') : text) as string;
}

/** PGlite's own text serializer, then the encoding. */
function serializeText(value: unknown): string {
  return encoded(value instanceof Date ? value.toISOString() : String(value));
}

/** Bytes as they are, in the binary format: PGlite's own serializer wrote them out as hex, a string per byte. */
function serializeBytea(value: unknown): string {
  if (!(value instanceof Uint8Array)) throw new TypeError('a bytea parameter must be a Uint8Array or Buffer');
  return value as unknown as string;
}

export const pgliteSerializers: Record<number, (value: any) => string> = {
  [BYTEA]: serializeBytea,
  [TEXT]: serializeText,
  [VARCHAR]: serializeText,
  [JSON_OID]: (value) => encoded(serializeJson(value)),
  [JSONB]: serializeJson,
};

type NestedArray = Array<string | null | NestedArray>;

function mapArray(values: NestedArray, parse: (text: string) => unknown): unknown[] {
  return values.map((v) => (v === null ? null : Array.isArray(v) ? mapArray(v, parse) : parse(v)));
}

/** pg's own parser for a type; its typings only list scalar OIDs, hence the widening. */
const pgDefaultParser = pg.types.getTypeParser as unknown as (oid: number, format?: string) => (text: string) => unknown;

const postgresParsers: Record<number, (text: string) => unknown> = {
  ...pgliteParsers,
  // pg parses arrays with its own element parsers, so int8[] needs the int8 rule applied element-wise.
  [INT8_ARRAY]: (text) => mapArray(pgDefaultParser(INT8_ARRAY)(text) as NestedArray, parseInt8),
  // pg reads numeric[] as floats; read it as strings like numeric itself.
  [NUMERIC_ARRAY]: (text) => pgDefaultParser(TEXT_ARRAY)(text),
};

/** For pg's `types` option: ours first, pg's defaults for everything else; pg's global table is untouched. */
export const postgresTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    (format === undefined || format === 'text') && postgresParsers[oid]
      ? postgresParsers[oid]
      : pgDefaultParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};
