import { createSubgraph, type SubgraphDefinition } from '../shared/factory.js';
import { medicalInsuranceEntities } from './entities/index.js';
import { createMedicalInsuranceLoaders, type MedicalInsuranceLoaders } from './loaders.js';
import { medicalInsuranceMigrations } from './migrations/index.js';
import { resolvers } from './resolvers/index.js';
import { seedMedicalInsurance } from './seed/index.js';

export const definition: SubgraphDefinition<MedicalInsuranceLoaders> = {
  name: 'medical-insurance',
  entities: medicalInsuranceEntities,
  migrations: medicalInsuranceMigrations,
  resolvers,
  createLoaders: createMedicalInsuranceLoaders,
  seed: seedMedicalInsurance,
};

/** Builds the medical-insurance subgraph without listening, so tests run it in process. */
export const createMedicalInsuranceSubgraph = (options: { databaseUrl: string }) =>
  createSubgraph(definition, options);
