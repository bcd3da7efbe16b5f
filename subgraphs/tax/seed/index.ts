import type { World } from '../../shared/demo-world/index.js';
import type { SeedTarget } from '../../shared/seeding.js';

/**
 * The tax bureau's slice of the demo world: the enterprise registry, the large-enterprise team's liaison
 * assignments and a few internal notes on the showcase enterprise.
 */
export async function seedTax(target: SeedTarget, world: World): Promise<void> {
  await target.insert('Enterprise', world.tax.enterprises);
  await target.insert('LiaisonAssignment', world.tax.liaisonAssignments);
  await target.insert('InternalNote', world.tax.internalNotes);
}
