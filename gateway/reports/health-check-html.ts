import type { HealthCheckReportView, HealthIndicatorView } from '../../core/health-check.js';
import { agencies, agencyNames } from '../../core/identity.js';
import { districtInfo, industryNames } from '../../subgraphs/shared/enums.js';

/**
 * The printable page of a tax health-check report (税费健康体检报告) that the gateway serves to a large
 * enterprise's liaison and finance director: one self-contained HTML5 document, charts as inline SVG.
 *
 * The hub runs on closed government networks and the page is served with a strict Content-Security-Policy:
 * no script, no URL of any kind, no `style` attribute, every style in the one `<style>` element. That
 * element's text is the constant `reportStyles` on every page, so the policy may allow it by its hash.
 * The output depends on the report alone (no clock, no random ids): the same report prints the same page.
 */

/** Everything that comes from the report passes through here, in text and in attribute values alike. */
function esc(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => htmlEscapes[c] ?? c);
}
const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** A record's own entry: a value such as `constructor` from the wire must not reach the prototype. */
function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Labels

const ratingLabels: Record<string, { cls: string; mark: string; text: string; en: string }> = {
  // A shape as well as a colour, so the rating survives a black-and-white printer and colour blindness.
  GREEN: { cls: 'g', mark: '●', text: '绿 正常', en: 'normal' },
  AMBER: { cls: 'a', mark: '▲', text: '黄 关注', en: 'attention' },
  RED: { cls: 'r', mark: '■', text: '红 风险', en: 'risk' },
};
const ratingOrder = ['GREEN', 'AMBER', 'RED'] as const;

const gradeLabels: Record<string, { text: string; en: string }> = {
  A: { text: '优', en: 'excellent' },
  B: { text: '良', en: 'good' },
  C: { text: '关注', en: 'attention' },
  D: { text: '风险', en: 'at risk' },
};

function ratingBadge(rating: string): string {
  const label = own(ratingLabels, rating);
  if (!label) return `<span class="rt u">○ ${esc(rating)}</span>`;
  return `<span class="rt ${label.cls}">${label.mark} ${label.text}</span>`;
}

function districtName(district: string): string {
  return own(districtInfo, district)?.name ?? district;
}

/** GraphQL serves MEDICAL_INSURANCE; the hub's agency ids are medical-insurance. */
function agencyLabel(sourceAgency: string): { key: string; full: string; short: string } {
  const key = String(sourceAgency).toLowerCase().replaceAll('_', '-');
  const full = own(agencyNames as Record<string, string>, key);
  if (!full) return { key, full: sourceAgency, short: sourceAgency };
  return { key, full, short: full.split(' (')[0] ?? full };
}

const quarterNames = ['一', '二', '三', '四'];

/** 2026-Q3 → 2026年第三季度; also months, half years and years; anything else as it is. */
export function periodLabel(period: string): string {
  let m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) return `${m[1]}年第${quarterNames[Number(m[2]) - 1]}季度`;
  m = /^(\d{4})-H([12])$/.exec(period);
  if (m) return `${m[1]}年${m[2] === '1' ? '上' : '下'}半年`;
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  m = /^(\d{4})$/.exec(period);
  if (m) return `${m[1]}年度`;
  return period;
}

/** ISO date-time → YYYY-MM-DD HH:mm in Beijing time (UTC+8), whatever the server's own zone. */
export function beijingTime(iso: string): string {
  // A zone-less date-time is read as UTC, the graph's zone, rather than as the server's local time.
  const text = /T[\d:.]+$/.test(iso) ? `${iso}Z` : iso;
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) return iso;
  const d = new Date(ms + 8 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** Grouped digits, at most two decimals; formatted here rather than by Intl so every server prints alike. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const abs = Math.abs(n);
  const digits =
    abs !== 0 && abs < 0.01 ? String(Number(abs.toPrecision(2))) : abs.toFixed(2).replace(/\.?0+$/, '');
  const [whole = '0', fraction] = digits.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = n < 0 && digits !== '0' ? '-' : '';
  return `${sign}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** Escaped value and unit: 12.5%, 286,540.5 元, 3 件. */
function withUnit(n: number, unit: string): string {
  if (!unit) return formatNumber(n);
  return `${formatNumber(n)}${unit === '%' || unit === '‰' ? '' : ' '}${esc(unit)}`;
}

// ---------------------------------------------------------------------------------------------------------
// Grouping

interface AgencyGroup {
  full: string;
  short: string;
  indicators: HealthIndicatorView[];
}

/** Indicators by source agency, in the hub's agency order (unknown agencies after); report order within. */
function groupByAgency(indicators: HealthIndicatorView[]): AgencyGroup[] {
  const groups = new Map<string, AgencyGroup & { rank: number }>();
  for (const indicator of indicators) {
    const label = agencyLabel(indicator.sourceAgency);
    let group = groups.get(label.key);
    if (!group) {
      const known = (agencies as readonly string[]).indexOf(label.key);
      group = { ...label, indicators: [], rank: known >= 0 ? known : agencies.length + groups.size };
      groups.set(label.key, group);
    }
    group.indicators.push(indicator);
  }
  return [...groups.values()].sort((a, b) => a.rank - b.rank);
}

function countRatings(
  indicators: HealthIndicatorView[],
): Record<'GREEN' | 'AMBER' | 'RED' | 'OTHER', number> {
  const counts = { GREEN: 0, AMBER: 0, RED: 0, OTHER: 0 };
  for (const indicator of indicators) {
    const r = indicator.rating;
    if (r === 'GREEN' || r === 'AMBER' || r === 'RED') counts[r] += 1;
    else counts.OTHER += 1;
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------------------
// Chart 1: a stacked bar per source agency, its indicators by rating

/** SVG numbers: one decimal is finer than print resolution and keeps the page small. */
const n1 = (v: number) => String(Math.round(v * 10) / 10);

function agencyChart(groups: AgencyGroup[]): string {
  const width = 640;
  const rowHeight = 30;
  const barX = 164;
  const barWidth = 300;
  const maxTotal = Math.max(1, ...groups.map((g) => g.indicators.length));
  const height = groups.length * rowHeight + 8;
  const segmentClass = { GREEN: 'sg', AMBER: 'sa', RED: 'sr', OTHER: 'su' } as const;
  const described: string[] = [];
  const rows = groups.map((group, i) => {
    const y = 4 + i * rowHeight;
    const counts = countRatings(group.indicators);
    let x = barX;
    let segments = '';
    for (const rating of [...ratingOrder, 'OTHER'] as const) {
      const count = counts[rating];
      if (count === 0) continue;
      const w = (count / maxTotal) * barWidth;
      segments += `<rect class="${segmentClass[rating]}" x="${n1(x)}" y="${y + 4}" width="${n1(w)}" height="20"/>`;
      // The count inside its segment when it fits; the text at the right always has it.
      if (w >= 18) {
        const textClass = rating === 'AMBER' ? '' : ' class="tw"';
        segments += `<text${textClass} x="${n1(x + w / 2)}" y="${y + 18}" text-anchor="middle">${count}</text>`;
      }
      x += w;
    }
    const tally = `绿 ${counts.GREEN} · 黄 ${counts.AMBER} · 红 ${counts.RED}${counts.OTHER ? ` · 其他 ${counts.OTHER}` : ''}`;
    described.push(`${group.short} ${tally}`);
    return (
      `<text x="${barX - 8}" y="${y + 18}" text-anchor="end">${esc(group.short)}</text>` +
      segments +
      `<text x="${barX + barWidth + 10}" y="${y + 18}">${tally}</text>`
    );
  });
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(
    `各部门指标评级分布：${described.join('；')}`,
  )}">${rows.join('')}</svg>`;
}

// ---------------------------------------------------------------------------------------------------------
// Chart 2: a bullet bar per indicator, its value against its amber and red thresholds

interface BulletScale {
  lo: number;
  hi: number;
  /** -1 / 1: the value lies past the low / high end of the axis and its bar is cut there. */
  clamp: -1 | 0 | 1;
}

/**
 * The axis of a bullet bar: it always holds zero (the bar starts there, so negative values such as a
 * -12% headcount change run left), both thresholds, some room past red so the red zone shows, and room on
 * the good side of amber when amber is the outermost point there. A value within one more axis length
 * widens the axis; a value further out (50× the red threshold) is cut at the end and printed in full.
 */
export function bulletScale(value: number, amber: number, red: number, higherIsWorse: boolean): BulletScale {
  let lo = Math.min(0, amber, red);
  let hi = Math.max(0, amber, red);
  const span = hi - lo || Math.max(Math.abs(value), 1);
  const goodRoom = Math.max(Math.abs(red - amber) / 2, span / 10);
  if (higherIsWorse) {
    hi = Math.max(hi, red + span / 2);
    if (lo === amber) lo = amber - goodRoom;
  } else {
    lo = Math.min(lo, red - span / 2);
    if (hi === amber) hi = amber + goodRoom;
  }
  const reach = hi - lo;
  let clamp: BulletScale['clamp'] = 0;
  if (value > hi) {
    if (value > hi + reach) [hi, clamp] = [hi + reach, 1];
    else hi = value + (value - lo) * 0.03;
  } else if (value < lo) {
    if (value < lo - reach) [lo, clamp] = [lo - reach, -1];
    else lo = value - (hi - value) * 0.03;
  }
  return { lo, hi, clamp };
}

const bulletWidth = 640;
const plotLeft = 16;
const plotRight = 624;

/** Rough width of an 11px SVG label: CJK characters are square, digits and Latin about 0.6 em. */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.charCodeAt(0) > 0x2e80 ? 11 : ch === ' ' ? 3 : 6.5;
  return width;
}

/** Centres for the two threshold labels: at their ticks, apart when they would overlap, inside the chart. */
function placeLabels(
  ticks: { x: number; text: string }[],
): { x: number; text: string; at: number; width: number }[] {
  const labels = ticks.map((t) => ({ ...t, at: t.x, width: textWidth(t.text) })).sort((a, b) => a.x - b.x);
  const [left, right] = labels as [(typeof labels)[number], (typeof labels)[number]];
  const inside = (l: typeof left) => Math.min(Math.max(l.at, l.width / 2 + 1), bulletWidth - l.width / 2 - 1);
  left.at = inside(left);
  right.at = inside(right);
  const apart = (left.width + right.width) / 2 + 8;
  const missing = apart - (right.at - left.at);
  if (missing > 0) {
    left.at -= missing / 2;
    right.at += missing / 2;
    // Pushed against an edge: the other label moves the whole way instead.
    if (left.at !== inside(left)) [left.at, right.at] = [inside(left), inside(left) + apart];
    if (right.at !== inside(right)) [right.at, left.at] = [inside(right), inside(right) - apart];
  }
  return labels;
}

function bulletChart(indicator: HealthIndicatorView): string {
  const { value, amberThreshold: amber, redThreshold: red, higherIsWorse } = indicator;
  const scale = bulletScale(value, amber, red, higherIsWorse);
  const x = (v: number) =>
    plotLeft +
    ((Math.min(Math.max(v, scale.lo), scale.hi) - scale.lo) / (scale.hi - scale.lo)) * (plotRight - plotLeft);
  const bands: [string, number, number][] = higherIsWorse
    ? [
        ['bg', scale.lo, amber],
        ['ba', amber, red],
        ['br', red, scale.hi],
      ]
    : [
        ['br', scale.lo, red],
        ['ba', red, amber],
        ['bg', amber, scale.hi],
      ];
  let svg = '';
  for (const [cls, from, to] of bands) {
    const x1 = x(Math.min(from, to));
    const x2 = x(Math.max(from, to));
    if (x2 - x1 > 0) svg += `<rect class="${cls}" x="${n1(x1)}" y="2" width="${n1(x2 - x1)}" height="16"/>`;
  }
  const x0 = x(0);
  const xv = x(value);
  if (Math.abs(xv - x0) > 0)
    svg += `<rect class="v" x="${n1(Math.min(x0, xv))}" y="6" width="${n1(Math.abs(xv - x0))}" height="8"/>`;
  // A mark at the value itself, so a zero-length bar still shows where the value is.
  svg += `<rect class="v" x="${n1(xv - 1)}" y="2" width="2" height="16"/>`;
  if (scale.clamp === 1)
    svg += `<path class="v" d="M${plotRight + 2} 4L${plotRight + 12} 10L${plotRight + 2} 16Z"/>`;
  if (scale.clamp === -1)
    svg += `<path class="v" d="M${plotLeft - 2} 4L${plotLeft - 12} 10L${plotLeft - 2} 16Z"/>`;
  if (scale.lo < 0) svg += `<path class="zl" d="M${n1(x0)} 0V20"/>`;

  // Threshold ticks, labelled below; labels that would overlap are pushed apart and kept inside the chart.
  const labels = placeLabels([
    { x: x(amber), text: `关注 ${formatNumber(amber)}` },
    { x: x(red), text: `风险 ${formatNumber(red)}` },
  ]);
  for (const label of labels) {
    svg += `<path class="tk" d="M${n1(label.x)} 0V21"/>`;
    svg += `<text x="${n1(label.at)}" y="32" text-anchor="middle">${esc(label.text)}</text>`;
  }
  const zeroWidth = textWidth('0');
  const zeroAt = Math.max(x0, zeroWidth / 2 + 1);
  if (labels.every((l) => Math.abs(l.at - zeroAt) > (l.width + zeroWidth) / 2 + 4))
    svg += `<text x="${n1(zeroAt)}" y="32" text-anchor="middle">0</text>`;
  return `<svg class="bullet" viewBox="0 0 ${bulletWidth} 36" aria-hidden="true">${svg}</svg>`;
}

function finiteIndicator(i: HealthIndicatorView): boolean {
  return [i.value, i.amberThreshold, i.redThreshold].every(
    (v) => typeof v === 'number' && Number.isFinite(v),
  );
}

function bulletRow(ind: HealthIndicatorView): string {
  const drawable = finiteIndicator(ind);
  const off =
    drawable && bulletScale(ind.value, ind.amberThreshold, ind.redThreshold, ind.higherIsWorse).clamp !== 0;
  const direction = ind.higherIsWorse ? '越高越差 (higher is worse)' : '越低越差 (lower is worse)';
  return (
    `<div class="bl"><div class="bh"><span class="bn">${esc(ind.name)} <small>${direction}</small></span>` +
    `<span class="bv">${withUnit(ind.value, ind.unit)}${off ? ' <small class="ov">超出图示范围 (off scale)</small>' : ''} ` +
    `${ratingBadge(ind.rating)}</span></div>` +
    (drawable ? bulletChart(ind) : '<p class="na">数值不完整，无法绘图 (incomplete values)</p>') +
    '</div>'
  );
}

// ---------------------------------------------------------------------------------------------------------
// Table, recommendations

function thresholds(ind: HealthIndicatorView): string {
  const op = ind.higherIsWorse ? '≥' : '≤';
  return `关注 ${op} ${withUnit(ind.amberThreshold, ind.unit)}<br>风险 ${op} ${withUnit(ind.redThreshold, ind.unit)}`;
}

function indicatorTable(indicators: HealthIndicatorView[]): string {
  const rows = indicators.map((ind, i) => {
    const agency = agencyLabel(ind.sourceAgency);
    return (
      `<tr id="ind-${i + 1}"><td>${esc(ind.name)}<div class="code">${esc(ind.code)}</div></td>` +
      `<td>${esc(agency.full)}</td><td class="num">${withUnit(ind.value, ind.unit)}</td>` +
      `<td class="nw">${thresholds(ind)}</td><td>${ratingBadge(ind.rating)}</td>` +
      `<td class="nw">${esc(beijingTime(ind.asOf))}</td><td>${ind.note ? esc(ind.note) : '—'}</td></tr>`
    );
  });
  return (
    '<table><thead><tr><th>指标 (indicator)</th><th>来源部门 (source)</th><th>数值 (value)</th>' +
    '<th>阈值 (thresholds)</th><th>评级 (rating)</th><th>数据截至<br>(as of, 北京时间)</th><th>说明 (note)</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

function recommendationList(report: HealthCheckReportView): string {
  if (report.recommendations.length === 0)
    return '<p class="empty">本期无整改建议 (no recommendations)。</p>';
  const items = report.recommendations.map((rec) => {
    let related = '<p class="rel">适用范围：综合建议 (general)</p>';
    if (rec.indicatorCode !== null && rec.indicatorCode !== undefined) {
      const i = report.indicators.findIndex((ind) => ind.code === rec.indicatorCode);
      const target = report.indicators[i];
      related = target
        ? `<p class="rel">对应指标：<a href="#ind-${i + 1}">${esc(target.name)}</a> ${ratingBadge(target.rating)}</p>`
        : `<p class="rel">对应指标：${esc(rec.indicatorCode)}</p>`;
    }
    const policy = rec.policy ? `<p class="pol">政策依据 (policy)：${esc(rec.policy)}</p>` : '';
    return `<li class="rec"><p>${esc(rec.text)}</p>${policy}${related}</li>`;
  });
  return `<ol class="recs">${items.join('')}</ol>`;
}

// ---------------------------------------------------------------------------------------------------------
// Page

/** The one stylesheet of both pages, constant so a Content-Security-Policy can allow it by its hash. */
export const reportStyles = `
:root{--g:#1b5e20;--a:#7a4a00;--r:#b71c1c;--gb:#dcefdc;--ab:#fde7b8;--rb:#f8d3d3}
*{box-sizing:border-box;-webkit-print-color-adjust:exact;print-color-adjust:exact}
html{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","SimHei",sans-serif;color:#1a1a1a;background:#eceff1}
body{margin:0;font-size:14px;line-height:1.6}
main{max-width:210mm;margin:16px auto;padding:14mm 14mm 10mm;background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.18)}
h1{margin:0;font-size:26px;text-align:center;letter-spacing:.12em}
h2{margin:22px 0 8px;padding-left:8px;border-left:4px solid var(--r);font-size:17px}
h3{margin:14px 0 4px;font-size:15px}
p{margin:4px 0}
small{color:#555;font-size:12px}
.en{margin:0;text-align:center;color:#555;font-size:13px}
.no{margin:6px 0 12px;padding-bottom:8px;border-bottom:2px solid var(--r);text-align:center}
.hd{display:flex;gap:16px;align-items:flex-start}
.meta{display:grid;flex:1;grid-template-columns:auto 1fr;gap:2px 12px;margin:0}
.meta dt{color:#555}
.meta dd{margin:0}
.grade{min-width:128px;padding:8px 12px;border:2px solid #607d8b;border-radius:8px;text-align:center}
.grade .gl{font-size:44px;font-weight:700;line-height:1.1}
.grade .gt{font-size:18px;font-weight:700}
.grade.gA,.grade.gB{border-color:var(--g);color:var(--g);background:var(--gb)}
.grade.gC{border-color:var(--a);color:var(--a);background:var(--ab)}
.grade.gD{border-color:var(--r);color:var(--r);background:var(--rb)}
.sum{white-space:pre-line}
.rt{display:inline-block;padding:0 6px;border:1px solid;border-radius:3px;font-size:12px;white-space:nowrap}
.rt.g{color:var(--g);background:var(--gb)}
.rt.a{color:var(--a);background:var(--ab)}
.rt.r{color:var(--r);background:var(--rb)}
.rt.u{color:#444;background:#eee}
.legend{margin:2px 0 6px;font-size:12px;color:#444}
.legend .rt{margin-right:6px}
svg{display:block;width:100%;height:auto;overflow:hidden}
svg text{font-size:11px;fill:#263238}
svg .tw{fill:#fff}
.sg{fill:#2e7d32}.sa{fill:#f2a900}.sr{fill:#c62828}.su{fill:#9e9e9e}
.bg{fill:#cfe8d0}.ba{fill:#fbe0a6}.br{fill:#f4c4c4}
.v{fill:#263238}
.tk{stroke:#37474f;stroke-width:1.5}
.zl{stroke:#000;stroke-width:1}
.bl{margin:6px 0 2px}
.bh{display:flex;justify-content:space-between;gap:12px;align-items:baseline}
.bv{white-space:nowrap;font-weight:600}
.ov{color:var(--r)}
table{width:100%;border-collapse:collapse;font-size:12px}
th,td{padding:4px 6px;border:1px solid #c5cbd0;vertical-align:top;text-align:left}
thead th{background:#eef1f4}
td.num{text-align:right;white-space:nowrap}
.nw{white-space:nowrap}
.code{color:#6b7680;font-family:monospace;font-size:11px}
.recs{padding-left:24px}
.rec{margin-bottom:8px}
.pol{color:#1a237e}
.rel{font-size:12px;color:#444}
a{color:inherit}
.ft{margin-top:24px;padding-top:8px;border-top:1px solid #90a4ae;font-size:12px}
.ft dl{display:grid;grid-template-columns:auto 1fr;gap:2px 12px;margin:0}
.ft dd{margin:0}
.hash{font-family:monospace;word-break:break-all}
.snap{margin-top:8px;font-weight:600}
.err{max-width:560px;margin:15vh auto;text-align:center}
.err .st{color:#607d8b;font-size:13px}
.err .msg{padding:8px;background:#f5f5f5;word-break:break-word}
@page{size:A4 portrait;margin:15mm 13mm 16mm;@bottom-center{content:"第 " counter(page) " 页 / 共 " counter(pages) " 页";font-size:9pt;color:#666}}
@media print{
html{background:#fff}
body{font-size:10.5pt}
main{max-width:none;margin:0;padding:0;box-shadow:none}
table{font-size:8.5pt}
a{text-decoration:none}
}
thead{display:table-header-group}
tr,figure,.bl,.rec,.hd,.ft,.grade{break-inside:avoid;page-break-inside:avoid}
h2,h3{break-after:avoid;page-break-after:avoid}
`;

function htmlDocument(title: string, body: string): string {
  return (
    '<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    `<title>${title}</title>\n<style>${reportStyles}</style>\n</head>\n<body>\n${body}\n</body>\n</html>\n`
  );
}

export function renderHealthCheckReport(report: HealthCheckReportView): string {
  const { enterprise } = report;
  const period = periodLabel(report.period);
  const grade = own(gradeLabels, report.grade);
  const groups = groupByAgency(report.indicators);
  const counts = countRatings(report.indicators);
  const gradeBadge =
    `<div class="grade g${grade ? esc(report.grade) : 'X'}"><div>总体评级 (grade)</div>` +
    `<div class="gl">${esc(report.grade)}</div>` +
    (grade ? `<div class="gt">${grade.text}</div><small>(${grade.en})</small>` : '') +
    '</div>';
  const header =
    '<header><h1>税费健康体检报告</h1><p class="en">Tax Health-Check Report</p>' +
    `<p class="no">${esc(report.reportNumber)}</p><div class="hd"><dl class="meta">` +
    `<dt>企业名称</dt><dd>${esc(enterprise.name)}</dd>` +
    `<dt>统一社会信用代码</dt><dd>${esc(enterprise.creditCode)}</dd>` +
    `<dt>所属区县</dt><dd>${esc(districtName(enterprise.district))}</dd>` +
    `<dt>所属行业</dt><dd>${esc(own(industryNames, enterprise.industry) ?? enterprise.industry)}</dd>` +
    `<dt>报告期</dt><dd>${esc(period)}${period === report.period ? '' : ` <small>(${esc(report.period)})</small>`}</dd>` +
    `<dt>报告编号</dt><dd>${esc(report.reportNumber)}</dd>` +
    `</dl>${gradeBadge}</div></header>`;
  const tally =
    `共 ${report.indicators.length} 项指标：正常 ${counts.GREEN} 项，关注 ${counts.AMBER} 项，风险 ${counts.RED} 项` +
    `${counts.OTHER ? `，其他 ${counts.OTHER} 项` : ''}。`;
  const legend =
    `<p class="legend">${ratingOrder.map((r) => ratingBadge(r)).join('')}` +
    '条形为各部门提供的指标数 (indicators per source agency)</p>';
  const charts =
    groups.length === 0
      ? '<p class="empty">本期无指标数据 (no indicators)。</p>'
      : `<figure>${agencyChart(groups)}</figure>`;
  const bullets = groups
    .map(
      (g) => `<section class="agb"><h3>${esc(g.full)}</h3>${g.indicators.map(bulletRow).join('')}</section>`,
    )
    .join('');
  const footer =
    `<footer class="ft"><dl><dt>签发单位 (issuer)</dt><dd>${esc(report.issuerName)}</dd>` +
    `<dt>签发时间 (issued)</dt><dd>${esc(beijingTime(report.issuedAt))} 北京时间 (UTC+8)</dd>` +
    `<dt>内容哈希 (SHA-256)</dt><dd class="hash">${esc(report.contentHash)}</dd>` +
    `<dt>报告标识 (id)</dt><dd class="hash">${esc(report.id)}</dd></dl>` +
    '<p class="snap">本报告为签发时各部门数据的快照，此后的数据变化体现在下一期报告中。' +
    '<small>(A snapshot of each agency’s data at issue time; later changes appear in the next report.)</small></p></footer>';
  const body =
    `<main>${header}` +
    `<section class="summary"><h2>一、体检结论 (summary)</h2><p class="sum">${esc(report.summary)}</p><p>${tally}</p></section>` +
    `<section><h2>二、各部门指标评级 (ratings by source agency)</h2>${legend}${charts}</section>` +
    '<section><h2>三、指标与阈值 (indicators against thresholds)</h2>' +
    '<p class="legend">浅色底为绿、黄、红区间，深色条为本期数值，竖线为关注、风险阈值；超出图示范围的条形在末端截断，并标出实际数值。</p>' +
    `${bullets}</section>` +
    `<section><h2>四、指标明细 (all indicators)</h2>${indicatorTable(report.indicators)}</section>` +
    `<section><h2>五、整改建议 (recommendations)</h2>${recommendationList(report)}</section>` +
    `${footer}</main>`;
  return htmlDocument(`税费健康体检报告 · ${esc(enterprise.name)} · ${esc(period)}`, body);
}

const errorTitles: Record<string, { title: string; hint: string }> = {
  UNAUTHENTICATED: { title: '请先登录', hint: '未登录或登录已过期，请重新登录后再下载报告。' },
  FORBIDDEN: {
    title: '无权查看此报告',
    hint: '当前账号无权查看这份报告。如需查看，请联系主管税务机关的大企业税收联络员。',
  },
  NOT_FOUND: { title: '未找到报告', hint: '未找到这份报告：报告编号可能有误，或报告尚未签发。' },
};

/** The same route's answer when the graph refuses the report: status, code and message, in Chinese. */
export function renderReportErrorPage(status: number, code: string, message: string): string {
  const known = own(errorTitles, code) ?? { title: '无法显示报告', hint: '报告暂时无法显示，请稍后再试。' };
  const body =
    `<main class="err"><h1>${known.title}</h1><p>${known.hint}</p>` +
    (message ? `<p class="msg">${esc(message)}</p>` : '') +
    `<p class="st">${esc(status)} · ${esc(code)}</p></main>`;
  return htmlDocument(`${known.title} · 税费健康体检报告`, body);
}
