/**
 * The words of the demo world's appeals (诉求): what taxpayers and citizens write or say, per topic, from
 * templates with variation. Each topic's sentences carry the key phrases the classifier (topics.ts) looks
 * for and none of a stronger rival's; the openers and closers carry no key phrase at all. A few sentences
 * per topic are deliberately vague — the classifier gets them wrong and staff correct the topic.
 */
import type { AppealKind } from '../../tax/appeals/catalogue.js';
import type { Rng } from './random.js';

/** What a template can name; every field is plain text without a key phrase of its own. */
export interface TextContext {
  /** The district's name (巴州区) and a street or town in it. */
  district: string;
  town: string;
  /** The business concerned (a shop, a developer, a property company), or a vague stand-in. */
  business: string;
  /** Another enterprise (e.g. one that used a person's identity). */
  company: string;
  bank: string;
  /** 'YYYY年M月' of a recent month, and 'M月'. */
  period: string;
  month: string;
  year: number;
  amount: number;
  estate: string;
}

type Template = (c: TextContext, rng: Rng) => string;

interface TopicTexts {
  /** Sentences for consultations and requests for help. */
  ask: readonly Template[];
  /** Complaints, opinions and reports. */
  gripe: readonly Template[];
  suggest: readonly Template[];
  /** Reports, when they differ from the complaints. */
  report?: readonly Template[];
  /** Vague sentences the classifier gets wrong (staff correct them). */
  vague?: readonly Template[];
}

const pick = <T>(rng: Rng, items: readonly T[]) => rng.pick(items);

const SHOP_EXCUSES = ['没有票了', '税控盘坏了', '小本生意开不了', '要过几天才能补', '老板不在'];
const GOODS = ['家具', '建材', '烟酒', '家电', '手机', '办公用品', '装修材料', '摩托车'];
const MEALS = ['聚餐', '请客吃饭', '年夜饭', '宴席', '单位接待'];

export const topicTexts: Record<string, TopicTexts> = {
  INVOICE_REFUSAL: {
    ask: [
      (c) => `在${c.business}消费了${c.amount}元，索要发票被拒开，这种情况应该找哪个部门？`,
      (c) => `${c.business}说开发票要另加钱，要求加税点，这样合理吗？`,
    ],
    gripe: [
      (c, r) =>
        `${c.month}在${c.town}的${c.business}${pick(r, MEALS)}消费${c.amount}元，结账时要求开具发票，店家以“${pick(r, SHOP_EXCUSES)}”为由拒开。`,
      (c, r) => `${c.business}收款后不给开发票，说要开的话得另加${r.int(3, 13)}个点，要求加税点。`,
      (c, r) =>
        `在${c.business}购买${pick(r, GOODS)}花了${c.amount}元，老板拒绝开具发票，说开了发票价格要另算。`,
      (c) => `${c.business}（${c.town}）长期用个人收款码收款，顾客索要发票一律不开发票，涉嫌偷逃税款。`,
      (c) => `我单位在${c.business}采购${c.amount}元的货物，对方以各种理由不予开具发票，至今未开。`,
      (c) => `${c.business}只收现金不开票，问就说没有发票，消费者多次索要都被拒开。`,
    ],
    suggest: [(c) => `建议加强对${c.town}一带餐饮门店的检查，很多店拒开发票。`],
    vague: [
      (c) => `${c.business}老板说开票要另外加钱，不加钱就只给收据。`,
      (c) => `在${c.business}吃饭${c.amount}元，问能不能开票，服务员说要等很久。`,
    ],
  },
  INVOICE: {
    ask: [
      () => `数电票开具后发现购买方名称填错了，怎样开具红字发票？`,
      () => `收到的增值税专用发票在查验平台查验不到，是什么原因？`,
      () => `开票额度不够用了，怎样申请调整数电票的开票额度？`,
      () => `客户要求我们开具发票时备注项目地址，数电票的备注栏应该怎么填？`,
      (c) => `取得的发票抬头有误，能否要求${c.business}重新开票？`,
      () => `对方开来的发票税率好像不对，怎么查验真伪和税率？`,
      () => `跨月发现开错的发票还能作废吗，还是只能开红字？`,
      () => `个体户第一次开票，数电票怎么开？需要什么设备？`,
    ],
    gripe: [
      () => `开票时一直提示红字信息确认单未确认，影响我们正常开票，已经耽误好几天了。`,
      () => `供应商开来的数电票查验结果异常，对方又联系不上，损失谁来承担？`,
    ],
    suggest: [() => `建议数电票开票页面增加常用商品编码的收藏功能，减少查验和红字的麻烦。`],
  },
  SOCIAL_INSURANCE: {
    ask: [
      (c) => `我是灵活就业人员，想问${c.year}年度养老保险缴费基数的档次怎么选？`,
      (c) => `城乡居民医保${c.year + 1}年度的缴费标准是多少，在哪里可以交？`,
      () => `换了工作后原单位的社保停了，中间断缴了两个月，能不能补缴？`,
      () => `帮父母缴纳城乡居民养老保险，在手机上怎么交？`,
      () => `退休前养老保险缴费年限不够，可以一次性补缴吗？`,
      () => `小孩刚出生，医保什么时候可以参保缴费？`,
      () => `在外地打工，老家的医疗保险还要不要继续交？`,
    ],
    gripe: [
      (c) => `${c.business}一直按最低基数给我们交社保，和实际工资差得很远。`,
      () => `社保缴费记录少了几个月，单位说交了，查询又显示断缴。`,
      () => `今年城乡居民医保又涨价了，村里老人负担重，希望有个说法。`,
    ],
    suggest: [() => `建议城乡居民医保缴费提醒早一点发，很多老人不知道什么时候交社保。`],
    vague: [() => `灵活就业的养老钱今年要交多少？有没有档次可以选？`],
  },
  SOCIAL_INSURANCE_DEDUCTION: {
    ask: [
      (c) => `我的灵活就业养老保险${c.month}银行批扣没有成功，卡里余额是够的，是什么原因？`,
      (c) => `${c.bank}短信提示扣款失败、协议无效，是不是要重新签扣款协议？`,
      (c) => `换了银行卡之后批扣一直不成功，已经${c.month}了，会不会影响待遇？`,
      () => `想把社保费的批扣账户改成另一张银行卡，扣款协议在哪里变更？`,
      (c) => `公司${c.period}的社保费批量扣款没有成功，单位账户资金是足额的，请帮忙查一下。`,
    ],
    gripe: [
      () => `本月社保费被重复扣款两次，请尽快退回多扣的钱。`,
      (c) => `${c.bank}的卡明明有钱，社保批扣却连续扣款失败，现在被记成欠费，要交滞纳的钱吗？`,
      () => `签了扣款协议还是没扣上，窗口让我们自己去银行问，银行又让找税务，来回跑了三趟。`,
    ],
    suggest: [() => `建议批扣失败时及时短信通知，不要等到欠费了才知道扣款失败。`],
    vague: [() => `换了银行卡以后社保就没扣上，现在显示断缴了，怎么办？`],
  },
  PREFERENTIAL_POLICY: {
    ask: [
      () => `子女教育专项附加扣除在哪里填报，两个孩子的怎么分？`,
      () => `赡养老人的专项附加扣除，兄弟姐妹之间怎么分摊？`,
      () => `小规模纳税人月销售额10万元以下免征增值税的优惠政策还能享受吗？`,
      () => `研发费用加计扣除在预缴的时候可以享受吗？`,
      () => `退役士兵自主创业的税收减免政策怎么办理？`,
      () => `3岁以下婴幼儿照护专项附加扣除需要提供什么资料？`,
      () => `房贷利息和房租的专项附加扣除能不能同时享受？`,
      () => `个体户的“六税两费”减免还能享受多久？`,
      () => `残疾人本人的个人所得税有没有减免优惠？`,
    ],
    gripe: [() => `符合条件的优惠没有享受到，多交的税也没人告诉我们，希望主动提醒。`],
    suggest: [() => `建议把各类优惠政策做成清单推送给小微企业，减免政策太多记不住。`],
    vague: [() => `孩子上大学那部分的个税能少交吗？在哪里填？`],
  },
  REFUND: {
    ask: [
      () => `个人所得税年度汇算提交后显示退税审核中，已经二十多天了，什么时候能到账？`,
      () => `汇算时多缴的税款怎么申请退还？`,
      () => `退税被退回了，提示银行卡信息有误，怎么修改？`,
      (c) => `公司${c.month}多缴了增值税，能否申请退税？`,
      () => `汇算结果显示可以退税，但是提交按钮是灰的，怎么办？`,
      () => `离职以后预扣多了，今年汇算能退多少？`,
    ],
    gripe: [
      (c) => `退税提交了${(c.amount % 40) + 20}天还没到账，打电话也说不清楚原因。`,
      () => `汇算更正以后原来的退税被作废了，重新提交又要排队，太耽误了。`,
    ],
    suggest: [() => `建议汇算高峰期增加退税审核进度的提示，免得大家反复打电话问。`],
    vague: [() => `去年多交了一些个人所得税，钱能不能拿回来？`],
  },
  FILING: {
    ask: [
      (c) => `${c.month}的增值税申报期限是哪天？节假日有没有顺延？`,
      () => `上个月忘记申报了，现在逾期了会不会有滞纳金？`,
      () => `公司没有经营收入，每个月都需要零申报吗？`,
      () => `印花税是按季还是按次缴税？`,
      () => `财务报表报送和申报的截止时间是什么时候？`,
      () => `个体户定期定额的，每个季度还要申报吗？`,
      () => `房产税和城镇土地使用税是一年缴税几次？`,
      () => `附加税费申报时减征比例怎么填？`,
    ],
    gripe: [
      () => `申报期最后一天大厅排长队，窗口只开两个，逾期了还要罚款。`,
      () => `明明按时申报了却显示逾期，产生了滞纳金，要求核实撤销。`,
    ],
    suggest: [() => `建议在申报期前一周发短信提醒，很多个体户记不住申报时间。`],
  },
  CREDIT: {
    ask: [
      () => `我公司纳税信用被评为D级，想了解信用修复的条件。`,
      () => `公司被认定为非正常户了，怎么解除？`,
      () => `企业纳税信用评价结果在哪里查询？`,
      () => `新成立的公司信用等级是M级，影响领票吗？`,
      () => `逾期的事已经处理完了，纳税信用扣的分能修复吗？`,
    ],
    gripe: [() => `我们的纳税信用等级被降级，但没有收到任何通知，要求说明理由。`],
    suggest: [() => `建议信用修复的办理流程再简化一些，纳税信用的扣分项也公开说明。`],
  },
  ETAX: {
    ask: [
      () => `电子税务局登录时一直提示验证码错误，收不到短信。`,
      () => `个税APP打不开，一直卡顿闪退。`,
      () => `新办企业怎么在电子税务局添加办税人员？`,
      () => `企业财务负责人变更后，电子税务局的身份怎么切换？`,
      () => `电子税务局的网页版填表时总是卡顿，提交不了。`,
      () => `忘记了电子税务局的登录密码，怎么重置？`,
      () => `个税APP里怎么给家人代办？`,
    ],
    gripe: [
      () => `月初电子税务局登录特别卡顿，系统经常崩，耽误了办事。`,
      () => `电子税务局的验证码一分钟只能发一次，老是收不到，很影响效率。`,
    ],
    suggest: [
      () => `建议电子税务局增加夜间人工客服，网页有问题时能及时找到人。`,
      () => `建议个税APP增加字体放大功能，方便老年人使用。`,
    ],
  },
  DEED_TAX: {
    ask: [
      () => `购买二手房的契税税率是多少？首套房有没有减免？`,
      () => `购房后多久需要缴纳契税？不动产登记要带什么材料？`,
      (c) => `在${c.estate}买了新房，契税可以分期交吗？`,
      () => `夫妻名下只有一套房，再买一套的契税怎么算？`,
      () => `继承父母的房子要不要交契税？办房产证要准备什么？`,
    ],
    gripe: [
      (c) => `${c.business}在${c.estate}交房时开发商代收了契税，但一直没有给我们办房产证，也查不到完税记录。`,
      (c) => `${c.estate}的开发商要求购房户把契税交给他们统一办理，至今不动产登记没有办下来。`,
      (c) => `${c.business}以代办为名向购房者收取契税后迟迟不缴，业主办不了房产证。`,
    ],
    suggest: [() => `建议购房后契税缴纳和不动产登记一窗办理，少跑几趟。`],
    vague: [(c) => `${c.estate}交房时开发商额外收了一笔代办费，说里面包含办证要交的税，但没有给任何票据。`],
  },
  PROPERTY_MANAGEMENT: {
    ask: [
      () => `小区的物业公司收取的停车费需要开正规票据吗？`,
      () => `业主交的物业费能不能要求物业公司提供正规票据？`,
    ],
    gripe: [
      (c) => `${c.estate}的物业公司收取停车费多年，从来没有给过任何票据，是否依法纳税？`,
      (c) => `${c.estate}物业费收据是物业公司自己印的，不是正规票据，涉嫌偷逃税款。`,
      (c) => `${c.estate}物业公司把小区广告位和公共收益收入据为己有，也不公开账目。`,
      (c) => `${c.business}在${c.estate}做物业管理，停车费、物业费都只收现金，不给票据。`,
    ],
    suggest: [() => `建议对物业公司的停车费和公共收益收入加强监管，定期公开。`],
    vague: [(c) => `${c.estate}小区停车位的租金收了好几年，收款的是谁、有没有交税都不清楚。`],
  },
  IIT_IDENTITY_MISUSE: {
    ask: [
      (c) => `个税记录里显示我在${c.company}任职受雇，可我从未在该单位工作过，怎么申诉？`,
      () => `查询个税记录发现有一家不认识的单位给我报了收入，存在虚假任职，怎么处理？`,
      () => `我的身份信息好像被冒用了，个税里有陌生单位的收入，影响我申请低保。`,
    ],
    gripe: [
      (c) => `${c.company}冒用我的身份信息登记了任职受雇，我从未在该单位上过班，要求删除并追究责任。`,
      () => `我被冒用个税信息，多了好几万的收入，导致孩子的助学金申请没通过。`,
      (c) => `个税里有不认识的单位${c.company}给我发工资，明显是虚假任职，请核查。`,
    ],
    suggest: [() => `建议个税收入有新任职受雇单位时发短信提醒本人，防止被冒用。`],
    vague: [(c) => `个税APP上显示我有一笔${c.company}发的工资，可我根本没去过那里上班，这是怎么回事？`],
  },
  OTHER: {
    ask: [
      () => `办税服务厅周末开不开门？`,
      () => `车船税在哪里交？要带什么资料？`,
      () => `残疾人就业保障金怎么计算？`,
      () => `个体户定额核定的结果不合理，想申请重新核定。`,
      () => `工会经费由谁代收？`,
      () => `想开一家小超市，办理税务登记需要哪些材料？`,
      () => `耕地占用税的标准是多少？`,
    ],
    gripe: [
      (c) => `${c.district}办税服务厅排队时间太长，窗口开得少。`,
      () => `窗口工作人员态度生硬，问了两遍就不耐烦。`,
      () => `打了好几次热线都占线，半小时没人接。`,
      () => `网上有人说今年要查所有人的银行流水，是真的吗？大家都很担心。`,
    ],
    suggest: [
      (c) => `建议在${c.town}增加自助办税终端，乡镇的群众跑城里太远了。`,
      () => `建议热线在中午也安排人接听。`,
      () => `建议办税服务厅设置老年人专门窗口。`,
      () => `直播答疑很有用，建议多讲讲个体户的问题。`,
    ],
    report: [
      (c) => `${c.business}做两套账，大量收入不入账，隐瞒收入偷逃税款。`,
      (c) => `${c.business}用员工的名义分拆收入，逃避税款。`,
      (c) => `${c.business}给员工发的工资大部分走老板私人账户，少扣个人所得税。`,
    ],
  },
};

const OPENERS: Record<AppealKind, readonly string[]> = {
  CONSULTATION: ['', '', '您好，想咨询一下：', '请问，', '咨询：', '你好，'],
  HELP_REQUEST: ['求助：', '麻烦帮忙看一下，', '急！', '您好，', ''],
  COMPLAINT: ['投诉：', '我要反映一个问题：', '反映情况：', ''],
  REPORT: ['举报：', '实名举报：', '匿名举报：', '我要举报：'],
  SUGGESTION: ['', '提个建议：', '意见建议：'],
  OPINION: ['舆情监测发现，有网民在本地论坛发帖称：', '网民在短视频平台留言：', '网络舆情：网友反映，'],
};

const CLOSERS: Record<AppealKind, readonly string[]> = {
  CONSULTATION: ['', '', '谢谢！', '麻烦回电告知。', '请尽快答复。'],
  HELP_REQUEST: ['请尽快处理。', '麻烦回电，谢谢。', '希望尽快帮忙解决。', ''],
  COMPLAINT: ['请核实处理。', '希望给个说法。', '请尽快处理并答复。', ''],
  REPORT: ['请依法查处。', '请核实处理。', '希望税务部门依法处理。', ''],
  SUGGESTION: ['', '谢谢！', '供参考。'],
  OPINION: ['帖子已有多人转发。', '评论区有类似反映。', ''],
};

/** Another appeal on the matter by the same party within weeks. */
const REPEAT_OPENERS = ['再次反映：', '上次反映的问题还没有解决，', '之前打过电话，', '第二次反映，'];

export type TextShape = 'plain' | 'vague';

/**
 * An appeal's text on `topic` for its `kind`; `vague` picks one of the sentences the classifier gets
 * wrong (null when the topic has none).
 */
export function appealText(
  rng: Rng,
  topic: string,
  kind: AppealKind,
  context: TextContext,
  options: { vague?: boolean; repeat?: boolean } = {},
): string | null {
  const texts = topicTexts[topic] ?? topicTexts.OTHER!;
  let pool: readonly Template[];
  if (options.vague) {
    if (!texts.vague) return null;
    pool = texts.vague;
  } else if (kind === 'SUGGESTION') pool = texts.suggest;
  else if (kind === 'REPORT' && texts.report) pool = texts.report;
  else if (kind === 'CONSULTATION' || kind === 'HELP_REQUEST') pool = texts.ask;
  else pool = texts.gripe.length && (kind !== 'OPINION' || rng.chance(0.7)) ? texts.gripe : texts.ask;
  const core = rng.pick(pool)(context, rng);
  const opener = options.repeat ? rng.pick(REPEAT_OPENERS) : rng.pick(OPENERS[kind]);
  const closer = rng.pick(CLOSERS[kind]);
  return `${opener}${core}${closer}`;
}

/** Who appeals in the week the employers' batch deductions failed. */
export type SurgeAppellant = 'EMPLOYER' | 'EMPLOYEE' | 'FLEXIBLE';

const SURGE_TEXTS: Record<SurgeAppellant, readonly Template[]> = {
  EMPLOYER: [
    (c) => `我公司${c.period}的单位社保费批扣失败，银行反馈扣款失败，账户资金是足额的，请尽快协助查明原因。`,
    (c) => `${c.period}单位社保费批量扣款没有成功，职工查询显示欠费，担心影响职工待遇，请核实。`,
    (c) =>
      `我公司在${c.bank}的账户${c.month}批扣失败，想知道是扣款协议的问题还是银行的问题，什么时候重新扣？`,
  ],
  EMPLOYEE: [
    (c) => `单位说${c.month}的社保批扣失败了，我查询显示欠费，会不会影响看病报销？`,
    (c) => `${c.business}本月批扣失败，职工的费用没扣上，请帮忙查一下什么时候重新批扣。`,
  ],
  FLEXIBLE: [
    (c) => `我的灵活就业养老保险最近连续扣款失败，卡里有钱，${c.bank}说扣款协议失效了，怎么办？`,
    () => `本月批扣又失败了，已经连续几个月扣款失败，现在显示欠费，请尽快处理。`,
  ],
};

/** An appeal of the surge week: an employer, employee or flexible worker whose batch deduction failed. */
export function surgeText(rng: Rng, who: SurgeAppellant, kind: AppealKind, context: TextContext): string {
  return `${rng.pick(OPENERS[kind])}${rng.pick(SURGE_TEXTS[who])(context, rng)}${rng.pick(CLOSERS[kind])}`;
}

/** Whether a topic has vague sentences staff have to correct. */
export const hasVagueTexts = (topic: string) => Boolean(topicTexts[topic]?.vague?.length);

const ESTATE_HEADS = [
  '江北',
  '巴山',
  '南龛',
  '兴文',
  '回风',
  '望王',
  '莲花',
  '滨河',
  '时代',
  '锦绣',
  '龙泉',
  '书香',
];
const ESTATE_TAILS = ['名居', '花园', '新城', '华府', '壹号', '雅苑', '学府', '御景', '公馆', '家园'];

export function estateName(rng: Rng): string {
  return `${rng.pick(ESTATE_HEADS)}${rng.pick(ESTATE_TAILS)}`;
}
