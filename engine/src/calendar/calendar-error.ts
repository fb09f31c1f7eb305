/** Bad input to the working-day calendar (a malformed date, holiday data or deadline request); the message says what. */
export class CalendarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarError';
  }
}
