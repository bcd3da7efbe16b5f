import type { NearbyPoint } from '../nearest.js';

/** `NearbyServicePoint` is the row and its distance as `nearestServicePoints` computed them. */
export type NearbyServicePointParent = NearbyPoint;
