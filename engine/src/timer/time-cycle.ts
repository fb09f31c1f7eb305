import { CronExpression } from './cron-expression.js';
import { isZeroDuration, parseIsoDuration, type IsoDuration } from './iso-duration.js';
import { parseIsoDateTime, type ZonedInstant } from './iso-date-time.js';
import { TimerExpressionError } from './timer-expression-error.js';
import { CHINA_OFFSET_MINUTES, type TimeZone } from './time-zone.js';

/** `R5/PT10S`, `R/P1D`, `R3/2026-01-01T09:00:00+08:00/P1D`: an ISO 8601 repeating interval. */
export interface RepeatingInterval {
  type: 'repeatingInterval';
  /** -1 when the cycle repeats until cancelled. */
  repetitions: number;
  /** The first due time when given; without it the first one is one interval after activation. */
  start?: ZonedInstant;
  interval: IsoDuration;
  /** The zone calendar arithmetic happens in: the start's zone, otherwise China time. */
  zone: TimeZone;
}

export interface CronCycle {
  type: 'cron';
  /** Cron cycles repeat until cancelled. */
  repetitions: -1;
  cron: CronExpression;
}

export type TimeCycle = RepeatingInterval | CronCycle;

const EXAMPLES = 'e.g. R5/PT10S, R/P1D, R3/2026-01-01T09:00:00+08:00/P1D, or a cron expression such as 0 0 9 * * MON-FRI';

/**
 * Parses a timeCycle value. Like Zeebe, a value starting with `R` is an ISO 8601 repeating interval and
 * anything else a cron expression.
 */
export function parseTimeCycle(value: string): TimeCycle {
  if (typeof value !== 'string') throw new TimerExpressionError(`a time cycle must be a string, got ${typeof value}`);
  const text = value.trim();
  if (text === '') throw new TimerExpressionError(`empty time cycle: expected ${EXAMPLES}`);
  if (/^R/i.test(text)) return parseRepeatingInterval(text);
  if (/^[+-]?P/i.test(text)) {
    throw new TimerExpressionError(`time cycle '${text}' is a plain duration: say how often it repeats, e.g. R/${text} (forever) or R3/${text}`);
  }
  return { type: 'cron', repetitions: -1, cron: CronExpression.parse(text) };
}

function parseRepeatingInterval(text: string): RepeatingInterval {
  // Split as Zeebe does: repetitions up to the first '/', the interval after the last one, the start in between
  // (a zone id like [Europe/Berlin] may itself contain a '/').
  const firstSlash = text.indexOf('/');
  const repeat = firstSlash < 0 ? text : text.slice(0, firstSlash);
  if (!/^R\d*$/i.test(repeat)) {
    throw new TimerExpressionError(`time cycle '${text}' must start with R or Rn (n repetitions) followed by '/', ${EXAMPLES}`);
  }
  const rest = firstSlash < 0 ? '' : text.slice(firstSlash + 1);
  const lastSlash = rest.lastIndexOf('/');
  const durationText = rest.slice(lastSlash + 1);
  const startText = lastSlash < 0 ? undefined : rest.slice(0, lastSlash);
  if (durationText === '') {
    throw new TimerExpressionError(`time cycle '${text}' has no interval after '${repeat}/', ${EXAMPLES}`);
  }
  if (startText !== undefined && (/^\d{4}-/.test(durationText) || durationText.includes(']'))) {
    throw new TimerExpressionError(`time cycle '${text}' ends in a date: only R[n]/[start/]duration is supported, not an end date`);
  }
  if (startText === '') throw new TimerExpressionError(`time cycle '${text}' has an empty start date between the slashes`);
  let repetitions = -1;
  if (repeat.length > 1) {
    repetitions = Number(repeat.slice(1));
    if (!Number.isSafeInteger(repetitions)) throw new TimerExpressionError(`time cycle '${text}' has too many repetitions`);
    if (repetitions === 0) throw new TimerExpressionError(`time cycle '${text}' repeats 0 times, so it would never fire: use R1 or more, or R for forever`);
  }
  const start = startText === undefined ? undefined : parseIsoDateTime(startText);
  const interval = parseIsoDuration(durationText);
  if (isZeroDuration(interval)) throw new TimerExpressionError(`time cycle '${text}' has a zero interval, so it would fire endlessly at once`);
  return { type: 'repeatingInterval', repetitions, start, interval, zone: start?.zone ?? CHINA_OFFSET_MINUTES };
}
