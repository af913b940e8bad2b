import { describe, expect, it } from 'vitest';
import { containsPersonalIdentityNumber, normaliseTypedDigits } from '../../../src/domain/free-text/personal-identity-number';
import { harmlessNumbers, typedIdentityNumbers } from '../../support/typed-identity-numbers';

/** The same Luhn sum the Tax Agency uses, to prove each near-miss below misses on the rule it is named for. */
const luhnValid = (digits: string): boolean => {
  const sum = [...digits].reduce((acc, ch, i) => {
    const n = Number(ch) * (i % 2 === 0 ? 2 : 1);
    return acc + (n > 9 ? n - 9 : n);
  }, 0);
  return sum % 10 === 0;
};

describe('personal identity numbers in free text, however they are typed', () => {
  it.each(typedIdentityNumbers)('refuses %s', (_typing, text) => {
    expect(containsPersonalIdentityNumber(text)).toBe(true);
  });

  it.each([
    ['a wrong check digit', '121212-1213', ''],
    ['a wrong check digit, full-width', '１２１２１２－１２１３', ''],
    ['month 13', '811318-9875', ''],
    ['30 February', '810230-1234', ''],
    ['29 February of a year that is never a leap year', '010229-1234', ''],
    ['29 February 1900', '190002291235', ''],
    ['day 32', '811232-1230', ''],
    ['day 92 (coordination day 32)', '811292-1237', ''],
    ['a twelve-digit number with no century', '991212121212', ''],
    ['a mobile number', '070-123 45 67', ''],
    ['a mobile number whose digits pass date and check digit', '070-123 45 69', '0701234569'],
    ['a mobile number whose digits pass, without spaces', '070-1234569', '0701234569'],
    ['an international mobile number', '+46 70 123 45 69', ''],
    ['a Stockholm number', '08-508 000 00', ''],
    ['an ISO date and a time whose digits pass', 'möte 2026-11-20 1415', '2611201415'],
    ['a date', 'sedan 2026-11-20', ''],
    ['a Swedish date', 'sedan 20/11 2026', ''],
    ['a short number', 'rum 12345678', ''],
    ['a digit run that is part of a longer number', '1811218987612', ''],
    ['plain text', 'Borta de flesta måndagar', ''],
    ['phone numbers and a date with a time in one text', harmlessNumbers, ''],
  ])('lets through %s', (_nearMiss, text, digitsThatPassLuhn) => {
    if (digitsThatPassLuhn !== '') expect(luhnValid(digitsThatPassLuhn)).toBe(true);
    expect(containsPersonalIdentityNumber(text)).toBe(false);
  });

  it.each([
    ['810230-1234'],
    ['811318-9875'],
    ['010229-1234'],
    ['811232-1230'],
    ['811292-1237'],
  ])('fails on the date alone, not the check digit: %s', (text) => {
    expect(luhnValid(text.replace('-', ''))).toBe(true);
  });

  it('reads every dash as a hyphen and every run of spaces as one space', () => {
    expect(normaliseTypedDigits('１２\u00a0\u2009１２\u2013１２\u00ad')).toBe('12 12-12');
  });
});
