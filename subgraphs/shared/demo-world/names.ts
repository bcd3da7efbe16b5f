/** Person and enterprise names with a north-eastern Sichuan flavour. */
import type { District } from '../enums.js';
import type { Enterprise } from '../../tax/entities/enterprise.js';
import { CITY_BRANDS, GEO } from './geography.js';
import { weighted, type Rng } from './random.js';

type Industry = Enterprise['industry'];
type RegistrationType = Enterprise['registrationType'];

// Common in Bazhong: besides the national top surnames, 苟, 岳, 向, 蒲, 鲜, 母 and 牟 are frequent locally.
const SURNAMES = weighted<string>([
  ['王', 70],
  ['李', 68],
  ['张', 60],
  ['陈', 50],
  ['刘', 48],
  ['杨', 40],
  ['何', 30],
  ['罗', 28],
  ['赵', 24],
  ['黄', 24],
  ['苟', 20],
  ['周', 20],
  ['吴', 18],
  ['唐', 16],
  ['胡', 15],
  ['岳', 14],
  ['向', 14],
  ['邓', 14],
  ['谢', 13],
  ['冯', 12],
  ['彭', 12],
  ['徐', 12],
  ['蒲', 10],
  ['朱', 10],
  ['郭', 10],
  ['文', 9],
  ['蒋', 9],
  ['曾', 9],
  ['马', 8],
  ['孙', 8],
  ['高', 8],
  ['任', 8],
  ['袁', 8],
  ['杜', 8],
  ['余', 8],
  ['鲜', 7],
  ['庞', 6],
  ['侯', 6],
  ['熊', 6],
  ['雷', 6],
  ['石', 6],
  ['谭', 6],
  ['程', 6],
  ['邱', 6],
  ['廖', 6],
  ['林', 6],
  ['梁', 6],
  ['宋', 6],
  ['田', 6],
  ['牟', 5],
  ['贾', 5],
  ['龚', 5],
  ['毛', 5],
  ['汪', 5],
  ['范', 5],
  ['姚', 5],
  ['苏', 5],
  ['魏', 5],
  ['董', 5],
  ['韩', 5],
  ['母', 4],
  ['潘', 4],
  ['蔡', 4],
  ['陶', 4],
  ['付', 4],
]);

// Given-name characters by sex and generation: 国/建/秀/兰 for the elderly, 子/浩/涵/萱 for the young.
const GIVEN = {
  MALE: {
    old: '国建明德福华平军忠文学成志茂贵友全洪清松富林光荣生'.split(''),
    mid: '伟强勇杰涛斌超明华刚辉俊波鹏磊林军兵东川江海峰亮锋波飞红'.split(''),
    young: '浩宇轩睿子博航泽晨俊杰豪铭皓一鑫奕然诚逸宸'.split(''),
  },
  FEMALE: {
    old: '秀英兰桂芳珍玉凤琼淑翠芬素琴春菊'.split(''),
    mid: '芳娟敏静丽艳霞燕玲琴梅红萍莉婷雪丹蓉慧洁'.split(''),
    young: '涵萱欣怡雨诗梦悦佳琳馨可妍语彤思若瑶汐'.split(''),
  },
} as const;

export function personName(rng: Rng, gender: 'MALE' | 'FEMALE', birthYear: number): string {
  const pools = GIVEN[gender];
  const pool = birthYear < 1965 ? pools.old : birthYear < 1995 ? pools.mid : pools.young;
  const surname = rng.pickWeighted(SURNAMES);
  // About a quarter of names have a single given character (张伟), more so among the middle-aged.
  if (rng.chance(birthYear < 1995 ? 0.3 : 0.15)) return surname + rng.pick(pool);
  let second = rng.pick(pool);
  const first = rng.pick(rng.chance(0.5) ? pool : pools.mid);
  if (second === first) second = rng.pick(pool);
  return surname + first + second;
}

/** Generic two-character trade names (字号): 鑫源, 华盛, 恒通 ... */
const TRADE_CHARS = '鑫华盛恒瑞宏金锦嘉同众汇兴天博鸿顺永佳新福源隆达泰康诚信德丰安晟昌荣宇智创融润豪'.split(
  '',
);

function tradeName(rng: Rng): string {
  const a = rng.pick(TRADE_CHARS);
  let b = rng.pick(TRADE_CHARS);
  while (b === a) b = rng.pick(TRADE_CHARS);
  return a + b;
}

/** Business words (行业用语) per industry, as they appear between the trade name and the legal form. */
const INDUSTRY_WORDS: Record<Industry, readonly string[]> = {
  AGRICULTURE: ['农业开发', '生态农业', '种养殖', '茶业', '中药材种植', '林业开发', '畜牧', '农牧科技'],
  MINING: ['矿业', '石材', '砂石', '天然气开发', '页岩砖'],
  MANUFACTURING: [
    '食品',
    '建材',
    '机械制造',
    '新材料',
    '服装',
    '包装',
    '酒业',
    '电子科技',
    '制药',
    '家具',
    '混凝土',
  ],
  UTILITIES: ['水务', '燃气', '电力', '能源', '供排水', '新能源'],
  CONSTRUCTION: ['建工', '建筑工程', '路桥', '建设工程', '装饰工程', '市政工程', '水利水电工程', '劳务'],
  WHOLESALE_RETAIL: ['商贸', '百货', '超市', '医药连锁', '农资', '汽车销售', '五金机电', '电器'],
  TRANSPORT: ['物流', '运输', '客运', '快递', '公交', '货运'],
  ACCOMMODATION_CATERING: ['酒店管理', '餐饮管理', '农家乐', '火锅', '宾馆', '饮食文化'],
  INFORMATION_TECHNOLOGY: ['信息技术', '网络科技', '软件', '数字科技', '智能科技'],
  FINANCE: ['融资担保', '小额贷款', '典当', '投资管理'],
  REAL_ESTATE: ['房地产开发', '置业', '物业管理', '物业服务', '地产'],
  BUSINESS_SERVICES: ['企业管理咨询', '人力资源', '劳务派遣', '广告传媒', '财务咨询', '会展服务'],
  PUBLIC_FACILITIES: ['园林绿化', '环境卫生', '旅游开发', '景区管理', '环保科技'],
  RESIDENT_SERVICES: ['家政服务', '洗涤服务', '汽车维修', '美容美发', '殡葬服务', '养老服务'],
  EDUCATION: ['教育科技', '职业技能培训', '文化培训'],
  HEALTH: ['医院', '健康管理', '康养', '医疗科技', '口腔门诊'],
  CULTURE: ['文化传媒', '文化旅游', '影视', '体育发展', '红色文化传播'],
};

/** Shop words for individual businesses (个体工商户). */
const SHOP_WORDS: Partial<Record<Industry, readonly string[]>> = {
  WHOLESALE_RETAIL: [
    '副食店',
    '五金店',
    '超市',
    '建材经营部',
    '手机店',
    '农资店',
    '服装店',
    '烟酒店',
    '水果店',
  ],
  ACCOMMODATION_CATERING: ['火锅店', '饭店', '面馆', '小吃店', '烧烤店', '茶楼', '农家乐', '羊肉汤馆'],
  RESIDENT_SERVICES: ['理发店', '汽车修理部', '洗车行', '家政服务部', '干洗店', '摄影店'],
  AGRICULTURE: ['种植场', '养殖场', '家庭农场'],
  TRANSPORT: ['货运部', '运输队'],
  MANUFACTURING: ['加工坊', '豆腐坊', '榨油坊'],
};

/** 巴中市 or a county: how an enterprise of the district names its place of registration. */
function placePrefix(rng: Rng, district: District, large: boolean): string {
  const g = GEO[district];
  const r = rng.float();
  if (large) return r < 0.5 ? '四川' : r < 0.85 ? '巴中市' : g.localPrefix;
  if (r < 0.12) return '四川';
  if (district === 'BAZHOU') return r < 0.7 ? '巴中市' : '巴中市巴州区';
  return r < 0.3 ? '巴中市' : g.localPrefix;
}

/** Industries whose names carry a product brand (通江银耳, 南江黄羊 ...). */
const PRODUCT_INDUSTRIES = new Set<Industry>([
  'AGRICULTURE',
  'MANUFACTURING',
  'WHOLESALE_RETAIL',
  'ACCOMMODATION_CATERING',
]);

function brandWord(rng: Rng, district: District, industry: Industry): string {
  const r = rng.float();
  if (r < 0.12 && PRODUCT_INDUSTRIES.has(industry)) return rng.pick(GEO[district].productBrands);
  if (r < 0.22) return rng.pick(GEO[district].localBrands);
  if (r < 0.35) return rng.pick(CITY_BRANDS);
  return tradeName(rng);
}

/** A registered name; the caller retries on collisions, asking for a `distinctive` one after a few. */
export function enterpriseName(
  rng: Rng,
  district: District,
  industry: Industry,
  registrationType: RegistrationType,
  large: boolean,
  distinctive = false,
): string {
  const g = GEO[district];
  if (registrationType === 'INDIVIDUAL_BUSINESS') {
    const shop = rng.pick(SHOP_WORDS[industry] ?? ['经营部']);
    const who = rng.pickWeighted(SURNAMES);
    const r = rng.float();
    const brand = distinctive
      ? `${who}${rng.pick(TRADE_CHARS)}`
      : r < 0.35
        ? `${who}记`
        : r < 0.55
          ? `老${who}`
          : r < 0.7
            ? rng.pick(g.localBrands)
            : tradeName(rng);
    const place = distinctive || rng.chance(0.3) ? rng.pick(g.towns) : '';
    return `${district === 'BAZHOU' || district === 'ENYANG' ? g.localPrefix : g.name}${place}${brand}${shop}`;
  }
  if (registrationType === 'COLLECTIVE' && industry === 'AGRICULTURE') {
    // 农民专业合作社: 通江县沙溪镇银耳种植专业合作社
    const speciality = rng.pick(g.specialities);
    const activity = /猪|羊/.test(speciality) ? '养殖' : '种植';
    const where = distinctive
      ? rng.pick(g.towns) + tradeName(rng)
      : rng.chance(0.6)
        ? rng.pick(g.towns)
        : rng.pick(g.localBrands);
    return `${g.localPrefix}${where}${speciality}${activity}专业合作社`;
  }
  const prefix = placePrefix(rng, district, large);
  // A taken name gets a longer trade name (秦巴鑫源, 鑫源华), as applicants do at the registry.
  const brand = distinctive
    ? (rng.chance(0.5) ? rng.pick(CITY_BRANDS) : rng.pick(TRADE_CHARS)) + tradeName(rng)
    : brandWord(rng, district, industry);
  const word = rng.pick(INDUSTRY_WORDS[industry]);
  switch (registrationType) {
    case 'JOINT_STOCK':
      return `${prefix}${brand}${word}股份有限公司`;
    case 'STATE_OWNED':
      return rng.chance(0.5)
        ? `${prefix}${brand}${word}集团有限公司`
        : `${prefix}${brand}${word}有限责任公司`;
    case 'PARTNERSHIP':
      return `${prefix}${brand}${word}中心（${rng.chance(0.7) ? '有限合伙' : '普通合伙'}）`;
    case 'COLLECTIVE':
      return `${prefix}${brand}${word}${rng.chance(0.5) ? '厂' : '有限责任公司'}`;
    case 'FOREIGN_INVESTED':
      return `${prefix}${brand}${word}有限公司`;
    default:
      if (large && rng.chance(0.35)) return `${prefix}${brand}${word}集团有限公司`;
      return `${prefix}${brand}${word}${rng.chance(0.85) ? '有限公司' : '有限责任公司'}`;
  }
}

/** Mobile numbers: 13x, 15x, 18x and 19x prefixes as Sichuan's carriers hand them out. */
const MOBILE_PREFIXES = [
  '130',
  '133',
  '135',
  '136',
  '138',
  '139',
  '150',
  '151',
  '158',
  '159',
  '180',
  '182',
  '187',
  '189',
  '191',
  '199',
];

export function mobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + rng.digits(8);
}
