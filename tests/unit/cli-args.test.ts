import { describe, expect, it } from 'vitest';
import { newId } from '../../src/main/core/ids';
import { parseCommandLine } from '../../src/main/hosts/cli';
import { IdSchema } from '../../src/shared/model';

describe('ids on the command line', () => {
  it('new ids never start with a dash or an underscore, and are valid ids', () => {
    for (let i = 0; i < 5000; i++) {
      const id = newId();
      expect(id).toMatch(/^[A-Za-z0-9]/);
      expect(IdSchema.safeParse(id).success).toBe(true);
    }
  });

  it('an id that starts with a dash is a positional, in its place among the others', () => {
    const { positionals, values } = parseCommandLine(['annotate', '-9TRJKqOB0fRZlqi', '--quote', 'gangster-like', '--json']);
    expect(positionals).toEqual(['annotate', '-9TRJKqOB0fRZlqi']);
    expect(values.quote).toBe('gangster-like');
    expect(values.json).toBe(true);
    expect(parseCommandLine(['search', '-word', 'other']).positionals).toEqual(['search', '-word', 'other']);
  });

  it('a value that starts with a dash belongs to the option before it', () => {
    const { values } = parseCommandLine(['brief', '--article', '-9TRJKqOB0fRZlqi', '--article', 'abcdefgh', '--quote', '-- not this']);
    expect(values.article).toEqual(['-9TRJKqOB0fRZlqi', 'abcdefgh']);
    expect(values.quote).toBe('-- not this');
  });

  it('options and -h still work, and an unknown option is still refused', () => {
    expect(parseCommandLine(['-h']).values.help).toBe(true);
    expect(parseCommandLine(['list', '--', '-x']).positionals).toEqual(['list', '-x']);
    expect(() => parseCommandLine(['list', '--nonsense'])).toThrow(/nonsense/);
  });
});
