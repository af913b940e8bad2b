/**
 * One personal identity number typed every way people type it. 121212-1212 is a valid personnummer
 * (12 December 1912 or 2012); 811278-9873 a coordination number (samordningsnummer: day 18 + 60).
 */
export const typedIdentityNumbers: readonly (readonly [typing: string, text: string])[] = [
  ['hyphen-minus', '121212-1212'],
  ['no separator', '1212121212'],
  ['twelve digits', '191212121212'],
  ['twelve digits and a space', '19121212 1212'],
  ['twelve digits and a hyphen', '19121212-1212'],
  ['plus sign (100 years or older)', '121212+1212'],
  ['en dash', '121212\u20131212'],
  ['em dash', '121212\u20141212'],
  ['non-breaking hyphen', '121212\u20111212'],
  ['hyphen (U+2010)', '121212\u20101212'],
  ['minus sign', '121212\u22121212'],
  ['non-breaking space', '121212\u00a01212'],
  ['narrow non-breaking space', '121212\u202f1212'],
  ['twelve digits and a non-breaking space', '19121212\u00a01212'],
  ['full-width digits and dash', '１２１２１２－１２１２'],
  ['full-width digits and an ASCII hyphen', '１２１２１２-１２１２'],
  ['mathematical digits', '𝟏𝟐𝟏𝟐𝟏𝟐-𝟏𝟐𝟏𝟐'],
  ['the date in pairs', '12 12 12-1212'],
  ['the date in pairs with non-breaking spaces', '12\u00a012\u00a012-1212'],
  ['a slash', '121212/1212'],
  ['a dot', '121212.1212'],
  ['two spaces', '121212  1212'],
  ['spaces around the hyphen', '121212 - 1212'],
  ['a tab', '121212\t1212'],
  ['a line break', '121212\n1212'],
  ['a soft hyphen', '121212\u00ad1212'],
  ['a zero-width space inside the date', '1212\u200b12-1212'],
  ['inside a sentence', 'Eleven (121212–1212) är borta'],
  ['a space after the century', 'nr 19 121212-1212'],
  ['coordination number', '811278-9873'],
  ['coordination number with an en dash', '811278\u20139873'],
  ['coordination number with twelve digits', '198112789873'],
  ['29 February of a leap year', '040229-1231'],
  ['29 February 2000', '20000229-1235'],
  ['a number right after a number that is not one', 'Rum 4512 850709-9805'],
];

/** Free text that looks numeric but holds no identity number: a phone number and a date and time whose digits pass the check digit. */
export const harmlessNumbers = 'Ring 070-123 45 69 eller +46 70 123 45 69, möte 2026-11-20 1415';
