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

/** 国民经济行业门类 (GB/T 4754) as users read them, by the Industry enum value. */
export const industryNames: Record<string, string> = {
  AGRICULTURE: 'A 农、林、牧、渔业',
  MINING: 'B 采矿业',
  MANUFACTURING: 'C 制造业',
  UTILITIES: 'D 电力、热力、燃气及水生产和供应业',
  CONSTRUCTION: 'E 建筑业',
  WHOLESALE_RETAIL: 'F 批发和零售业',
  TRANSPORT: 'G 交通运输、仓储和邮政业',
  ACCOMMODATION_CATERING: 'H 住宿和餐饮业',
  INFORMATION_TECHNOLOGY: 'I 信息传输、软件和信息技术服务业',
  FINANCE: 'J 金融业',
  REAL_ESTATE: 'K 房地产业',
  BUSINESS_SERVICES: 'L 租赁和商务服务业',
  PUBLIC_FACILITIES: 'N 水利、环境和公共设施管理业',
  RESIDENT_SERVICES: 'O 居民服务、修理和其他服务业',
  EDUCATION: 'P 教育',
  HEALTH: 'Q 卫生和社会工作',
  CULTURE: 'R 文化、体育和娱乐业',
};
