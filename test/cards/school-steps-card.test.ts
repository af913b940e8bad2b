import { describe, expect, it } from 'vitest';
import { renderSchoolStepsCard } from '../../src/adapters/teams/cards/render';
import { catalogue, type Lang } from '../../src/adapters/teams/i18n/i18n';
import { loadSampleDirectory } from '../support/test-directory';
import { inputsOf } from './card-walk';
import { handedOverCase } from './case-fixtures';

const directory = loadSampleDirectory();

describe.each<Lang>(['sv', 'en'])('the head teacher’s view of a case in %s', (lang) => {
  const c = handedOverCase();
  const text = JSON.stringify(renderSchoolStepsCard({ lang, directory, case: c }));

  it('shows what the school already holds: the pupil’s initials and year group, the absence, the school’s steps', () => {
    expect(text).toContain(c.reference);
    expect(text).toContain('"AB"');
    expect(text).toContain(catalogue(lang).yearGroups[7]);
    expect(text).toContain('32 %');
    expect(text).toContain(catalogue(lang).caseCard.organiserNotifiedOn);
  });

  it('shows nothing of the team’s or social services’ work: no handover, no team member, no state, no reporter’s text', () => {
    expect(text).not.toContain(c.handover?.summary ?? 'no handover in the fixture');
    expect(text).not.toContain('Testperson SST Farsta');
    expect(text).not.toContain(c.text);
    expect(text).not.toContain(catalogue(lang).caseStates.handed_over);
    expect(text).not.toContain(catalogue(lang).caseCard.homeDistrict);
    for (const concern of c.concerns) expect(text).not.toContain(catalogue(lang).concerns[concern]);
  });

  it('offers the two dates while the Act applies and the case is open', () => {
    expect(inputsOf(renderSchoolStepsCard({ lang, directory, case: c })).map((i) => i.id)).toEqual(['investigationStartedOn', 'organiserNotifiedOn']);
    expect(inputsOf(renderSchoolStepsCard({ lang, directory, case: { ...c, pupil: { initials: 'AB', yearGroup: 10 } } }))).toEqual([]);
    expect(inputsOf(renderSchoolStepsCard({ lang, directory, case: { ...c, state: 'closed' } }))).toEqual([]);
  });
});
