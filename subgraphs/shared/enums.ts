/** Enum values shared by several subgraphs; each matches the SDL enum of the same name. */
export const districts = ['BAZHOU', 'ENYANG', 'TONGJIANG', 'NANJIANG', 'PINGCHANG'] as const;
export type District = (typeof districts)[number];

/** Administrative division codes (行政区划代码) and names of Bazhong's districts. */
export const districtInfo: Record<District, { code: string; name: string }> = {
  BAZHOU: { code: '511902', name: '巴州区' },
  ENYANG: { code: '511903', name: '恩阳区' },
  TONGJIANG: { code: '511921', name: '通江县' },
  NANJIANG: { code: '511922', name: '南江县' },
  PINGCHANG: { code: '511923', name: '平昌县' },
};

export const accountStatuses = ['ACTIVE', 'SUSPENDED', 'CLOSED'] as const;
export const arrearsStatuses = ['OUTSTANDING', 'IN_DISPUTE', 'COLLECTED'] as const;

/**
 * Arrears still owed (未缴清): outstanding or in dispute. Both agencies use this one rule for their
 * arrears lists, their totals and who counts as an employer in arrears, so the totals equal the lists.
 */
export const unpaidArrearsStatuses = ['OUTSTANDING', 'IN_DISPUTE'] as const;
