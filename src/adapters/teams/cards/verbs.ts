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
  /** The reporter or the team member who has the case passes on that the consent was withdrawn. */
  caseWithdrawConsent: 'case.withdraw_consent',
  caseLevel: 'case.level',
  caseClose: 'case.close',
  caseMerge: 'case.merge',
  /** The reporter answers a question from the team, on the question card in their chat. */
  caseAnswer: 'case.answer',
  /** The team moves the case's next follow-up check-in (Input.Date on the case card). */
  caseFollowUp: 'case.follow_up',
  /** The reporter answers a follow-up check-in with the pupil's current absence, on the check-in card. */
  caseCheckIn: 'case.check_in',
  /** The head teacher records the 7:19 a investigation start and the notice to the organiser. */
  caseSchoolSteps: 'case.school_steps',
  /** A team's queue of open cases. */
  teamQueue: 'team.queue',
  /** The team hands the case over to the investigation unit (summary, legal ground, urgency). */
  caseHandOver: 'case.hand_over',
  /** The handover card: its user-specific view for the unit (also the refresh verb). */
  handoverView: 'handover.view',
  handoverAcknowledge: 'handover.acknowledge',
  handoverForward: 'handover.forward',
  handoverRequestInput: 'handover.request_input',
  handoverReportOutcome: 'handover.report_outcome',
  handoverInviteSst: 'handover.invite_sst',
  handoverClose: 'handover.close',
  /** The team's answer to an investigator's request for input, on the input-request card. */
  handoverAnswerInput: 'handover.answer_input',
  /** The team answers an investigator's input request on the exchange card itself (the handover card). */
  handoverGiveInput: 'handover.give_input',
  /** An investigator sends a request for the team's input about a pupil (`begär underlag`). */
  inputRequestSubmit: 'input_request.submit',
  /** An investigator's unacknowledged and open handovers. */
  handoversMine: 'handovers.mine',
  /** The statistics form (period, and a district for the evaluation staff), opened again from the statistics card. */
  statisticsOpen: 'statistics.open',
  /** The statistics form is sent: the answer is the statistics card. */
  statisticsSubmit: 'statistics.submit',
  /** A reminder's recipient asks to be reminded again at the start of the next working day. */
  reminderSnooze: 'reminder.snooze',
} as const;

export type Verb = (typeof verbs)[keyof typeof verbs];
