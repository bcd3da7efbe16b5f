import type { HealthIndicator } from '../../shared/health/indicators.js';
import type { HealthGrade, HealthRecommendation } from '../entities/index.js';

/**
 * How a report is graded and what it recommends: the grade from the count of red and amber indicators,
 * and for every amber or red indicator the action and the policy or guide that governs it.
 */

export const gradeLabels: Record<HealthGrade, string> = {
  A: '优 (sound)',
  B: '良 (good, with points to watch)',
  C: '关注 (attention needed)',
  D: '风险 (at risk)',
};

/** D: two or more red; C: one red; B: two or more amber; A: otherwise. */
export function gradeOf(indicators: readonly Pick<HealthIndicator, 'rating'>[]): HealthGrade {
  const red = indicators.filter((i) => i.rating === 'RED').length;
  const amber = indicators.filter((i) => i.rating === 'AMBER').length;
  if (red >= 2) return 'D';
  if (red === 1) return 'C';
  if (amber >= 2) return 'B';
  return 'A';
}

/** The service handbook's own guide, named where no more specific policy applies. */
const HANDBOOK = '《巴中市税务局大企业一户一册定制性税费服务工作指引》';

/** For each indicator code: what to do when it is amber or red, and the policy or guide concerned. */
const ACTIONS: Record<string, { text: string; policy: string }> = {
  TAX_FILING_TIMELINESS: {
    text: '按期办理纳税申报；可在电子税务局开通申报期限提醒，逾期未申报的尽快补报并缴纳滞纳金。',
    policy: '《中华人民共和国税收征收管理法》第二十五条、第六十二条',
  },
  TAX_INVOICE_ANOMALIES: {
    text: '逐份核查异常凭证对应的业务，按规定作进项税额转出或提交核实材料。',
    policy: '《国家税务总局关于异常增值税扣税凭证管理等有关事项的公告》（2019年第38号）',
  },
  TAX_CREDIT_RATING: {
    text: '对照纳税信用评价指标纠正失信行为，符合条件的申请纳税信用修复。',
    policy: '《纳税信用管理办法（试行）》、《国家税务总局关于纳税信用修复有关事项的公告》（2019年第37号）',
  },
  TAX_OWED: {
    text: '尽快缴清欠税；确有特殊困难的，依法申请延期缴纳税款。',
    policy: '《中华人民共和国税收征收管理法》第三十一条、第三十二条',
  },
  TAX_RISK_FLAGS: {
    text: '对风险疑点逐条自查并说明情况，必要时开展税费风险自查，联络员可上门辅导。',
    policy: '《巴中市高频热点税费诉求风险治理业务指引》',
  },
  SI_ARREARS: {
    text: '足额缴纳欠缴的社会保险费；确有困难的申请分期补缴，职工对缴费有争议的可通过联合处理机制化解。',
    policy: '《社会保险费征缴暂行条例》第十三条、《巴中市社会保险费争议联合处理机制》',
  },
  SI_FAILED_DEDUCTIONS: {
    text: '核对单位批量扣款账户余额与扣款协议状态，必要时变更扣款账户，避免产生滞纳金。',
    policy: '《社会保险费申报缴纳管理规定》',
  },
  SI_HEADCOUNT_TREND: {
    text: '关注用工规模变化，及时办理参保人员增减变动，防止漏缴少缴。',
    policy: '《中华人民共和国社会保险法》第五十八条',
  },
  MI_ARREARS: {
    text: '足额缴纳职工基本医疗保险费，避免职工医保待遇中断。',
    policy: '《社会保险费征缴暂行条例》、《医疗保障基金使用监督管理条例》',
  },
  COURT_OPEN_CASES: {
    text: '梳理未结诉讼的涉税影响（或有事项、收入确认），按规定进行会计处理和纳税申报。',
    policy: '《企业会计准则第13号——或有事项》',
  },
  COURT_ENFORCEMENT: {
    text: '及时履行生效法律文书，避免被纳入失信被执行人名单并影响纳税信用。',
    policy: '《最高人民法院关于公布失信被执行人名单信息的若干规定》',
  },
  COURT_LABOUR_DEFENDANT: {
    text: '规范劳动用工和社保缴费，劳动争议可通过枫桥式税务分局和人民调解组织源头化解。',
    policy: '《巴中市社会保险费争议联合处理机制》',
  },
  SP_ASSISTED_SERVICES: {
    text: '加强办税人员培训，常规事项使用电子税务局自助办理；复杂事项可预约联络员专属辅导。',
    policy: HANDBOOK,
  },
};

export function recommendationsFor(indicators: readonly HealthIndicator[]): HealthRecommendation[] {
  const flagged = indicators
    .filter((i) => i.rating !== 'GREEN')
    // Red first, then amber; within a rating in the report's indicator order.
    .sort((a, b) => (a.rating === b.rating ? 0 : a.rating === 'RED' ? -1 : 1));
  const recommendations: HealthRecommendation[] = flagged.map((i) => ({
    indicatorCode: i.code,
    text: ACTIONS[i.code]?.text ?? `关注“${i.name}”指标的变化，与数据来源部门核实。`,
    policy: ACTIONS[i.code]?.policy ?? HANDBOOK,
  }));
  if (!flagged.some((i) => i.rating === 'RED')) {
    recommendations.push({
      indicatorCode: null,
      text: '整体遵从状况良好，可申请签订税费遵从合作协议，对复杂涉税事项申请事先裁定。',
      policy: '《大企业税收服务和管理规程（试行）》',
    });
  }
  return recommendations;
}

export function summaryOf(
  enterprise: { name: string },
  periodLabel: string,
  indicators: readonly HealthIndicator[],
  grade: HealthGrade,
): string {
  const count = (rating: HealthIndicator['rating']) => indicators.filter((i) => i.rating === rating).length;
  const red = indicators.filter((i) => i.rating === 'RED').map((i) => i.name.replace(/ \(.*\)$/, ''));
  return (
    `${enterprise.name}${periodLabel}税费健康体检：共 ${indicators.length} 项指标，绿色 ${count('GREEN')} 项、` +
    `黄色 ${count('AMBER')} 项、红色 ${count('RED')} 项，综合评定 ${grade} 级（${gradeLabels[grade].replace(/ \(.*\)$/, '')}）。` +
    (red.length ? `需重点关注：${red.join('、')}。` : '')
  );
}

/** 2026-Q3 → 2026年第三季度 */
export function periodLabel(period: string): string {
  const [year, q] = period.split('-Q');
  return `${year}年第${['一', '二', '三', '四'][Number(q) - 1]}季度`;
}
