import { badInput } from '../../../core/errors.js';

/**
 * An extension entity resolves to its representation; its added fields load through DataLoaders.
 * The representation is checked here because `_entities` can be called directly with any JSON, and a
 * missing key would otherwise reach DataLoader as `undefined` (an internal error instead of a 400).
 */
export function checkedReference<K extends string, R extends Record<K, string>>(reference: R, key: K): R {
  const value: unknown = reference[key];
  if (typeof value !== 'string' || value.length === 0) {
    throw badInput(
      `实体引用缺少键字段 ${key} (the entity representation lacks its key field ${key})`,
      'representations',
    );
  }
  return reference;
}
