// The gateway sends each distinct entity reference once and spreads the answer back over every position
// that asked for it, errors included.
import { describe, expect, it } from 'vitest';
import { uniqueRepresentations } from '../../gateway/datasource.js';

const point = (id: string) => ({ __typename: 'ServicePoint', id });

describe('uniqueRepresentations', () => {
  it('sends a repeated reference once and answers every position with it', () => {
    const { variables, spread } = uniqueRepresentations({
      representations: [point('a'), point('b'), point('a'), point('a')],
      other: 1,
    });
    expect(variables).toEqual({ representations: [point('a'), point('b')], other: 1 });
    const answer = spread({ data: { _entities: [{ name: 'A' }, { name: 'B' }] } });
    expect(answer.data!._entities).toEqual([{ name: 'A' }, { name: 'B' }, { name: 'A' }, { name: 'A' }]);
  });

  it('moves an error at a sent reference to every position that asked for it', () => {
    const { spread } = uniqueRepresentations({ representations: [point('a'), point('b'), point('b')] });
    const answer = spread({
      data: { _entities: [{ name: 'A' }, null] },
      errors: [
        { message: 'forbidden', path: ['_entities', 1, 'name'] },
        { message: 'elsewhere', path: ['other'] },
      ],
    });
    expect(answer.data!._entities).toEqual([{ name: 'A' }, null, null]);
    expect(answer.errors!.map((e) => [e.message, e.path])).toEqual([
      ['forbidden', ['_entities', 1, 'name']],
      ['forbidden', ['_entities', 2, 'name']],
      ['elsewhere', ['other']],
    ]);
  });

  it('leaves distinct references and requests without them as they are', () => {
    const distinct = { representations: [point('a'), point('b')] };
    expect(uniqueRepresentations(distinct).variables).toBe(distinct);
    const plain = { creditCode: 'x' };
    expect(uniqueRepresentations(plain).variables).toBe(plain);
    const response = { data: { enterprise: null } };
    expect(uniqueRepresentations(plain).spread(response)).toBe(response);
  });
});
