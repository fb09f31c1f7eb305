/** An audit entry or query the log refuses; the message names the field and what is wrong with it. */
export class AuditEntryError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'AuditEntryError';
  }
}
