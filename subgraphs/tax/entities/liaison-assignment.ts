import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** 首席联络员 (chief liaison, one per enterprise) and 一般联络员 (general liaison, by industry). */
export const liaisonKinds = ['CHIEF', 'GENERAL'] as const;
export type LiaisonKind = (typeof liaisonKinds)[number];

/**
 * 大企业联络员分配 (a large-enterprise liaison's assignment): which enterprises a liaison of the
 * one-account-one-handbook team looks after. The liaison is the token subject (`sub`), so the rule needs
 * no user table; a liaison with no broader role sees only the enterprises assigned here.
 */
export const LiaisonAssignmentSchema = defineEntity({
  name: 'LiaisonAssignment',
  tableName: 'liaison_assignment',
  properties: {
    id: p.uuid().primary(),
    liaisonSubject: p.string().length(255),
    creditCode: p.string().length(18).index(),
    kind: p.enum([...liaisonKinds]),
    assignedOn: p.date(),
  },
  // One assignment per liaison and enterprise; the (subject, credit code) index also serves the
  // semi-join of a liaison's enterprise list and the per-request load of a liaison's assignments.
  uniques: [{ properties: ['liaisonSubject', 'creditCode'] }],
});
export type LiaisonAssignment = InferEntity<typeof LiaisonAssignmentSchema>;
