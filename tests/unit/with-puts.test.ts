import { describe, expect, it } from 'vitest';
import { withPuts } from '../../src/shared/with-puts';

const item = (title: string) => ({ id: title, title });

describe('withPuts', () => {
  it('puts a known id in its place and a new one at the end, for a few changes and for many', () => {
    const [a, b, c] = ['a', 'b', 'c'].map((t) => item(t));
    const b2 = { ...b, title: 'b2' };
    expect(withPuts([a, b], [b2, c]).map((x) => x.title)).toEqual(['a', 'b2', 'c']);
    const many = Array.from({ length: 20 }, (_, i) => item(`n${i}`));
    const next = withPuts([a, b], [...many, b2, { ...many[3], title: 'n3 again' }]);
    expect(next.map((x) => x.title)).toEqual(['a', 'b2', ...many.map((m, i) => (i === 3 ? 'n3 again' : m.title))]);
    const unchanged = [a];
    expect(withPuts(unchanged, [])).toBe(unchanged);
  });
});
