/**
 * Action.Execute verbs: stable dotted names, one constant each. Every verb used in adaptive-cards/ has a
 * handler registered under the same name (test/cards checks both directions).
 */
export const verbs = {
  reportOpen: 'report.open',
  reportSubmit: 'report.submit',
  consultationOpen: 'consultation.open',
  consultationSubmit: 'consultation.submit',
  helpShow: 'help.show',
  casesMine: 'cases.mine',
  /** The case card: its user-specific view (also the Universal Actions refresh verb). */
  caseView: 'case.view',
  caseTake: 'case.take',
  caseAsk: 'case.ask',
  caseConsent: 'case.consent',
  caseLevel: 'case.level',
  caseClose: 'case.close',
  caseMerge: 'case.merge',
  /** The reporter answers a question from the team, on the question card in their chat. */
  caseAnswer: 'case.answer',
  /** A team's queue of open cases. */
  teamQueue: 'team.queue',
} as const;

export type Verb = (typeof verbs)[keyof typeof verbs];
