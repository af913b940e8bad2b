import type { Directory } from '../../../../domain/routing/directory';
import { catalogue, fill, type Lang } from '../../i18n/i18n';

export interface HelpInput {
  lang: Lang;
  directory: Directory;
}

/** `hjälp`: what the bot does, the commands, the privacy rule and the personal duty to report (legal text from config). */
export function helpView(input: HelpInput) {
  const l = catalogue(input.lang).help;
  return { l, duty: fill(input.lang, l.duty, { duty: input.directory.legal.reportingDuty[input.lang] }) };
}

/** The welcome card on install: what the bot is for, and that a request for support is not a report of concern. */
export function welcomeView(input: HelpInput) {
  const l = catalogue(input.lang).welcome;
  return { l, duty: fill(input.lang, l.duty, { duty: input.directory.legal.reportingDuty[input.lang] }) };
}

export const protectedIdentityView = (input: { lang: Lang }) => ({ l: catalogue(input.lang).protectedIdentity });
