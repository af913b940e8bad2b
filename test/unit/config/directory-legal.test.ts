import { describe, expect, it } from 'vitest';
import { parseDirectory } from '../../../src/config/directory';
import { defaultAdultPupilConsentText, defaultHandoverGroundTexts, defaultInputAnswerGroundTexts, defaultInvitationGroundTexts } from '../../../src/config/directory-legal';
import { legalGrounds, type LegalGround } from '../../../src/domain/handover/handover';
import type { Directory, LegalReferences } from '../../../src/domain/routing/directory';
import { loadSampleDirectory } from '../../support/test-directory';

/**
 * The legal grounds' texts say what the law says (domain.md L19). Each row pins one meaning that was once
 * wrong: OSL 10 kap. 2 § is about what the DISCLOSING authority needs for its own work, not social services'
 * work; an invitation into an investigation rests on the duty to provide information, not the duty to report.
 */
const sample = loadSampleDirectory();
const withoutGroundTexts = (): Directory | undefined => {
  const { handoverGrounds: _h, invitationGrounds: _i, inputAnswerGrounds: _a, adultPupilConsent: _p, ...legal } = sample.legal;
  const result = parseDirectory({ ...sample, legal }, 'stockholm.yaml');
  return result.ok ? result.directory : undefined;
};
type GroundTexts = Pick<LegalReferences, 'handoverGrounds' | 'invitationGrounds' | 'inputAnswerGrounds' | 'adultPupilConsent'>;
const sources: [string, () => GroundTexts | undefined][] = [
  [
    'the built-in defaults',
    () => ({
      handoverGrounds: defaultHandoverGroundTexts,
      invitationGrounds: defaultInvitationGroundTexts,
      inputAnswerGrounds: defaultInputAnswerGroundTexts,
      adultPupilConsent: defaultAdultPupilConsentText,
    }),
  ],
  ['the sample directory', () => sample.legal],
  ['a directory that leaves them out', () => withoutGroundTexts()?.legal],
];

type Context = 'handoverGrounds' | 'invitationGrounds' | 'inputAnswerGrounds';
/** [context, ground, language, must contain, must not contain] */
const meanings: [Context, LegalGround, 'sv' | 'en', RegExp[], RegExp[]][] = [
  ['handoverGrounds', 'consent', 'sv', [/^Samtycke/, /OSL 12 kap\. 2 §/], []],
  ['handoverGrounds', 'consent', 'en', [/^Consent/, /OSL ch\. 12 s\. 2/], []],
  ['handoverGrounds', 'reporting_duty', 'sv', [/Anmälningsskyldigheten/, /OSL 10 kap\. 28 §/], [/Uppgiftsskyldighet/i]],
  ['handoverGrounds', 'reporting_duty', 'en', [/duty to report/, /OSL ch\. 10 s\. 28/], [/provide information/i]],
  ['handoverGrounds', 'own_work', 'sv', [/utlämnande myndigheten/, /egen verksamhet/, /OSL 10 kap\. 2 §/], [/socialtjänstens arbete/i, /utredningsenheten behöver/i]],
  ['handoverGrounds', 'own_work', 'en', [/disclosing authority/, /own (work|activities)/, /OSL ch\. 10 s\. 2\b/], [/social services'? work/i]],
  ['invitationGrounds', 'consent', 'sv', [/^Samtycke/, /OSL 12 kap\. 2 §/], []],
  ['invitationGrounds', 'consent', 'en', [/^Consent/, /OSL ch\. 12 s\. 2/], []],
  ['invitationGrounds', 'reporting_duty', 'sv', [/^Uppgiftsskyldigheten/, /betydelse för utredningen/, /OSL 10 kap\. 28 §/], [/anmälningsskyldighet/i, /anmäla/i]],
  ['invitationGrounds', 'reporting_duty', 'en', [/^The duty to provide information/, /OSL ch\. 10 s\. 28/], [/duty to report/i]],
  ['invitationGrounds', 'own_work', 'sv', [/utredningsenhetens egen verksamhet/, /OSL 10 kap\. 2 §/], [/socialtjänstens arbete/i]],
  ['invitationGrounds', 'own_work', 'en', [/investigation unit's own work/, /OSL ch\. 10 s\. 2\b/], [/social services'? work/i]],
  // The team answers an investigator's question: the school side discloses, on its own ground.
  ['inputAnswerGrounds', 'consent', 'sv', [/^Samtycke/, /OSL 12 kap\. 2 §/], []],
  ['inputAnswerGrounds', 'consent', 'en', [/^Consent/, /OSL ch\. 12 s\. 2/], []],
  ['inputAnswerGrounds', 'reporting_duty', 'sv', [/^Uppgiftsskyldigheten/, /OSL 10 kap\. 28 §/], [/anmälningsskyldighet/i, /anmäla/i]],
  ['inputAnswerGrounds', 'reporting_duty', 'en', [/^The duty to provide information/, /OSL ch\. 10 s\. 28/], [/duty to report/i]],
  ['inputAnswerGrounds', 'own_work', 'sv', [/utlämnande myndigheten/, /egen verksamhet/, /OSL 10 kap\. 2 §/], [/socialtjänstens arbete/i, /utredningsenhetens egen/i]],
  ['inputAnswerGrounds', 'own_work', 'en', [/disclosing authority/, /own activities/, /OSL ch\. 10 s\. 2\b/], [/social services'? work/i, /investigation unit's own/i]],
];

describe.each(sources)('the legal-ground texts of %s', (_source, load) => {
  it('have a text for every ground in both contexts and both languages', () => {
    const legal = load();
    for (const context of ['handoverGrounds', 'invitationGrounds', 'inputAnswerGrounds'] as const)
      expect(Object.keys(legal?.[context] ?? {}).sort()).toEqual([...legalGrounds].sort());
  });

  it.each(meanings)('%s.%s (%s) says what the law says', (context, ground, lang, must, mustNot) => {
    const text = load()?.[context][ground][lang] ?? '';
    for (const pattern of must) expect(text).toMatch(pattern);
    for (const pattern of mustNot) expect(text).not.toMatch(pattern);
    // SoL 2025:400's section numbers are unverified (domain.md L12): no paragraph of it is quoted.
    expect(text).not.toMatch(/14 kap\. 1 §|\bSoL\b|ch(apter)?\.? 14/);
  });
});

describe.each(sources)("the adult pupil's consent ground of %s", (_source, load) => {
  it.each(['sv', 'en'] as const)('names the pupil, not the guardians, with the OSL reference (%s)', (lang) => {
    const text = load()?.adultPupilConsent[lang] ?? '';
    expect(text).toMatch(lang === 'sv' ? /eleven \(18 år eller äldre\)/ : /the pupil \(18 or over\)/);
    expect(text).toMatch(lang === 'sv' ? /OSL 12 kap\. 2 §/ : /OSL ch\. 12 s\. 2/);
    expect(text).not.toMatch(/vårdnadshavar|guardian/i);
  });
});

describe('overriding the legal-ground texts in the directory', () => {
  it('takes a corrected text from the file without a release', () => {
    const handoverGrounds = { ...sample.legal.handoverGrounds, own_work: { sv: 'Rättad text (OSL 10 kap. 2 §)', en: 'Corrected (OSL ch. 10 s. 2)' } };
    const result = parseDirectory({ ...sample, legal: { ...sample.legal, handoverGrounds } }, 'stockholm.yaml');
    expect(result.ok && result.directory.legal.handoverGrounds.own_work.sv).toBe('Rättad text (OSL 10 kap. 2 §)');
  });

  it('names a ground whose text is missing', () => {
    const { own_work: _missing, ...twoGrounds } = sample.legal.invitationGrounds;
    const result = parseDirectory({ ...sample, legal: { ...sample.legal, invitationGrounds: twoGrounds } }, 'stockholm.yaml');
    expect(result.ok ? [] : result.errors).toContain('stockholm.yaml: legal.invitationGrounds.own_work: required');
  });
});
