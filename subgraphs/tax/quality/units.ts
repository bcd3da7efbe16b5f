/**
 * What a value can belong to: a district (区县, its code as in the District enum) or a handling unit of
 * the appeal catalogue (承办单位, e.g. BAZHOU_BRANCH_1). The two sets of codes never overlap.
 */
import { badInput } from '../../../core/errors.js';
import { districtInfo, districts, type District } from '../../shared/enums.js';
import { handlingUnits } from '../appeals/catalogue.js';
import type { QualityUnitKind } from '../entities/index.js';

export interface QualityUnit {
  code: string;
  name: string;
  kind: QualityUnitKind;
  district: District | null;
}

export const qualityUnits: readonly QualityUnit[] = [
  ...districts.map((d) => ({
    code: d,
    name: `${districtInfo[d].name}（全区县）`,
    kind: 'DISTRICT' as const,
    district: d,
  })),
  ...handlingUnits.map((u) => ({
    code: u.code,
    name: u.name,
    kind: 'HANDLING_UNIT' as const,
    district: u.district,
  })),
];

const byCode = new Map(qualityUnits.map((u) => [u.code, u]));

export const qualityUnitOf = (code: string): QualityUnit | null => byCode.get(code) ?? null;

export function assertQualityUnit(code: string, argument: string): QualityUnit {
  const unit = byCode.get(code);
  if (!unit)
    throw badInput(
      `没有编码为 ${code} 的区县或承办单位 (no district or handling unit has this code)`,
      argument,
    );
  return unit;
}
