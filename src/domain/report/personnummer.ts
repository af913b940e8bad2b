/**
 * Detects Swedish personal identity numbers (personnummer, and samordningsnummer with day + 60) in free
 * text, so that they are refused before anything is stored (domain.md L24: no personnummer by default).
 * A candidate is 10 or 12 digits, optionally split by '-' or '+', with a valid date and Luhn check digit.
 */
const candidate = /(?<!\d)(\d{2})?(\d{2})(\d{2})(\d{2})[-+ ]?(\d{4})(?!\d)/g;

function luhnValid(tenDigits: string): boolean {
  let sum = 0;
  for (let i = 0; i < tenDigits.length; i++) {
    let n = Number(tenDigits[i]);
    if (i % 2 === 0) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

function plausibleDate(month: number, day: number): boolean {
  const d = day > 60 ? day - 60 : day;
  return month >= 1 && month <= 12 && d >= 1 && d <= 31;
}

/** True when the text contains something that is, by date and check digit, a personnummer. */
export function containsPersonnummer(text: string): boolean {
  for (const m of text.matchAll(candidate)) {
    const [, , yy, mm, dd, last4] = m;
    if (yy === undefined || mm === undefined || dd === undefined || last4 === undefined) continue;
    if (plausibleDate(Number(mm), Number(dd)) && luhnValid(`${yy}${mm}${dd}${last4}`)) return true;
  }
  return false;
}
