import type { EntityManager } from '@mikro-orm/postgresql';
import { ServicePointSchema, type ServiceKind, type ServicePoint } from './entities/index.js';

/** Mean Earth radius (IUGG), in metres: the sphere the haversine distance is measured on. */
export const EARTH_RADIUS_METERS = 6_371_008.8;

export interface NearbyPoint {
  point: ServicePoint;
  distanceMeters: number;
}

/**
 * The `limit` points nearest to (latitude, longitude) that offer `service` (any when null), by
 * great-circle (haversine) distance computed and sorted in one SQL statement. At city scale the table
 * holds about 1,300 points, so a sequential scan is cheaper than a spatial index would be to keep.
 */
export async function nearestServicePoints(
  em: EntityManager,
  latitude: number,
  longitude: number,
  service: ServiceKind | null,
  limit: number,
): Promise<NearbyPoint[]> {
  const rows: (Record<string, unknown> & { distance_meters: number })[] = await em.getConnection().execute(
    `select sp.*, (?)::float8 * 2 * asin(least(1, sqrt(
              power(sin(radians(sp.latitude - (?)::float8) / 2), 2)
            + cos(radians((?)::float8)) * cos(radians(sp.latitude))
              * power(sin(radians(sp.longitude - (?)::float8) / 2), 2)
           ))) as distance_meters
       from service_point sp
      where ${service ? 'sp.services @> array[?]::text[]' : 'true'}
      order by distance_meters, sp.id
      limit ?`,
    [EARTH_RADIUS_METERS, latitude, latitude, longitude, ...(service ? [service] : []), limit],
  );
  return rows.map(({ distance_meters, ...columns }) => ({
    point: em.map(ServicePointSchema, columns),
    distanceMeters: Math.round(Number(distance_meters)),
  }));
}
