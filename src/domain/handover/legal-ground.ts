/**
 * Why information may cross from the team to social services (domain.md L19): the guardians' consent (a),
 * the duty to report, which overrides secrecy (c), or what is necessary for the authority's own work (d).
 */
export const legalGrounds = ['consent', 'reporting_duty', 'own_work'] as const;
export type LegalGround = (typeof legalGrounds)[number];
