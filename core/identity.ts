/**
 * Who is asking: the verified identity the gateway takes from a bearer token and passes, signed, to
 * every subgraph. Roles are the personas of the hub; agencies are the departments of the joint work.
 */
export const roles = [
  'appeal-handler',
  'analyst',
  'liaison',
  'hrss-officer',
  'mi-officer',
  'judge',
  'court-clerk',
  'mediator',
  'petitions-clerk',
  'union-officer',
  'service-point-staff',
  'enterprise-contact',
  'auditor',
  'admin',
  'report-builder',
] as const;
export type Role = (typeof roles)[number];

export const agencies = [
  'tax',
  'hrss',
  'medical-insurance',
  'court',
  'justice',
  'political-legal',
  'petitions',
  'trade-union',
  'enterprise',
  'hub',
] as const;
export type Agency = (typeof agencies)[number];

/** The eight departments of the joint social-insurance-fee dispute mechanism (社会保险费争议联合处理机制). */
export const jointMechanismAgencies: readonly Agency[] = [
  'tax',
  'hrss',
  'medical-insurance',
  'court',
  'justice',
  'political-legal',
  'petitions',
  'trade-union',
];

export const agencyNames: Record<Agency, string> = {
  tax: '税务局 (tax bureau)',
  hrss: '人力资源和社会保障局 (HRSS bureau)',
  'medical-insurance': '医疗保障局 (medical insurance bureau)',
  court: '人民法院 (court)',
  justice: '司法局 (justice bureau)',
  'political-legal': '政法委 (political-legal committee)',
  petitions: '信访局 (petitions bureau)',
  'trade-union': '总工会 (trade union)',
  enterprise: '企业 (enterprise)',
  hub: '枢纽运维 (hub operations)',
};

/** The persona each role is, and the agency it belongs to unless the token says otherwise. */
export const personas: Record<Role, { label: string; agency: Agency; scopes: string[] }> = {
  'appeal-handler': { label: '税务诉求办理人员 (tax appeal handler)', agency: 'tax', scopes: [] },
  analyst: { label: '税务分析人员 (tax analyst)', agency: 'tax', scopes: [] },
  liaison: { label: '大企业税收联络员 (tax liaison for large enterprises)', agency: 'tax', scopes: [] },
  'hrss-officer': { label: '人社经办人员 (HRSS officer)', agency: 'hrss', scopes: ['pii:clear'] },
  'mi-officer': {
    label: '医保经办人员 (medical-insurance officer)',
    agency: 'medical-insurance',
    scopes: [],
  },
  judge: { label: '法官 (judge)', agency: 'court', scopes: ['pii:clear'] },
  'court-clerk': { label: '法院书记员 (court clerk)', agency: 'court', scopes: [] },
  mediator: { label: '人民调解员 (mediator of the justice bureau)', agency: 'justice', scopes: [] },
  'petitions-clerk': { label: '信访局工作人员 (petitions-bureau clerk)', agency: 'petitions', scopes: [] },
  'union-officer': { label: '工会干部 (trade-union officer)', agency: 'trade-union', scopes: [] },
  'service-point-staff': { label: '服务点工作人员 (service-point staff)', agency: 'tax', scopes: [] },
  'enterprise-contact': { label: '企业办税联系人 (enterprise contact)', agency: 'enterprise', scopes: [] },
  auditor: { label: '审计人员 (auditor)', agency: 'hub', scopes: ['audit:read'] },
  admin: { label: '系统管理员 (administrator)', agency: 'hub', scopes: [] },
  // Never in a user's token: the gateway gives this identity to the tax subgraph's services (the report
  // builder, the proactive targeting) when they present the gateway's own onward assertion for a caller
  // issuing health-check reports or planning a proactive action (core/tokens.ts names which one read).
  'report-builder': {
    label: '税费健康体检报告生成服务 (health-check report builder)',
    agency: 'tax',
    scopes: [],
  },
};

export interface Identity {
  /** Unique subject (sub claim). */
  subject: string;
  name: string;
  agency: Agency;
  roles: Role[];
  scopes: string[];
  /** The one enterprise an enterprise contact acts for. */
  creditCode: string | null;
}

export const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);
export const isAgency = (value: string): value is Agency => (agencies as readonly string[]).includes(value);

export const hasRole = (identity: Identity | null, role: Role) => identity?.roles.includes(role) ?? false;
