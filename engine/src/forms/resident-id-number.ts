/**
 * Numbers of the 居民身份证 (GB 11643-1999): 18 characters — a 6-digit address code, the birth date YYYYMMDD,
 * a 3-digit sequence and a check character (ISO 7064 MOD 11-2; `X` stands for 10) — or the 15-digit numbers of
 * first-generation cards (address code, birth date YYMMDD in the 1900s, sequence; no check digit).
 */
const eighteenCharacters = /^[1-9]\d{5}(\d{4})(\d{2})(\d{2})\d{3}[0-9X]$/;
const fifteenDigits = /^[1-9]\d{5}(\d{2})(\d{2})(\d{2})\d{3}$/;
const checkWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkCharacters = '10X98765432';
// Nobody born before 1900 still holds a card; earlier dates are typing mistakes.
const earliestBirthYear = 1900;
const chinaUtcOffsetMs = 8 * 3_600_000;

/** The check character of an 18-character number, from its first 17 digits. */
export function residentIdCheckCharacter(first17Digits: string): string {
  if (!/^\d{17}$/.test(first17Digits)) throw new Error(`"${first17Digits}" is not 17 digits`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17Digits[i]) * checkWeights[i];
  return checkCharacters[sum % 11];
}

/**
 * True for a well-formed number whose birth date is a real day between 1900 and today (China time) and, for
 * 18 characters, whose check character is right. The check `X` must be upper case, as GB 11643 writes it:
 * values are stored as submitted, and a lower-case x would not match the same person elsewhere.
 */
export function isResidentIdNumber(value: string, now: number = Date.now()): boolean {
  const long = eighteenCharacters.exec(value);
  if (long) {
    return (
      isPastBirthDate(Number(long[1]), Number(long[2]), Number(long[3]), now) &&
      residentIdCheckCharacter(value.slice(0, 17)) === value[17]
    );
  }
  const short = fifteenDigits.exec(value);
  return short !== null && isPastBirthDate(1900 + Number(short[1]), Number(short[2]), Number(short[3]), now);
}

function isPastBirthDate(year: number, month: number, day: number, now: number): boolean {
  if (year < earliestBirthYear || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return false;
  const today = new Date(now + chinaUtcOffsetMs);
  const todayNumber = today.getUTCFullYear() * 10_000 + (today.getUTCMonth() + 1) * 100 + today.getUTCDate();
  return year * 10_000 + month * 100 + day <= todayNumber;
}
