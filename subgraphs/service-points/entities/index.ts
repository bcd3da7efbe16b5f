import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { recordedStepProperties } from '../../shared/disputes/recorded-step.js';
import { districts } from '../../shared/enums.js';

export const servicePointKinds = [
  'PARTNER_ONE_STOP',
  'SOCIAL_INSURANCE_PAYMENT',
  'TAX_POST',
  'TAX_BANK',
  'COMMUNITY',
  'FENGQIAO_BRANCH',
] as const;
export const serviceKinds = [
  'SOCIAL_INSURANCE_PAYMENT',
  'MEDICAL_INSURANCE_PAYMENT',
  'TAX_REGISTRATION',
  'INVOICE',
  'TAX_FILING',
  'INDIVIDUAL_INCOME_TAX',
  'CHILDCARE_DEDUCTION',
  'VETERANS_TAX_POLICY',
  'TAX_CONSULTATION',
  'DISPUTE_MEDIATION',
  'LEGAL_SERVICE',
  'ASSISTED_HANDLING',
] as const;
export type ServiceKind = (typeof serviceKinds)[number];
export const serviceModes = ['ROUTINE', 'ASSISTED', 'BEYOND_EXPECTATION'] as const;

/** 服务点 (a one-stop point, an outlet or a Fengqiao-style branch). */
export const ServicePointSchema = defineEntity({
  name: 'ServicePoint',
  tableName: 'service_point',
  properties: {
    id: p.string().length(24).primary(),
    name: p.string().length(100),
    kind: p.enum([...servicePointKinds]),
    district: p.enum([...districts]),
    address: p.string().length(200),
    latitude: p.double(),
    longitude: p.double(),
    services: p.array<ServiceKind>().columnType('text[]'),
    openingHours: p.string().length(100),
    hostOrganisation: p.string().length(100),
    phone: p.string().length(20).nullable(),
  },
  indexes: [{ properties: ['district', 'id'] }, { properties: ['kind', 'id'] }],
});
export type ServicePoint = InferEntity<typeof ServicePointSchema>;

/** 服务记录 (a service given at a point to an enterprise or a person). */
export const ServiceRecordSchema = defineEntity({
  name: 'ServiceRecord',
  tableName: 'service_record',
  properties: {
    id: p.uuid().primary(),
    servicePointId: p.string().length(24),
    creditCode: p.string().length(18).nullable(),
    personId: p.string().length(20).nullable(),
    service: p.enum([...serviceKinds]),
    mode: p.enum([...serviceModes]),
    summary: p.string().length(300),
    servedAt: p.datetime(),
  },
  indexes: [{ properties: ['creditCode', 'servedAt'] }, { properties: ['personId', 'servedAt'] }],
});
export type ServiceRecord = InferEntity<typeof ServiceRecordSchema>;

export const mediationRecordKinds = ['SESSION', 'OUTCOME'] as const;

/**
 * 调解记录 (a mediation session or outcome of a joint dispute case) at a Fengqiao-style branch, recorded
 * by the mediator here and confirmed with the lead's ledger (see recordConfirmedStep): PENDING until
 * the ledger has it.
 */
export const MediationRecordSchema = defineEntity({
  name: 'MediationRecord',
  tableName: 'mediation_record',
  properties: {
    id: p.uuid().primary(),
    ...recordedStepProperties(),
    kind: p.enum([...mediationRecordKinds]),
    /** The branch where the session was held (sessions only). */
    servicePointId: p.string().length(24).nullable(),
    /** Whether the parties agreed (outcomes only). */
    agreed: p.boolean().nullable(),
    content: p.text(),
  },
});
export type MediationRecord = InferEntity<typeof MediationRecordSchema>;

export const servicePointsEntities = [ServicePointSchema, ServiceRecordSchema, MediationRecordSchema];
