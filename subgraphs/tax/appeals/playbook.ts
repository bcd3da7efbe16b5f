/**
 * What the bureau does about a topic once it runs hot: the key areas a governance guide covers, the
 * policies it rests on, the governance plan, and the proactive action and live Q&A the weekly analysis
 * recommends. The weekly analysis and the guides both draw on it, so a recommendation and the guide it
 * leads to say the same thing. Citations are to documents as published; a tax-policy specialist should
 * check them before a guide goes out.
 */

export interface TopicPlaybook {
  keyAreas: string[];
  policies: { title: string; document: string }[];
  plan: string[];
  /** The proactive action the analysis recommends, in words; the targeting rule when one fits. */
  proactive: { kind: 'RISK_REMINDER' | 'POLICY_PUSH' | 'POLICY_PACKAGE'; rule: string | null; text: string };
  liveQa: string;
}

const LEVY_LAW = { title: '税收征收管理法', document: '《中华人民共和国税收征收管理法》' };
const INVOICE_RULES = {
  title: '发票管理办法',
  document: '《中华人民共和国发票管理办法》（国务院令第587号公布，国务院令第764号第三次修订）',
};
const SOCIAL_INSURANCE_LAW = { title: '社会保险法', document: '《中华人民共和国社会保险法》' };
const CONTRIBUTION_RULES = {
  title: '社会保险费征缴暂行条例',
  document: '《社会保险费征缴暂行条例》（国务院令第259号）',
};
const IIT_LAW = { title: '个人所得税法', document: '《中华人民共和国个人所得税法》' };

export const playbooks: Record<string, TopicPlaybook> = {
  INVOICE_REFUSAL: {
    keyAreas: [
      '餐饮、住宿、零售等现金收款行业拒开、少开发票',
      '以“加税点”为条件开票',
      '数电票推广中的开票能力不足',
    ],
    policies: [INVOICE_RULES, LEVY_LAW],
    plan: [
      '举报件当日派发至属地分局，核实后依法责令改正并处理',
      '对被举报 2 次以上的经营者纳入重点辅导名单，上门辅导数电票开具',
      '在高发行业商圈张贴“索要发票”提示，联合市场监管开展检查',
    ],
    proactive: {
      kind: 'RISK_REMINDER',
      rule: 'OPEN_INVOICE_ANOMALIES',
      text: '向存在发票异常、所属高发行业的纳税人推送“依法开具发票”风险提醒',
    },
    liveQa: '数电票开具与“拒开发票”的法律责任',
  },
  INVOICE: {
    keyAreas: ['数电票开具、红冲与查验', '发票额度调整'],
    policies: [
      INVOICE_RULES,
      {
        title: '推广全面数字化电子发票',
        document: '《国家税务总局关于推广应用全面数字化电子发票的公告》（国家税务总局公告2024年第11号）',
      },
    ],
    plan: ['梳理高频问题形成问答口径', '在征纳互动平台置顶操作指引'],
    proactive: { kind: 'POLICY_PUSH', rule: 'OPEN_INVOICE_ANOMALIES', text: '推送数电票开具与红冲操作指引' },
    liveQa: '数电票常见问题答疑',
  },
  PROPERTY_MANAGEMENT: {
    keyAreas: ['物业费、停车费收入未开票或未申报', '代收水电费的税务处理'],
    policies: [
      {
        title: '营改增试点',
        document: '《财政部 税务总局关于全面推开营业税改征增值税试点的通知》（财税〔2016〕36号）',
      },
      {
        title: '物业代收水费',
        document:
          '《国家税务总局关于物业管理服务中收取的自来水水费增值税问题的公告》（国家税务总局公告2016年第54号）',
      },
      INVOICE_RULES,
    ],
    plan: ['对被诉物业公司逐户约谈并核查申报', '联合住建部门向小区公示物业服务收费开票要求'],
    proactive: {
      kind: 'RISK_REMINDER',
      rule: 'HOT_TOPIC_PEERS',
      text: '向同区县物业管理企业推送开票与申报风险提醒',
    },
    liveQa: '物业服务收费的开票与纳税',
  },
  DEED_TAX: {
    keyAreas: ['开发商违规代收契税', '购房契税优惠适用', '不动产登记与完税衔接'],
    policies: [
      { title: '契税法', document: '《中华人民共和国契税法》' },
      {
        title: '住房交易契税优惠',
        document:
          '《财政部 税务总局 住房城乡建设部关于促进房地产市场平稳健康发展有关税收政策的公告》（财政部 税务总局 住房城乡建设部公告2024年第16号）',
      },
    ],
    plan: [
      '约谈被诉开发商，责令退还违规代收款项',
      '在不动产登记大厅公示契税由购房人自行申报缴纳',
      '与住建、不动产登记部门共享预售信息',
    ],
    proactive: {
      kind: 'POLICY_PUSH',
      rule: 'HOT_TOPIC_PEERS',
      text: '向在售楼盘开发商与近期购房人推送契税缴纳提示',
    },
    liveQa: '购房契税怎么交、优惠怎么享',
  },
  SOCIAL_INSURANCE_DEDUCTION: {
    keyAreas: ['批量扣款失败（账户余额不足、协议失效）', '重复扣款与退费', '灵活就业人员扣款协议签订'],
    policies: [SOCIAL_INSURANCE_LAW, CONTRIBUTION_RULES],
    plan: [
      '与人社、银行核对上月批扣失败名单，逐户提醒补缴',
      '对重复扣款当周办理退费并回访',
      '在社保缴费服务点提供扣款协议签订帮办',
    ],
    proactive: {
      kind: 'RISK_REMINDER',
      rule: 'FAILED_BATCH_DEDUCTIONS',
      text: '经枢纽读取人社部门上月批扣失败的用人单位，推送补缴与协议核对提醒',
    },
    liveQa: '社保费批扣失败怎么办',
  },
  SOCIAL_INSURANCE: {
    keyAreas: ['缴费基数申报与核定', '断缴与补缴', '城乡居民医保与养老缴费'],
    policies: [SOCIAL_INSURANCE_LAW, CONTRIBUTION_RULES],
    plan: ['年度缴费基数申报期前集中辅导', '与人社、医保共享断缴名单，联合提醒'],
    proactive: { kind: 'POLICY_PUSH', rule: null, text: '缴费期前推送缴费基数申报与缴费渠道说明' },
    liveQa: '社保费缴费基数与缴费渠道',
  },
  IIT_IDENTITY_MISUSE: {
    keyAreas: ['个人所得税 App 中出现未任职单位的收入', '异议申诉处理时限'],
    policies: [
      IIT_LAW,
      {
        title: '扣缴申报管理',
        document:
          '《国家税务总局关于发布〈个人所得税扣缴申报管理办法（试行）〉的公告》（国家税务总局公告2018年第61号）',
      },
    ],
    plan: ['异议申诉件由市局所得税科直办', '核实后责令扣缴单位更正申报，情节严重的移交稽查'],
    proactive: {
      kind: 'RISK_REMINDER',
      rule: 'HOT_TOPIC_PEERS',
      text: '提醒扣缴单位如实办理全员全额扣缴申报',
    },
    liveQa: '发现被冒用任职信息怎么办',
  },
  PREFERENTIAL_POLICY: {
    keyAreas: ['小规模纳税人减免', '研发费用加计扣除', '个人所得税专项附加扣除'],
    policies: [
      {
        title: '小微企业和个体工商户税费优惠',
        document:
          '《财政部 税务总局关于进一步支持小微企业和个体工商户发展有关税费政策的公告》（财政部 税务总局公告2023年第12号）',
      },
    ],
    plan: ['按纳税人类型编制政策礼包', '新办户首次申报前推送适用政策'],
    proactive: { kind: 'POLICY_PACKAGE', rule: 'HOT_TOPIC_PEERS', text: '按行业与规模推送优惠政策礼包' },
    liveQa: '税费优惠政策怎么享',
  },
  REFUND: {
    keyAreas: ['个人所得税年度汇算退税进度', '多缴税款退还'],
    policies: [IIT_LAW, LEVY_LAW],
    plan: ['汇算期间每日监控退税审核积压', '对退税被退回的纳税人电话告知原因'],
    proactive: { kind: 'POLICY_PUSH', rule: null, text: '汇算开始前推送退税办理与进度查询指引' },
    liveQa: '个税汇算退税答疑',
  },
  FILING: {
    keyAreas: ['逾期申报与滞纳金', '零申报规范'],
    policies: [LEVY_LAW],
    plan: ['申报期截止前 3 日对未申报户提醒', '对首次逾期且及时改正的依法不予处罚'],
    proactive: {
      kind: 'RISK_REMINDER',
      rule: 'LATE_FILINGS',
      text: '向上期逾期申报的纳税人推送申报期限提醒',
    },
    liveQa: '按期申报与首违不罚',
  },
  CREDIT: {
    keyAreas: ['纳税信用评价结果异议', '信用修复', '非正常户解除'],
    policies: [
      {
        title: '纳税信用修复',
        document: '《国家税务总局关于纳税信用修复有关事项的公告》（国家税务总局公告2019年第37号）',
      },
    ],
    plan: ['评价结果发布后集中受理复评申请', '对符合条件的纳税人主动告知修复途径'],
    proactive: { kind: 'RISK_REMINDER', rule: null, text: '向可修复信用的纳税人推送信用修复提示' },
    liveQa: '纳税信用评价与修复',
  },
  ETAX: {
    keyAreas: ['电子税务局登录与实名认证', '申报高峰期卡顿'],
    policies: [LEVY_LAW],
    plan: ['申报高峰期前扩容并发布错峰提示', '收集操作类问题形成智能问答口径'],
    proactive: { kind: 'POLICY_PUSH', rule: null, text: '推送电子税务局常见问题与错峰办税提示' },
    liveQa: '电子税务局操作答疑',
  },
  OTHER: {
    keyAreas: ['未归类诉求的复核'],
    policies: [LEVY_LAW],
    plan: ['由市局工作专班复核分类，必要时新增主题规则'],
    proactive: { kind: 'POLICY_PUSH', rule: null, text: '暂无定向行动，先复核分类' },
    liveQa: '综合答疑',
  },
};

export const playbookOf = (topic: string): TopicPlaybook => playbooks[topic] ?? playbooks.OTHER!;
