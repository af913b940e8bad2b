import type { StockholmTime } from '../../../../app/ports/clock';
import type { Case } from '../../../../domain/case/case';
import { catalogue, fill, type Lang } from '../../i18n/i18n';
import { formatDate, formatShortDate } from '../../i18n/format-date';
import { stockholmDate } from './case-age';


export interface FollowUpSection {
  show: boolean;
  title: string;
  hasTrend: boolean;
  /** "32 % (20 % ogiltig) (rapport 20 nov.) → 25 % (10 % ogiltig) (15 dec.)" */
  trend: string;
  hasNext: boolean;
  next: string;
  /** The date input's value: the next follow-up, or the date just refused. */
  nextValue: string;
  canChange: boolean;
}

/**
 * "Närvaro över tid" for the team: the report's absence figure, then each check-in, and the next follow-up.
 * Only for the full view; the reporter and the unit do not see the trend.
 */
export function followUpSection(c: Case, full: boolean, canChange: boolean, lang: Lang, clock: StockholmTime, rejectedDate?: string): FollowUpSection {
  const l = catalogue(lang).caseCard;
  const points = [
    ...(c.absence === undefined
      ? []
      : [fill(lang, l.attendanceReportPoint, { total: c.absence.totalPercent, unexcused: c.absence.unexcusedPercent, date: formatShortDate(lang, stockholmDate(c.createdAt, clock)) })]),
    ...(c.attendance ?? []).map((p) => fill(lang, l.attendancePoint, { total: p.totalPercent, unexcused: p.unexcusedPercent, date: formatShortDate(lang, p.on) })),
  ];
  const show = full && (c.followUpOn !== undefined || (c.attendance ?? []).length > 0);
  return {
    show,
    title: l.attendanceTitle,
    hasTrend: show && points.length > 0,
    trend: show ? points.join(' → ') : '',
    hasNext: show && c.followUpOn !== undefined,
    next: show && c.followUpOn !== undefined ? fill(lang, l.nextFollowUp, { date: formatDate(lang, c.followUpOn) }) : '',
    nextValue: rejectedDate ?? c.followUpOn ?? '',
    canChange: show && canChange,
  };
}
