/** A timer value (duration, date or cycle) that cannot be understood; the message names what is wrong. */
export class TimerExpressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimerExpressionError';
  }
}
