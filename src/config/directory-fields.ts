import { z } from 'zod';

/** The field types the routing directory file is made of, shared by the schemas of its sections. */
export const text = z.string().trim().min(1, 'must not be empty');
export const localizedText = z.object({ sv: text, en: text }).strict();
export const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'expected letters, digits, "-" or "_"');
export const districtCode = z.string().regex(/^[A-Z]{3}$/, 'expected three uppercase letters, e.g. "FAR"');

const entraObjectId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const userPrincipalName = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
export const personRef = z
  .object({
    id: z
      .string()
      .refine((s) => entraObjectId.test(s) || userPrincipalName.test(s), 'expected an Entra object id (UUID) or a UPN'),
    name: text,
  })
  .strict();
export const people = (role: string) => z.array(personRef).min(1, `needs at least one ${role}`);
// A team member's half of the team (domain.md T4, D7). Left out, the person counts as social services, whom
// the consent limits: a missing tag must not widen what someone sees.
export const teamMember = personRef.extend({ side: z.enum(['school', 'social_services']).default('social_services') }).strict();
export const teamPeople = (role: string) => z.array(teamMember).min(1, `needs at least one ${role}`);
export const percent = z.number().min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100');
