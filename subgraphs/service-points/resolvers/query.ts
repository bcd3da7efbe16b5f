import type { FilterQuery } from '@mikro-orm/core';
import { badInput, notFound } from '../../../core/errors.js';
import { keysetPage, pageSize, type Connection } from '../../shared/pagination.js';
import { ServicePointSchema, type ServicePoint } from '../entities/index.js';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { nearestServicePoints } from '../nearest.js';

export type ServicePointConnectionParent = Connection<ServicePoint>;

/** `nearestServicePoints(first:)`: the SDL's default and ceiling. */
const NEAREST_DEFAULT = 5;
const NEAREST_MAX = 50;

/** Refuses a coordinate outside its range before any query runs (GraphQL Float is always finite). */
function assertCoordinate(value: number, argument: 'latitude' | 'longitude'): void {
  const limit = argument === 'latitude' ? 90 : 180;
  if (value < -limit || value > limit) {
    const label = argument === 'latitude' ? '纬度' : '经度';
    throw badInput(
      `${label}须在 -${limit} 到 ${limit} 之间，收到 ${value} (${argument} must be between -${limit} and ${limit})`,
      argument,
    );
  }
}

export const Query: QueryResolvers = {
  servicePoint: async (_parent, { id }, { loaders }) => {
    const point = await loaders.servicePoint.load(id);
    if (!point) throw notFound(`未找到编号为 ${id} 的服务点 (no such service point)`);
    return point;
  },
  servicePoints: (_parent, { filter, first, after }, { em }) => {
    const where: FilterQuery<ServicePoint> = {};
    if (filter?.district) where.district = filter.district;
    if (filter?.kind) where.kind = filter.kind;
    // text[] @> array[service]: the point offers (at least) this service.
    if (filter?.service) where.services = { $contains: [filter.service] };
    return keysetPage(em, ServicePointSchema, where, { list: 'servicePoints', keys: ['id'], first, after });
  },
  nearestServicePoints: (_parent, { latitude, longitude, service, first }, { em }) => {
    assertCoordinate(latitude, 'latitude');
    assertCoordinate(longitude, 'longitude');
    const limit = pageSize(first, NEAREST_DEFAULT, NEAREST_MAX);
    return nearestServicePoints(em, latitude, longitude, service ?? null, limit);
  },
};
