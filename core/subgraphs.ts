/** The five agency subgraphs: one place that names them, their ports and their databases. */
export const subgraphNames = [
  'tax',
  'social-security',
  'medical-insurance',
  'courts',
  'service-points',
] as const;
export type SubgraphName = (typeof subgraphNames)[number];

export interface SubgraphInfo {
  readonly name: SubgraphName;
  /** The agency, as users read it. */
  readonly agency: string;
  readonly defaultPort: number;
  /** Suffix of the database name: `<prefix>_<dbSuffix>`. */
  readonly dbSuffix: string;
  /** Prefix of the subgraph's own environment variables, e.g. TAX_DATABASE_URL, TAX_URL. */
  readonly envPrefix: string;
}

export const subgraphs: Record<SubgraphName, SubgraphInfo> = {
  tax: { name: 'tax', agency: '税务局 (tax bureau)', defaultPort: 4001, dbSuffix: 'tax', envPrefix: 'TAX' },
  'social-security': {
    name: 'social-security',
    agency: '人社局 (HRSS bureau, social security)',
    defaultPort: 4002,
    dbSuffix: 'social_security',
    envPrefix: 'SOCIAL_SECURITY',
  },
  'medical-insurance': {
    name: 'medical-insurance',
    agency: '医保局 (medical insurance bureau)',
    defaultPort: 4003,
    dbSuffix: 'medical_insurance',
    envPrefix: 'MEDICAL_INSURANCE',
  },
  courts: {
    name: 'courts',
    agency: '法院 (court)',
    defaultPort: 4004,
    dbSuffix: 'courts',
    envPrefix: 'COURTS',
  },
  'service-points': {
    name: 'service-points',
    agency: '一站式服务点 (one-stop service points)',
    defaultPort: 4005,
    dbSuffix: 'service_points',
    envPrefix: 'SERVICE_POINTS',
  },
};

export function isSubgraphName(value: string): value is SubgraphName {
  return (subgraphNames as readonly string[]).includes(value);
}

/** The URL the gateway uses for a subgraph: `<PREFIX>_URL`, else localhost on its default port. */
export function subgraphUrl(name: ComposedSubgraphName, env: NodeJS.ProcessEnv = process.env): string {
  const info = composedSubgraphs[name];
  return env[`${info.envPrefix}_URL`] ?? `http://127.0.0.1:${info.defaultPort}/graphql`;
}

/** Where a subgraph reaches the hub's gateway (report builders): HUB_GATEWAY_URL, else the default port. */
export function hubGatewayUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.HUB_GATEWAY_URL ?? `http://127.0.0.1:${env.PORT ?? 4000}/graphql`;
}

/**
 * The hub's own internal subgraph (gateway/hub-subgraph/): hub-level data such as the audit trail, served
 * through the same GraphQL. It is not an agency and has no agency database: it reads the hub's database
 * (the audit trail), so it is not among `subgraphNames`. Env: HUB_INTERNAL_URL, HUB_INTERNAL_PORT.
 */
export const hubSubgraph = {
  name: 'hub',
  agency: '枢纽 (hub)',
  defaultPort: 4006,
  envPrefix: 'HUB_INTERNAL',
} as const satisfies Omit<SubgraphInfo, 'name' | 'dbSuffix'> & { name: string };

/** Every subgraph the supergraph is composed of and the gateway routes to: the five agencies and the hub. */
export const composedSubgraphNames = [...subgraphNames, hubSubgraph.name] as const;
export type ComposedSubgraphName = (typeof composedSubgraphNames)[number];

export type ComposedSubgraphInfo = Omit<SubgraphInfo, 'name' | 'dbSuffix'> & {
  readonly name: ComposedSubgraphName;
};

export const composedSubgraphs: Record<ComposedSubgraphName, ComposedSubgraphInfo> = {
  ...subgraphs,
  hub: hubSubgraph,
};

export function isComposedSubgraphName(value: string): value is ComposedSubgraphName {
  return (composedSubgraphNames as readonly string[]).includes(value);
}
