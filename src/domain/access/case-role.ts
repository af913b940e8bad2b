/** The relationships a person can have to a case; `rolesFor` in policy.ts derives them from the directory. */
export const caseRoles = [
  /** R1: submitted the case, or a duplicate merged into it. */
  'reporter',
  /** R3/R4: member of the team the case is routed to. */
  'sst_member',
  /** R5: coordinator of that team, the queue owner. */
  'sst_coordinator',
  /** The district's fallback contact, for a school no team serves yet (domain.md D11). */
  'fallback_contact',
  /** The team-side person who took the case (still in the team or the fallback contact per the directory). */
  'assignee',
  /**
   * R3: the team member or coordinator is on the team's school side (pupil health, the education committee,
   * the reporter's own authority, T4, D7): the consent does not limit what they see. Grants no action.
   */
  'team_school_side',
  /** R6: contact of the investigation unit the handover is at now. */
  'investigator',
  /** R6: manager of that unit, the escalation target. */
  'unit_manager',
  /**
   * R2: head teacher (rektor) of the case's school per the directory, who owns the 7:19 a investigation and
   * its notice to the organiser; sees and answers the school's own steps only.
   */
  'head_teacher',
  /** R7: administers the directory; sees no case content. */
  'admin',
] as const;
export type CaseRole = (typeof caseRoles)[number];
