import type { World } from '../../shared/demo-world/index.js';
import type { SeedTarget } from '../../shared/seeding.js';

/** The tax bureau's slice of the demo world: the enterprise registry. */
export async function seedTax(target: SeedTarget, world: World): Promise<void> {
  await target.insert('Enterprise', world.tax.enterprises);
}
