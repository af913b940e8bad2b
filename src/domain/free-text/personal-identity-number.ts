/**
 * Finds Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer, day + 60)
 * in text a person typed, however it was typed, so that they are refused before anything is stored
 * (domain.md L24, A7). Only a real date plus a valid Luhn check digit counts: phone numbers and dates pass.
 */

/** Dash punctuation of every kind (hyphen, en and em dash, non-breaking hyphen, …) and the minus sign. */
const dashes = /[\p{Pd}\u2212]/gu;
/** Invisible format characters (soft hyphen, zero-width space, word joiner) that would split the digits unseen. */
const invisibles = /\p{Cf}/gu;
/** Every space class (no-break, narrow no-break, figure, ideographic, tab, line break) and runs of them. */
const spaces = /\s+/gu;

/**
 * The text as the check reads it: compatibility forms folded (NFKC: full-width digits and signs, …), invisible
 * characters dropped, every dash a '-', every run of spaces one ' '.
 */
export function normaliseTypedDigits(text: string): string {
  return text.normalize('NFKC').replace(invisibles, '').replace(dashes, '-').replace(spaces, ' ');
}

// The date may be split into pairs by single spaces ("12 12 12"); the serial is four digits after an optional
// '-', '+' (100 years or older), '/' or '.', with spaces around it. Dashes or dots inside the date are not read
// as a number, so ISO dates and times ("2026-11-20 1430") are not mistaken for one. Each pattern is a lookahead
// so that overlapping candidates (a room number written just before a number, say) are all tried.
const serialPart = String.raw` ?[-+/.]? ?(\d{4})(?!\d)`;
const withoutCentury = new RegExp(String.raw`(?<!\d)(?=(\d\d) ?(\d\d) ?(\d\d)${serialPart})`, 'g');
const withCentury = new RegExp(String.raw`(?<!\d)(?=(1[89]|20) ?(\d\d) ?(\d\d) ?(\d\d)${serialPart})`, 'g');

/** Luhn (mod 10) over the ten digits YYMMDDNNNN, as the Swedish Tax Agency computes the check digit. */
function isLuhnValid(tenDigits: string): boolean {
  let sum = 0;
  for (let i = 0; i < tenDigits.length; i++) {
    let n = Number(tenDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (n > 9) n -= 9;
    sum += n;
  }
  return sum % 10 === 0;
}

const isLeapYear = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

/**
 * A real date, the day raised by 60 for a coordination number. Without the century, 29 February counts in
 * any year that is a leap year in some century (yy divisible by 4).
 */
function isBirthDate(century: number | undefined, yy: number, month: number, dayField: number): boolean {
  const day = dayField > 60 ? dayField - 60 : dayField;
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = century === undefined ? yy % 4 === 0 : isLeapYear(century * 100 + yy);
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= daysInMonth;
}

function isIdentityNumber(century: string | undefined, yy: string, mm: string, dd: string, serial: string): boolean {
  return isBirthDate(century === undefined ? undefined : Number(century), Number(yy), Number(mm), Number(dd)) && isLuhnValid(`${yy}${mm}${dd}${serial}`);
}

/** True when the text holds something that is, by date and check digit, a personal or coordination number. */
export function containsPersonalIdentityNumber(text: string): boolean {
  const typed = normaliseTypedDigits(text);
  for (const [, yy = '', mm = '', dd = '', serial = ''] of typed.matchAll(withoutCentury))
    if (isIdentityNumber(undefined, yy, mm, dd, serial)) return true;
  for (const [, century = '', yy = '', mm = '', dd = '', serial = ''] of typed.matchAll(withCentury))
    if (isIdentityNumber(century, yy, mm, dd, serial)) return true;
  return false;
}
