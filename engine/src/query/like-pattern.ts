/**
 * Camunda's $like wildcards as an SQL LIKE pattern (used with ESCAPE '\'): `*` is any run of characters,
 * `?` exactly one, and a backslash makes the next character literal. SQL's own wildcards `%` and `_`
 * are literal in Camunda's syntax, so they are escaped.
 */
export function likePattern(camundaPattern: string): string {
  let out = '';
  for (let i = 0; i < camundaPattern.length; i++) {
    const c = camundaPattern[i];
    if (c === '\\' && i + 1 < camundaPattern.length) {
      out += sqlLiteral(camundaPattern[++i]);
    } else if (c === '*') {
      out += '%';
    } else if (c === '?') {
      out += '_';
    } else {
      out += sqlLiteral(c);
    }
  }
  return out;
}

function sqlLiteral(c: string): string {
  return c === '%' || c === '_' || c === '\\' ? `\\${c}` : c;
}
