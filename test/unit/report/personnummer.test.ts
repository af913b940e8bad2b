import { describe, expect, it } from 'vitest';
import { containsPersonnummer } from '../../../src/domain/report/personnummer';

describe('personnummer detection in free text', () => {
  it.each([
    ['short form with dash', 'Eleven 811218-9876 är borta'],
    ['short form without dash', 'pnr 8112189876'],
    ['long form', '198112189876'],
    ['long form with dash', '19811218-9876'],
    ['centenarian plus sign', '20121212+1212'],
    ['samordningsnummer (day + 60)', '811278-9873'],
  ])('refuses a %s', (_name, text) => {
    expect(containsPersonnummer(text)).toBe(true);
  });

  it.each([
    ['a wrong check digit', '811218-9877'],
    ['an impossible month', '811318-9876'],
    ['a date', 'sedan 2026-11-20'],
    ['a short number', 'rum 12345678'],
    ['plain text', 'Borta de flesta måndagar'],
    ['a digit run that is part of a longer number', '1811218987612'],
  ])('lets through %s', (_name, text) => {
    expect(containsPersonnummer(text)).toBe(false);
  });
});
