// The appeal topic rule: the study's recurring topics are recognised from the words people use, the
// decision names its phrases and its runner-up, and text nothing fits is OTHER, not a guess.
import { describe, expect, it } from 'vitest';
import { classify, topicRules } from '../../subgraphs/tax/appeals/topics.js';

describe('classifying an appeal', () => {
  it.each([
    ['在某超市购物后要求开发票，店员拒绝开具，称不给开。', 'INVOICE_REFUSAL'],
    ['小区物业公司收取物业费和停车费，从来不开发票。', 'PROPERTY_MANAGEMENT'],
    ['物业公司收取物业费后一直未申报纳税，请核查。', 'PROPERTY_MANAGEMENT'],
    ['购房时开发商代收契税，至今没有办理不动产登记。', 'DEED_TAX'],
    ['灵活就业养老保险连续三个月批扣失败，银行说扣款协议失效。', 'SOCIAL_INSURANCE_DEDUCTION'],
    ['单位没有给我缴养老保险，要求补缴。', 'SOCIAL_INSURANCE'],
    ['个税APP里出现一个不认识的单位给我申报了工资，我从未在该单位工作，身份被冒用。', 'IIT_IDENTITY_MISUSE'],
    ['咨询研发费用加计扣除政策如何享受。', 'PREFERENTIAL_POLICY'],
    ['年度汇算后多缴的税款什么时候退税？', 'REFUND'],
    ['电子税务局登录一直提示验证码错误。', 'ETAX'],
    ['公司被认定为非正常户，如何进行信用修复？', 'CREDIT'],
    ['办税服务厅的空调太冷了。', 'OTHER'],
  ])('%s → %s', (text, topic) => {
    expect(classify(text).topic).toBe(topic);
  });

  it('explains itself: the phrases that decided, the runner-up, and whether it was close', () => {
    const c = classify('小区物业公司收取物业费和停车费，从来不开发票。');
    // A property company's invoices: first a property matter (the study's 物业公司涉税违章), then a refusal.
    expect(c).toMatchObject({
      rule: 'KEY_PHRASES',
      topic: 'PROPERTY_MANAGEMENT',
      matched: ['物业公司', '物业费', '停车费'],
    });
    expect(c.score).toBe(10);
    expect(c.runnerUp).toEqual({ topic: 'INVOICE_REFUSAL', score: 5 });
    expect(c.close).toBe(false);
    expect(classify('办税服务厅的空调太冷了。')).toMatchObject({
      rule: 'NO_MATCH',
      matched: [],
      runnerUp: null,
    });
  });

  it('has unique codes, and every phrase scores', () => {
    expect(new Set(topicRules.map((r) => r.code)).size).toBe(topicRules.length);
    expect(topicRules.every((r) => r.phrases.every(([p, w]) => p.length > 0 && w > 0))).toBe(true);
  });
});
