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
} as const;

export type Verb = (typeof verbs)[keyof typeof verbs];
