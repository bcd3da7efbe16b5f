import DataLoader from 'dataloader';

/** One indicator group's facts about an enterprise, and when they were read. */
export interface Computed<T> {
  /** The moment the batch was read: the indicators' `asOf`, and the "now" their windows count from. */
  asOf: Date;
  facts: T;
}

/**
 * The DataLoader of one indicator group, keyed by credit code: every enterprise asked for in one tick
 * of one request is read by one call of `read` (one statement with `= any(?)`), whatever their number.
 * `read` returns facts only for the enterprises it found rows of; the others get `empty`.
 */
export function indicatorGroupLoader<T>(
  read: (creditCodes: string[], now: Date) => Promise<Map<string, T>>,
  empty: T,
): DataLoader<string, Computed<T>> {
  return new DataLoader(async (creditCodes) => {
    const asOf = new Date();
    const found = await read([...creditCodes], asOf);
    return creditCodes.map((code) => ({ asOf, facts: found.get(code) ?? empty }));
  });
}
