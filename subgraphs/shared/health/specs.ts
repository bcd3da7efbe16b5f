import type { IndicatorDefinition } from './catalogue.js';
import { indicator, type HealthIndicator } from './indicators.js';

/**
 * The indicator of a catalogue definition for one value, with the note saying what the value rests
 * on: the one way the agencies' subgraphs build theirs (names and thresholds from the catalogue).
 */
export function measure(
  definition: IndicatorDefinition,
  value: number,
  note: string,
  asOf: Date,
): HealthIndicator {
  const { rule, ...fields } = definition;
  return indicator({ ...fields, note }, value, rule, asOf);
}

/** Every indicator of an agency at zero, for an enterprise the agency holds no record of (the note says so). */
export function noRecordIndicators(
  definitions: readonly IndicatorDefinition[],
  note: string,
  asOf: Date,
): HealthIndicator[] {
  return definitions.map((definition) => measure(definition, 0, note, asOf));
}

/** A count with its English noun: `1 open case`, `2 open cases`. */
export const counted = (n: number, noun: string, plural = `${noun}s`): string =>
  `${n} ${n === 1 ? noun : plural}`;
