/**
 * JSON with object keys sorted (by UTF-16 code units, as Array.prototype.sort does) and no whitespace, so
 * one value has one text, whatever order its keys were written or stored in (jsonb reorders them).
 * Only JSON values are accepted; anything else throws, naming where it is.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$', 0);
}

const MAX_DEPTH = 32;

function write(value: unknown, path: string, depth: number): string {
  if (depth > MAX_DEPTH) throw new TypeError(`${path} is nested more than ${MAX_DEPTH} levels deep`);
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${path} is ${value}, which JSON cannot hold`);
      return JSON.stringify(value);
    case 'string':
      return writeString(value, path);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item, i) => write(item, `${path}[${i}]`, depth + 1)).join(',')}]`;
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new TypeError(`${path} is a ${proto?.constructor?.name ?? 'non-plain object'}, not a plain JSON object`);
      }
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${writeString(k, `${path} key ${JSON.stringify(k)}`)}:${write(v, `${path}.${k}`, depth + 1)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`${path} is a ${typeof value}, which JSON cannot hold`);
  }
}

/** PostgreSQL's jsonb cannot store NUL or half a surrogate pair: refuse them here rather than fail at insert. */
function writeString(value: string, path: string): string {
  if (value.includes('\u0000')) throw new TypeError(`${path} contains a NUL character`);
  if (/\p{Cs}/u.test(value)) throw new TypeError(`${path} contains an unpaired UTF-16 surrogate`);
  return JSON.stringify(value);
}
