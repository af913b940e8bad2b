import { addCalendarDays, isoWeekMonday } from '../../domain/calendar/calendar-date';
import { schoolYearStart, type SchoolYearBreaks } from '../../domain/calendar/calendar-rules';

type ConfiguredBreak = SchoolYearBreaks['breaks'][number];

/** A break covering Monday to Friday of ISO week `week` in `year`. */
export function breakInIsoWeek(name: string, year: number, week: number): ConfiguredBreak {
  const monday = isoWeekMonday(year, week);
  return { name, from: monday, to: addCalendarDays(monday, 4) };
}

/**
 * The breaks Stockholm city schools usually take (domain C5): höstlov in week 44 of the autumn, sportlov in
 * week 9 of the spring. Påsklov, jullov and sommarlov move from year to year and must be added from the
 * city's published dates; independent schools may differ altogether.
 */
export function stockholmUsualBreaks(schoolYear: string): SchoolYearBreaks {
  const start = schoolYearStart(schoolYear);
  if (start === undefined) throw new RangeError(`Expected a school year such as 2026/27, found ${JSON.stringify(schoolYear)}`);
  return {
    schoolYear,
    breaks: [breakInIsoWeek('hoestlov', start, 44), breakInIsoWeek('sportlov', start + 1, 9)],
  };
}
