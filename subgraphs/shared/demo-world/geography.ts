/**
 * Bazhong's districts as the demo world sees them: seats, towns, streets, tax bureaus and their branches,
 * courts, and the weights that make 巴州区 the largest. Town lists are a plausible selection, not a census.
 */
import { districtInfo, type District } from '../enums.js';
import { Rng, weighted } from './random.js';

export interface DistrictGeo {
  district: District;
  code: string;
  /** 巴州区 */
  name: string;
  /** What an enterprise name starts with when it is registered at county level: 巴中市恩阳区, 通江县. */
  localPrefix: string;
  /** Seat (政府驻地), WGS-84. */
  seat: { lat: number; lon: number };
  /** 街道 (or the seat town) of the urban area. */
  urbanAreas: readonly string[];
  urbanStreets: readonly string[];
  /** 镇/乡 outside the seat. */
  towns: readonly string[];
  /** 国家税务总局巴中市巴州区税务局 */
  taxBureau: string;
  /** Branch names (税务分局) without the bureau prefix; all 31 of Bazhong's are Fengqiao-style. */
  branches: readonly { name: string; area: string }[];
  court: { code: string; name: string };
  /** 巴中市巴州区人力资源和社会保障局 */
  hrssBureau: string;
  healthBureau: string;
  marketBureau: string;
  veteransBureau: string;
  /** Local place words for enterprise names (any industry). */
  localBrands: readonly string[];
  /** Local product brands (通江银耳, 平昌青花椒 ...), only for farms, food, shops and restaurants. */
  productBrands: readonly string[];
  /** Agricultural speciality for cooperatives (银耳, 青花椒, 黄羊 ...). */
  specialities: readonly string[];
}

function geo(
  district: District,
  city: boolean,
  seat: { lat: number; lon: number },
  rest: Pick<
    DistrictGeo,
    'urbanAreas' | 'urbanStreets' | 'towns' | 'branches' | 'localBrands' | 'productBrands' | 'specialities'
  > & {
    courtCode: string;
  },
): DistrictGeo {
  const { code, name } = districtInfo[district];
  // Districts (区) are named under the city, counties (县) stand on their own: 巴中市巴州区 vs 通江县.
  const local = city ? `巴中市${name}` : name;
  return {
    district,
    code,
    name,
    localPrefix: local,
    seat,
    urbanAreas: rest.urbanAreas,
    urbanStreets: rest.urbanStreets,
    towns: rest.towns,
    taxBureau: `国家税务总局${local}税务局`,
    branches: rest.branches,
    court: { code: rest.courtCode, name: `${local}人民法院` },
    hrssBureau: `${local}人力资源和社会保障局`,
    healthBureau: `${local}卫生健康局`,
    marketBureau: `${local}市场监督管理局`,
    veteransBureau: `${local}退役军人事务局`,
    localBrands: rest.localBrands,
    productBrands: rest.productBrands,
    specialities: rest.specialities,
  };
}

export const GEO: Record<District, DistrictGeo> = {
  BAZHOU: geo(
    'BAZHOU',
    true,
    { lat: 31.868, lon: 106.769 },
    {
      courtCode: '川1902',
      urbanAreas: ['回风街道', '东城街道', '西城街道', '江北街道', '宕梁街道', '兴文街道', '时新街道'],
      urbanStreets: [
        '江北大道',
        '巴州大道',
        '回风路',
        '兴文大道',
        '南池路',
        '老城街',
        '新华街',
        '望王路',
        '龙泉路',
        '人民路',
        '红旗路',
        '滨河北路',
        '莲花街',
        '北龛路',
      ],
      towns: [
        '曾口镇',
        '清江镇',
        '化成镇',
        '水宁寺镇',
        '三江镇',
        '梁永镇',
        '鼎山镇',
        '大茅坪镇',
        '光辉镇',
        '枣林镇',
        '平梁镇',
        '凤溪镇',
        '金碑乡',
        '大和乡',
      ],
      branches: [
        { name: '第一税务分局', area: '江北街道' },
        { name: '第二税务分局', area: '回风街道' },
        { name: '第三税务分局', area: '宕梁街道' },
        { name: '曾口税务分局', area: '曾口镇' },
        { name: '清江税务分局', area: '清江镇' },
        { name: '化成税务分局', area: '化成镇' },
        { name: '水宁寺税务分局', area: '水宁寺镇' },
        { name: '三江税务分局', area: '三江镇' },
      ],
      localBrands: ['南龛', '化成', '巴州', '望王', '莲湖', '兴文', '宕梁', '奇章', '巴人'],
      productBrands: ['巴州川明参', '化成', '南龛'],
      specialities: ['川明参', '茶叶', '蔬菜', '生猪'],
    },
  ),
  ENYANG: geo(
    'ENYANG',
    true,
    { lat: 31.787, lon: 106.637 },
    {
      courtCode: '川1903',
      urbanAreas: ['登科街道', '文治街道'],
      urbanStreets: ['恩阳大道', '登科大道', '文治路', '义兴街', '恩州大道', '古镇老街', '恩江路'],
      towns: [
        '柳林镇',
        '下八庙镇',
        '玉山镇',
        '茶坝镇',
        '观音井镇',
        '渔溪镇',
        '三河场镇',
        '花丛镇',
        '群乐镇',
        '兴隆镇',
        '上八庙镇',
      ],
      branches: [
        { name: '第一税务分局', area: '登科街道' },
        { name: '第二税务分局', area: '文治街道' },
        { name: '柳林税务分局', area: '柳林镇' },
        { name: '下八庙税务分局', area: '下八庙镇' },
        { name: '玉山税务分局', area: '玉山镇' },
      ],
      localBrands: ['恩阳古镇', '恩江', '登科', '义阳', '恩阳'],
      productBrands: ['恩阳古镇', '恩阳提糖麻饼', '恩阳芦笋'],
      specialities: ['芦笋', '蔬菜', '茶叶', '生猪'],
    },
  ),
  TONGJIANG: geo(
    'TONGJIANG',
    false,
    { lat: 31.912, lon: 107.245 },
    {
      courtCode: '川1921',
      urbanAreas: ['诺江镇', '壁州街道'],
      urbanStreets: ['诺江路', '壁州大道', '红军路', '将帅大道', '银耳大道', '滨河路', '东门街'],
      towns: [
        '至诚镇',
        '沙溪镇',
        '诺水河镇',
        '涪阳镇',
        '铁佛镇',
        '永安镇',
        '民胜镇',
        '火炬镇',
        '广纳镇',
        '毛浴镇',
        '陈河镇',
        '空山镇',
        '春在镇',
        '瓦室镇',
      ],
      branches: [
        { name: '第一税务分局', area: '诺江镇' },
        { name: '第二税务分局', area: '壁州街道' },
        { name: '至诚税务分局', area: '至诚镇' },
        { name: '沙溪税务分局', area: '沙溪镇' },
        { name: '诺水河税务分局', area: '诺水河镇' },
        { name: '涪阳税务分局', area: '涪阳镇' },
      ],
      localBrands: ['诺水河', '空山', '壁州', '诺江', '红军城'],
      productBrands: ['通江银耳', '诺水河', '空山'],
      specialities: ['银耳', '青峪猪', '花椒', '茶叶'],
    },
  ),
  NANJIANG: geo(
    'NANJIANG',
    false,
    { lat: 32.353, lon: 106.829 },
    {
      courtCode: '川1922',
      urbanAreas: ['南江镇', '集州街道', '东榆镇'],
      urbanStreets: ['朝阳路', '集州大道', '北门街', '光雾大道', '滨河路', '南江大道', '红四军路'],
      towns: [
        '长赤镇',
        '下两镇',
        '正直镇',
        '赤溪镇',
        '光雾山镇',
        '大河镇',
        '沙河镇',
        '八庙镇',
        '高桥镇',
        '坪河镇',
        '仁和镇',
        '杨坝镇',
        '关坝镇',
      ],
      branches: [
        { name: '第一税务分局', area: '南江镇' },
        { name: '第二税务分局', area: '集州街道' },
        { name: '长赤税务分局', area: '长赤镇' },
        { name: '下两税务分局', area: '下两镇' },
        { name: '正直税务分局', area: '正直镇' },
        { name: '光雾山税务分局', area: '光雾山镇' },
      ],
      localBrands: ['光雾山', '米仓', '集州', '米仓山', '大巴山'],
      productBrands: ['南江黄羊', '南江金银花', '米仓山茶'],
      specialities: ['黄羊', '金银花', '核桃', '富硒茶'],
    },
  ),
  PINGCHANG: geo(
    'PINGCHANG',
    false,
    { lat: 31.56, lon: 107.104 },
    {
      courtCode: '川1923',
      urbanAreas: ['江口街道', '同州街道', '金宝街道'],
      urbanStreets: ['同州大道', '江口大道', '佛头山路', '巴河路', '滨江路', '文星街', '东门路'],
      towns: [
        '驷马镇',
        '白衣镇',
        '岳家镇',
        '佛楼镇',
        '土垭镇',
        '元山镇',
        '响滩镇',
        '云台镇',
        '镇龙镇',
        '兰草镇',
        '得胜镇',
        '龙岗镇',
        '笔山镇',
        '西兴镇',
      ],
      branches: [
        { name: '第一税务分局', area: '江口街道' },
        { name: '第二税务分局', area: '同州街道' },
        { name: '驷马税务分局', area: '驷马镇' },
        { name: '白衣税务分局', area: '白衣镇' },
        { name: '岳家税务分局', area: '岳家镇' },
        { name: '镇龙税务分局', area: '镇龙镇' },
      ],
      localBrands: ['江口', '佛头山', '驷马', '镇龙山', '巴河'],
      productBrands: ['平昌青花椒', '江口', '驷马'],
      specialities: ['青花椒', '茶叶', '小角楼高粱', '生猪'],
    },
  ),
};

/** Bazhong's intermediate court (中级人民法院) for large and administrative cases. */
export const CITY_COURT = { code: '川19', name: '巴中市中级人民法院' };
/** Brand words known across the city (秦巴 mountains, the 巴山 ...). */
export const CITY_BRANDS = ['秦巴', '巴山', '大巴山', '米仓', '光雾山', '巴人', '川陕', '巴河', '南龛'];

/** Enterprises (taxpayers) by district: 巴州区 is the city proper and the largest. */
export const enterpriseDistricts = weighted<District>([
  ['BAZHOU', 38],
  ['ENYANG', 11],
  ['TONGJIANG', 16],
  ['NANJIANG', 15],
  ['PINGCHANG', 20],
]);
/** Residents by district, closer to the population split. */
export const populationDistricts = weighted<District>([
  ['BAZHOU', 26],
  ['ENYANG', 14],
  ['TONGJIANG', 20],
  ['NANJIANG', 17],
  ['PINGCHANG', 23],
]);
/** Relative share of service outlets per district (towns spread them out in the counties). */
export const outletWeights: Record<District, number> = {
  BAZHOU: 26,
  ENYANG: 14,
  TONGJIANG: 20,
  NANJIANG: 18,
  PINGCHANG: 22,
};

/** A place is either the urban area or a town; coordinates cluster around it. */
export interface Place {
  district: District;
  /** 江北街道, 曾口镇 */
  area: string;
  urban: boolean;
}

export function randomPlace(rng: Rng, district: District, urbanShare: number): Place {
  const g = GEO[district];
  const urban = rng.chance(urbanShare);
  return { district, area: urban ? rng.pick(g.urbanAreas) : rng.pick(g.towns), urban };
}

const TOWN_STREETS = ['正街', '新街', '老街', '中街', '迎宾路', '滨河路', '环城路', '场镇街', '兴业路'];

/** 四川省巴中市巴州区江北街道江北大道东段126号 */
export function streetAddress(rng: Rng, place: Place): string {
  const g = GEO[place.district];
  const head = `四川省巴中市${g.name}${place.area}`;
  if (place.urban) {
    const section = rng.chance(0.3) ? rng.pick(['东段', '西段', '南段', '北段', '中段']) : '';
    return `${head}${rng.pick(g.urbanStreets)}${section}${rng.int(1, 388)}号`;
  }
  return `${head}${rng.pick(TOWN_STREETS)}${rng.int(1, 160)}号`;
}

const townOffsets = new Map<string, { lat: number; lon: number }>();

/** A town's fixed offset from the seat: derived from its name so every point in the town clusters. */
function townCentre(district: District, area: string): { lat: number; lon: number } {
  const key = `${district}:${area}`;
  let centre = townOffsets.get(key);
  if (!centre) {
    const r = new Rng(`town:${key}`);
    const angle = r.float() * Math.PI * 2;
    const distance = 0.06 + r.float() * 0.2;
    const seat = GEO[district].seat;
    centre = {
      lat: seat.lat + Math.sin(angle) * distance,
      lon: seat.lon + Math.cos(angle) * distance * 1.15,
    };
    townOffsets.set(key, centre);
  }
  return centre;
}

/** WGS-84 coordinates near the place, rounded to 6 places (about 0.1 m). */
export function coordinates(rng: Rng, place: Place): { latitude: number; longitude: number } {
  const centre = place.urban ? GEO[place.district].seat : townCentre(place.district, place.area);
  const spread = place.urban ? 0.012 : 0.006;
  return {
    latitude: Math.round((centre.lat + rng.normal() * spread) * 1e6) / 1e6,
    longitude: Math.round((centre.lon + rng.normal() * spread * 1.15) * 1e6) / 1e6,
  };
}

/** Bazhong landlines: area code 0827 and seven digits. */
export function landline(rng: Rng): string {
  return `0827-${rng.pick(['2', '3', '5', '6', '7', '8'])}${rng.digits(6)}`;
}
