import { EnterpriseSchema } from './enterprise.js';

export * from './enterprise.js';
export const taxEntities = [EnterpriseSchema];
