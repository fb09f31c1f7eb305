/** PostgreSQL's unique_violation; both pg and PGlite put the SQLSTATE on the error's `code`. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
