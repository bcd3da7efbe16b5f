import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { districts } from '../../shared/enums.js';

export const industries = [
  'AGRICULTURE',
  'MINING',
  'MANUFACTURING',
  'UTILITIES',
  'CONSTRUCTION',
  'WHOLESALE_RETAIL',
  'TRANSPORT',
  'ACCOMMODATION_CATERING',
  'INFORMATION_TECHNOLOGY',
  'FINANCE',
  'REAL_ESTATE',
  'BUSINESS_SERVICES',
  'PUBLIC_FACILITIES',
  'RESIDENT_SERVICES',
  'EDUCATION',
  'HEALTH',
  'CULTURE',
] as const;
export const registrationTypes = [
  'STATE_OWNED',
  'COLLECTIVE',
  'LIMITED_LIABILITY',
  'JOINT_STOCK',
  'PRIVATE',
  'PARTNERSHIP',
  'INDIVIDUAL_BUSINESS',
  'FOREIGN_INVESTED',
] as const;
export const creditRatings = ['A', 'B', 'M', 'C', 'D'] as const;
export const taxpayerStatuses = ['NORMAL', 'ABNORMAL', 'DEREGISTERED'] as const;

/** 纳税人（企业）登记：the Enterprise core registry. */
export const EnterpriseSchema = defineEntity({
  name: 'Enterprise',
  tableName: 'enterprise',
  properties: {
    creditCode: p.string().length(18).primary(),
    name: p.string().length(200),
    district: p.enum([...districts]),
    industry: p.enum([...industries]),
    registrationType: p.enum([...registrationTypes]),
    creditRating: p.enum([...creditRatings]),
    isLargeEnterprise: p.boolean(),
    taxOffice: p.string().length(100),
    taxStatus: p.enum([...taxpayerStatuses]),
    registeredOn: p.date(),
  },
  // Keyset pagination scans (filter, credit_code) in order.
  indexes: [
    { properties: ['district', 'creditCode'] },
    { properties: ['industry', 'creditCode'] },
    { properties: ['isLargeEnterprise', 'creditCode'] },
  ],
});
export type Enterprise = InferEntity<typeof EnterpriseSchema>;
