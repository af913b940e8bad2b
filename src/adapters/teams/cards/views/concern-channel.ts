import type { HomeDistrictAnswer } from '../../../../domain/report/report';
import { resolveDistrict, type Directory } from '../../../../domain/routing/directory';
import { catalogue, fill, type Lang } from '../../i18n/i18n';

/**
 * Where the reporter makes their own report of concern (domain.md L9: the social services of the municipality
 * where the child lives): the home district's channel; another municipality's social services; or, when the
 * reporter does not know where the pupil lives, the instruction to find out, with the school district's intake
 * as the way to report at once meanwhile, since the duty to report does not wait (L6). No home is guessed.
 */
export function concernChannelText(home: HomeDistrictAnswer | undefined, schoolDistrictCode: string | undefined, dir: Directory, lang: Lang): string {
  const cat = catalogue(lang);
  if (home?.kind === 'other_municipality') return cat.report.channel.otherMunicipality;
  const district = home?.kind === 'district' ? resolveDistrict(dir, home.district) : undefined;
  if (district) return district.concernReportChannel[lang];
  const school = schoolDistrictCode === undefined ? undefined : resolveDistrict(dir, schoolDistrictCode);
  return school === undefined ? cat.report.channel.unknownHomeNoChannel : fill(lang, cat.report.channel.unknownHome, { channel: school.concernReportChannel[lang] });
}
