/**
 * Typed commands, anchored: teams-ai matches plain strings as substrings and the first route wins, so
 * every command is a whole-message pattern. Trailing punctuation and surrounding spaces are tolerated.
 */
const whole = (alternatives: string): RegExp => new RegExp(`^\\s*(?:${alternatives})\\s*[.!?]?\\s*$`, 'iu');

export const commands = {
  /**
   * A request for support from the school-social team. The old words (`anmäl`, `report`) still open the form
   * so that nobody is stuck, but help, welcome and the manifest show only the new ones: "anmälan" is the
   * word teachers use for a report of concern (orosanmälan), which this request is not.
   */
  report: whole('begär stöd|begar stod|stödbegäran|stodbegaran|request support|anmäl|anmal|anmälan|report'),
  help: whole('hjälp|hjalp|help|\\?'),
  myCases: whole('mina ärenden|mina arenden|my cases'),
  myHandovers: whole('mina överlämningar|mina overlamningar|my handovers'),
  requestInput: whole('begär underlag|begar underlag|request input'),
  /** Anonymous statistics for coordinators, unit managers and the city's evaluation staff (issue #16). */
  statistics: whole('statistik|statistics'),
  reloadDirectory: whole('ladda om katalogen|reload directory'),
  /** `historik FAR-2026-0042`: the case reference is captured. */
  caseTrail: whole('(?:historik|logg|history|log)\\s+([A-Za-z]{2,5}-\\d{4}-\\d{4,})'),
  /** `historik` alone, as Teams sends it when the command is picked from the list: how to use it. */
  caseTrailUsage: whole('historik|logg|history|log'),
  /** `registrera FAR-SST-1`: the team id is captured. */
  registerInbox: whole('(?:registrera|register)\\s+([A-Za-z0-9][A-Za-z0-9_-]{0,63})'),
  /** `registrera` alone, as Teams sends it when the command is picked from the list: how to use it. */
  registerInboxUsage: whole('registrera|register'),
} as const;
