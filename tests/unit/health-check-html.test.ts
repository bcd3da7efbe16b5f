import { describe, expect, it } from 'vitest';
import type { HealthCheckReportView, HealthIndicatorView } from '../../core/health-check.js';
import {
  beijingTime,
  bulletScale,
  formatNumber,
  periodLabel,
  renderHealthCheckReport,
  renderReportErrorPage,
} from '../../gateway/reports/health-check-html.js';

const hostile = `<script>alert(1)</script>"&'`;
const escapedHostile = '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;';

/** What the page shows for a text from the report. */
const esc = (text: string) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

type Source = 'TAX' | 'HRSS' | 'MEDICAL_INSURANCE' | 'COURT';
function ind(
  code: string,
  name: string,
  sourceAgency: Source,
  value: number,
  unit: string,
  [amberThreshold, redThreshold]: [number, number],
  rating: HealthIndicatorView['rating'],
  note: string | null,
  higherIsWorse = true,
  asOf = '2026-11-30T16:05:00.000Z',
): HealthIndicatorView {
  return {
    code,
    name,
    sourceAgency,
    value,
    unit,
    amberThreshold,
    redThreshold,
    higherIsWorse,
    rating,
    asOf,
    note,
  };
}

// A large construction enterprise in 巴州区 at the end of 2026 Q3: ratings as `rate` gives them
// (at or past a threshold, in the indicator's direction).
const indicators: HealthIndicatorView[] = [
  ind(
    'TAX_FILING_ON_TIME',
    '按期申报率 (on-time filing rate)',
    'TAX',
    96.5,
    '%',
    [95, 90],
    'GREEN',
    '应申报 57 次，逾期 2 次',
    false,
  ),
  ind(
    'TAX_INVOICE_ANOMALIES',
    '未处理发票异常 (open invoice anomalies)',
    'TAX',
    2,
    '件',
    [1, 3],
    'AMBER',
    '异常凭证 1 件、失控发票 1 件',
  ),
  ind('TAX_ARREARS', '欠税余额 (tax arrears)', 'TAX', 0, '元', [1, 100000], 'GREEN', null),
  // 50× the red threshold: the bar is cut, the value printed in full.
  ind(
    'TAX_RISK_FLAGS',
    '未处理高风险疑点 (open high-risk flags)',
    'TAX',
    150,
    '件',
    [1, 3],
    'RED',
    '风险分析系统推送',
  ),
  ind(
    'TAX_BURDEN_DEVIATION',
    '税负率偏离行业均值 (tax burden deviation)',
    'TAX',
    12.5,
    '%',
    [20, 40],
    'GREEN',
    null,
  ),
  ind(
    'SI_ARREARS',
    '社保费欠费 (social-insurance arrears)',
    'HRSS',
    286540.5,
    '元',
    [1, 100000],
    'RED',
    '2026-07 至 2026-09 欠缴 3 期',
    true,
    '2026-12-01T01:00:00Z',
  ),
  // A negative percentage: the insured headcount fell by 12%.
  ind(
    'SI_HEADCOUNT_CHANGE',
    '参保人数变动 (insured headcount change)',
    'HRSS',
    -12,
    '%',
    [-5, -10],
    'RED',
    '较上季度减少 86 人',
    false,
  ),
  ind('SI_BASE_GAP', '缴费基数差异率 (contribution base gap)', 'HRSS', 3.2, '%', [5, 15], 'GREEN', null),
  ind(
    'LABOUR_DISPUTES',
    '劳动人事争议案件 (labour disputes)',
    'HRSS',
    4,
    '件',
    [3, 10],
    'AMBER',
    '其中 2 件涉及社保费',
  ),
  ind(
    'MI_ARREARS',
    '医保费欠费 (medical-insurance arrears)',
    'MEDICAL_INSURANCE',
    0,
    '元',
    [1, 50000],
    'GREEN',
    null,
  ),
  ind(
    'MI_LATE_PAYMENTS',
    '医保逾期缴费 (late medical-insurance payments)',
    'MEDICAL_INSURANCE',
    1,
    '次',
    [1, 3],
    'AMBER',
    null,
  ),
  ind('COURT_ENFORCEMENT', '被执行案件 (enforcement cases)', 'COURT', 0, '件', [1, 2], 'GREEN', null),
  ind(
    'COURT_WAGE_CASES',
    '欠薪诉讼 (unpaid-wage lawsuits)',
    'COURT',
    2,
    '件',
    [1, 3],
    'AMBER',
    '建设工程项目农民工工资 <2 件> & 调解中',
  ),
  ind('COURT_X', `诉讼 ${hostile} 指标`, 'COURT', 5, '件', [1, 3], 'RED', hostile),
];

const report: HealthCheckReportView = {
  id: '5b0f8a52-6f2e-4c1a-9d3b-1c2e4f6a8b90',
  reportNumber: '巴税体检〔2026〕三季度 0001 号',
  period: '2026-Q3',
  enterprise: {
    creditCode: '91511902MA62X1234K',
    name: `巴中市${hostile}建工集团有限公司`,
    district: 'BAZHOU',
    industry: 'CONSTRUCTION',
  },
  grade: 'C',
  summary:
    '本期 14 项指标中 4 项为风险、4 项为关注。社保费欠费与参保人数下降需优先处理，高风险疑点请于 15 日内说明。',
  indicators,
  recommendations: [
    {
      indicatorCode: 'SI_ARREARS',
      text: '于 2026 年 12 月 31 日前补缴 2026-07 至 2026-09 的社会保险费，可申请分期缴纳。',
      policy: '《社会保险费征缴暂行条例》',
    },
    {
      indicatorCode: 'SI_HEADCOUNT_CHANGE',
      text: '核实减员人员是否已依法办理停保手续，避免漏缴。',
      policy: '《中华人民共和国社会保险法》',
    },
    {
      indicatorCode: 'COURT_WAGE_CASES',
      text: '按月足额支付农民工工资，落实工资专用账户。',
      policy: '《保障农民工工资支付条例》',
    },
    {
      indicatorCode: 'TAX_RISK_FLAGS',
      text: '逐项说明风险疑点，必要时自查补正申报。',
      policy: `《税收风险应对指引 ${hostile}》`,
    },
    {
      indicatorCode: null,
      text: '建议与大企业税收联络员每季度开展一次税费政策辅导。',
      policy: '《大企业税收服务和管理规程（试行）》',
    },
  ],
  issuedAt: '2026-12-05T02:30:00.000Z',
  issuerName: '国家税务总局巴中市税务局',
  contentHash: '9f2c4e1a7b3d5f60812a4c6e8f0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b',
};

describe('printable health-check report', () => {
  const html = renderHealthCheckReport(report);

  it('is one well-formed HTML5 document', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<html[\s>]/g)).toHaveLength(1);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html.match(/<head>/g)).toHaveLength(1);
    expect(html.match(/<body[\s>]/g)).toHaveLength(1);
    expect(html.match(/<\/body>/g)).toHaveLength(1);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html.match(/<style>/g)).toHaveLength(1);
    const opened = html.match(/<svg[\s>]/g) ?? [];
    expect(opened.length).toBeGreaterThan(indicators.length);
    expect(html.match(/<\/svg>/g)).toHaveLength(opened.length);
    expect(html.match(/<table>/g)).toHaveLength(1);
    expect(html.match(/<\/table>/g)).toHaveLength(1);
  });

  it('shows the header: title, number, enterprise, district, industry, period and grade', () => {
    expect(html).toContain('<h1>税费健康体检报告</h1>');
    expect(html).toContain('巴税体检〔2026〕三季度 0001 号');
    expect(html).toContain('91511902MA62X1234K');
    expect(html).toContain('巴州区');
    expect(html).toContain('E 建筑业');
    expect(html).toContain('2026年第三季度');
    expect(html).toMatch(/<div class="gl">C<\/div><div class="gt">关注<\/div>/);
    expect(html).toContain(esc(report.summary));
  });

  it('has every indicator, every source agency in Chinese and every recommendation with its policy', () => {
    for (const i of indicators) {
      expect(html).toContain(esc(i.name));
      expect(html).toContain(`>${esc(i.code)}<`);
    }
    for (const agency of ['税务局', '人力资源和社会保障局', '医疗保障局', '人民法院'])
      expect(html).toContain(agency);
    expect(html).not.toContain('MEDICAL_INSURANCE');
    for (const r of report.recommendations) {
      expect(html).toContain(esc(r.text));
      expect(html).toContain(esc(r.policy));
    }
    // A recommendation links to its indicator's row, within the page.
    expect(html).toContain('<tr id="ind-6">');
    expect(html).toContain('<a href="#ind-6">社保费欠费 (social-insurance arrears)</a>');
  });

  it('gives ratings as text as well as colour, in the table and the agency chart', () => {
    const tbody = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
    expect(tbody.match(/绿 正常/g)).toHaveLength(6);
    expect(tbody.match(/黄 关注/g)).toHaveLength(4);
    expect(tbody.match(/红 风险/g)).toHaveLength(4);
    expect(html).toContain('共 14 项指标：正常 6 项，关注 4 项，风险 4 项。');
    expect(html).toContain('绿 3 · 黄 1 · 红 1'); // tax
    expect(html).toContain('绿 1 · 黄 1 · 红 0'); // medical insurance
  });

  it('prints values with their units, negative and far past red alike', () => {
    expect(html).toContain('-12%');
    expect(html).toContain('286,540.5 元');
    expect(html).toContain('关注 ≤ -5%<br>风险 ≤ -10%');
    expect(html).toContain('关注 ≥ 1 件<br>风险 ≥ 3 件');
    // The 50× value is printed in full and flagged as off the chart's scale.
    expect(html).toMatch(/150 件 <small class="ov">超出图示范围/);
    expect(html.match(/超出图示范围 \(off scale\)/g)).toHaveLength(1);
  });

  it('shows times in Beijing time', () => {
    // 2026-11-30T16:05Z is already the next day in Beijing.
    expect(html).toContain('2026-12-01 00:05');
    expect(html).toContain('2026-12-01 09:00');
    expect(html).toContain('2026-12-05 10:30 北京时间');
    expect(html).not.toContain('2026-11-30 16:05');
  });

  it('ends with issuer, content hash and the snapshot sentence', () => {
    expect(html).toContain('国家税务总局巴中市税务局');
    expect(html).toContain(report.contentHash);
    expect(html).toContain('本报告为签发时各部门数据的快照，此后的数据变化体现在下一期报告中');
  });

  it('escapes hostile text wherever it appears', () => {
    expect(html).not.toContain('<script');
    expect(html).not.toContain('alert(1)</script>');
    expect(html).not.toContain(`"&'`);
    expect(html).toContain(`巴中市${escapedHostile}建工集团有限公司`);
    expect(html).toContain(`诉讼 ${escapedHostile} 指标`);
    expect(html).toContain('&lt;2 件&gt; &amp; 调解中');
    // Only the escapes' own ampersands and the hostile text's escaped one remain.
    expect(html.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toMatch(/[&]/);
  });

  it('loads nothing and runs nothing: no script, no URL, only in-page links, no style attributes', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/\bsrc\s*=/i);
    expect(html).not.toMatch(/url\(|@import|<link|<img|<iframe|<object/i);
    expect(html).not.toMatch(/\son\w+\s*=/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
    const hrefs = [...html.matchAll(/\bhref\s*=\s*"([^"]*)"/gi)].map((m) => m[1]);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^#ind-\d+$/);
  });

  it('is printable on A4 without splitting rows or charts', () => {
    expect(html).toMatch(/@page\{size:A4/);
    expect(html).toMatch(/@media print\{/);
    expect(html).toMatch(/tr,figure,\.bl,[^{]*\{break-inside:avoid;page-break-inside:avoid\}/);
  });

  it('renders the same report to the same page', () => {
    expect(renderHealthCheckReport(report)).toBe(html);
    expect(renderHealthCheckReport(structuredClone(report))).toBe(html);
  });

  it('stays small for 20 indicators', () => {
    const twenty = [...indicators, ...indicators.slice(0, 6)].map((i, n) => ({
      ...i,
      code: `${i.code}_${n}`,
    }));
    const page = renderHealthCheckReport({ ...report, indicators: twenty });
    expect(Buffer.byteLength(page, 'utf8')).toBeLessThan(60_000);
  });
});

describe('report page helpers', () => {
  it('names periods in Chinese', () => {
    expect(periodLabel('2026-Q3')).toBe('2026年第三季度');
    expect(periodLabel('2026-Q1')).toBe('2026年第一季度');
    expect(periodLabel('2026-11')).toBe('2026年11月');
    expect(periodLabel('2026')).toBe('2026年度');
    expect(periodLabel('2026-Q5')).toBe('2026-Q5');
  });

  it('formats Beijing time whatever the offset given', () => {
    expect(beijingTime('2026-12-31T16:00:00Z')).toBe('2027-01-01 00:00');
    expect(beijingTime('2026-12-05T10:30:00+08:00')).toBe('2026-12-05 10:30');
    expect(beijingTime('2026-12-05T02:30:00')).toBe('2026-12-05 10:30');
    expect(beijingTime('not a date')).toBe('not a date');
  });

  it('formats numbers without Intl', () => {
    expect(formatNumber(1234567.891)).toBe('1,234,567.89');
    expect(formatNumber(-12)).toBe('-12');
    expect(formatNumber(100)).toBe('100');
    expect(formatNumber(0.5)).toBe('0.5');
    expect(formatNumber(-0)).toBe('0');
  });

  it('scales bullet bars: zero on the axis, far values cut', () => {
    const far = bulletScale(150, 1, 3, true);
    expect(far.clamp).toBe(1);
    expect(far.hi).toBeLessThan(150);
    const fall = bulletScale(-12, -5, -10, false);
    expect(fall.clamp).toBe(0);
    expect(fall.lo).toBeLessThanOrEqual(-12);
    expect(fall.hi).toBeGreaterThanOrEqual(0);
    const rate = bulletScale(96.5, 95, 90, false);
    expect(rate.lo).toBe(0);
    expect(rate.hi).toBeGreaterThan(96.5);
    expect(bulletScale(-500, -5, -10, false).clamp).toBe(-1);
  });
});

describe('report error page', () => {
  it('answers in Chinese and escapes the message', () => {
    const page = renderReportErrorPage(403, 'FORBIDDEN', `无权查看 <img src=x onerror=alert(1)> ${hostile}`);
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('无权查看此报告');
    expect(page).toContain('403 · FORBIDDEN');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain(escapedHostile);
    expect(page).not.toMatch(/<img|<script/i);
    expect(page).not.toMatch(/https?:\/\//i);
  });

  it('names each refusal and escapes an unknown code', () => {
    expect(renderReportErrorPage(404, 'NOT_FOUND', '')).toContain('未找到报告');
    expect(renderReportErrorPage(401, 'UNAUTHENTICATED', 'token expired')).toContain('请先登录');
    const odd = renderReportErrorPage(500, '<b>X</b>', 'x');
    expect(odd).toContain('&lt;b&gt;X&lt;/b&gt;');
    expect(odd).toContain('无法显示报告');
  });
});
