import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { districts } from '../../shared/enums.js';

export const genders = ['MALE', 'FEMALE'] as const;

/** 参保人员：the Person core registry. The ID number is stored whole; the API masks it. */
export const PersonSchema = defineEntity({
  name: 'Person',
  tableName: 'person',
  properties: {
    personId: p.string().length(20).primary(),
    name: p.string().length(50),
    idNumber: p.string().length(18).unique(),
    gender: p.enum([...genders]),
    birthDate: p.date(),
    district: p.enum([...districts]),
    phone: p.string().length(11).nullable(),
  },
});
export type Person = InferEntity<typeof PersonSchema>;
