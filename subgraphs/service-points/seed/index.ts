import type { World } from '../../shared/demo-world/index.js';
import type { SeedTarget } from '../../shared/seeding.js';

/** The service points' slice of the demo world: the points, the records that name them, and dispute mediations. */
export async function seedServicePoints(target: SeedTarget, world: World): Promise<void> {
  await target.insert('ServicePoint', world.servicePoints.points);
  await target.insert('ServiceRecord', world.servicePoints.records);
  await target.insert('MediationRecord', world.disputes.servicePoints.mediationRecords);
}
