/**
 * Mainland China phone numbers as forms accept them: an 11-digit mobile number (1[3-9] and nine digits), or a
 * landline with its area code — 010 and 02x are three digits long and take an 8-digit local number, every other
 * area code is four digits (0571) and takes a 7- or 8-digit local number, which never starts with 0 (that would
 * read as another area code).
 * A hyphen between area code and number is optional. No +86, spaces or extensions: the value is stored as typed,
 * so it is checked in the one spelling the offices use.
 */
const mobileNumber = /^1[3-9]\d{9}$/;
const landlineNumber = /^(?:(?:010|02\d)-?[1-9]\d{7}|0[3-9]\d{2}-?[1-9]\d{6,7})$/;

export function isPhoneNumber(value: string): boolean {
  return mobileNumber.test(value) || landlineNumber.test(value);
}
