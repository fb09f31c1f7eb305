/** The message of anything thrown, for incidents and rejections. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
