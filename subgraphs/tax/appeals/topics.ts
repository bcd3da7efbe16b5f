/**
 * The topic taxonomy of tax-fee appeals (税费诉求主题) and the rule that classifies an appeal's free text
 * into it. The rule is deliberately plain so that it can be explained and corrected: every topic lists
 * its key phrases with a weight; an appeal scores the weights of the phrases its text contains; the
 * highest score wins, ties going to the topic listed first (the more specific one). The answer names the
 * phrases that decided it, the runner-up, and whether the decision was close, so that staff can see why
 * and correct it (a correction is recorded with the appeal, never by changing the rule in place).
 */

export interface TopicRule {
  code: string;
  /** 中文 (English) */
  label: string;
  /** Key phrases and their weights. */
  phrases: readonly (readonly [string, number])[];
}

/** In order of specificity: an appeal about a property company's invoices is first a property matter. */
export const topicRules: readonly TopicRule[] = [
  {
    code: 'IIT_IDENTITY_MISUSE',
    label: '冒用个税信息 (identity misused in individual income tax)',
    phrases: [
      ['冒用', 4],
      ['被冒用', 4],
      ['从未在该单位', 4],
      ['虚假任职', 4],
      ['不认识的单位', 3],
      ['个税', 1],
      ['任职受雇', 2],
    ],
  },
  {
    code: 'PROPERTY_MANAGEMENT',
    label: '物业公司涉税 (property-management companies)',
    phrases: [
      ['物业公司', 4],
      ['物业费', 4],
      ['物业管理', 3],
      ['停车费', 2],
    ],
  },
  {
    code: 'DEED_TAX',
    label: '契税 (deed tax, incl. developers collecting it)',
    phrases: [
      ['契税', 4],
      ['开发商代收', 4],
      ['购房', 2],
      ['不动产登记', 2],
      ['房产证', 2],
    ],
  },
  {
    code: 'SOCIAL_INSURANCE_DEDUCTION',
    label: '社保费批扣 (social-insurance batch deductions)',
    phrases: [
      ['批扣', 4],
      ['批量扣款', 4],
      ['扣款失败', 4],
      ['重复扣款', 4],
      ['扣款协议', 3],
      ['灵活就业', 1],
    ],
  },
  {
    code: 'SOCIAL_INSURANCE',
    label: '社保费缴纳 (social-insurance contributions)',
    phrases: [
      ['社保', 3],
      ['养老保险', 3],
      ['医保', 3],
      ['医疗保险', 3],
      ['缴费基数', 3],
      ['断缴', 3],
      ['补缴', 2],
    ],
  },
  {
    code: 'INVOICE_REFUSAL',
    label: '拒开发票 (refusal to issue invoices)',
    phrases: [
      ['拒开', 5],
      ['拒绝开具', 5],
      ['不给开', 5],
      ['不开发票', 5],
      ['不予开具', 5],
      ['不开票', 5],
      ['要求加税点', 3],
    ],
  },
  {
    code: 'INVOICE',
    label: '发票开具与查验 (issuing and checking invoices)',
    phrases: [
      ['发票', 2],
      ['开票', 2],
      ['红字', 3],
      ['数电票', 3],
      ['查验', 2],
    ],
  },
  {
    code: 'PREFERENTIAL_POLICY',
    label: '税费优惠政策 (preferential policies)',
    phrases: [
      ['优惠', 3],
      ['减免', 3],
      ['加计扣除', 4],
      ['留抵退税', 4],
      ['小规模', 2],
      ['免征', 3],
      ['专项附加扣除', 4],
    ],
  },
  {
    code: 'REFUND',
    label: '退税 (refunds)',
    phrases: [
      ['退税', 4],
      ['汇算', 3],
      ['多缴', 3],
      ['退还', 2],
    ],
  },
  {
    code: 'FILING',
    label: '申报纳税 (filing and paying)',
    phrases: [
      ['申报', 3],
      ['逾期', 2],
      ['滞纳金', 3],
      ['零申报', 3],
      ['缴税', 2],
    ],
  },
  {
    code: 'CREDIT',
    label: '纳税信用 (tax credit)',
    phrases: [
      ['纳税信用', 4],
      ['信用等级', 4],
      ['信用修复', 4],
      ['非正常户', 4],
    ],
  },
  {
    code: 'ETAX',
    label: '电子税务局使用 (using the e-tax bureau)',
    phrases: [
      ['电子税务局', 4],
      ['登录', 2],
      ['系统', 1],
      ['网页', 2],
      ['App', 2],
      ['个税APP', 3],
      ['卡顿', 2],
      ['验证码', 3],
    ],
  },
];

/** The topic of an appeal nothing in the taxonomy fits. */
export const OTHER_TOPIC = { code: 'OTHER', label: '其他 (other)' } as const;

export interface Classification {
  topic: string;
  /** How it was decided: by key phrases, or none matched. */
  rule: 'KEY_PHRASES' | 'NO_MATCH';
  /** The phrases of the winning topic found in the text. */
  matched: string[];
  score: number;
  runnerUp: { topic: string; score: number } | null;
  /** The runner-up scored within 1 of the winner: staff should look. */
  close: boolean;
}

export function classify(text: string): Classification {
  const lower = text.toLowerCase();
  const scored = topicRules
    .map((rule, order) => {
      const matched = rule.phrases.filter(([phrase]) => lower.includes(phrase.toLowerCase()));
      return { rule, order, matched: matched.map(([p]) => p), score: matched.reduce((s, [, w]) => s + w, 0) };
    })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order);
  const [best, second] = scored;
  if (!best)
    return { topic: OTHER_TOPIC.code, rule: 'NO_MATCH', matched: [], score: 0, runnerUp: null, close: false };
  return {
    topic: best.rule.code,
    rule: 'KEY_PHRASES',
    matched: best.matched,
    score: best.score,
    runnerUp: second ? { topic: second.rule.code, score: second.score } : null,
    close: second !== undefined && best.score - second.score <= 1,
  };
}

/** Every topic code, the taxonomy's and OTHER (the SDL enum AppealTopic). */
export const topicCodes: readonly string[] = [...topicRules.map((r) => r.code), OTHER_TOPIC.code];
const labels = new Map<string, string>([
  ...topicRules.map((r) => [r.code, r.label] as const),
  [OTHER_TOPIC.code, OTHER_TOPIC.label],
]);
export const topicLabel = (code: string) => labels.get(code) ?? code;
