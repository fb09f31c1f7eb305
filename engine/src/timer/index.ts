export { TimerExpressionError } from './timer-expression-error.js';
export { parseIsoDuration, addDuration, isZeroDuration, type IsoDuration } from './iso-duration.js';
export { parseIsoDateTime, type ZonedInstant } from './iso-date-time.js';
export { CronExpression } from './cron-expression.js';
export { parseTimeCycle, type TimeCycle, type RepeatingInterval, type CronCycle } from './time-cycle.js';
export { firstDue, nextCycleDue, checkTimerSyntax, type FirstDue, type TimerKind } from './timer-schedule.js';
export { CHINA_OFFSET_MINUTES, type TimeZone } from './time-zone.js';
