// The word-pair filter that rules quoted phrases out of articles: never a wrong "no" on real text, few wrong "yes".
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { mayHaveSequence, pairFilter, wordsOf } from '../../src/main/core/word-pairs';

const shared = (path: string) => new URL(`../../../shared/${path}`, import.meta.url);

describe('word pairs', () => {
  it('splits words as the phrase check does: letters and digits, lowercased, in any script', () => {
    expect(wordsOf('North Korea’s “gangster-like” demands, 2018')).toEqual(['north', 'korea', 's', 'gangster', 'like', 'demands', '2018']);
    expect(wordsOf('قال الرئيس إن')).toEqual(['قال', 'الرئيس', 'إن']);
  });

  it('says yes to every run of words of a real article, and no to most runs that are not there', async () => {
    const text = await readFile(shared('fixtures/diplomat-pompeo-kim-pyongyang.txt'), 'utf8');
    const words = wordsOf(text);
    const filter = pairFilter(words);
    for (let i = 0; i + 3 <= words.length; i++) expect(mayHaveSequence(filter, words.slice(i, i + 3))).toBe(true);
    const present = new Set(words.slice(1).map((w, i) => `${words[i]} ${w}`));
    let absent = 0;
    let wronglyYes = 0;
    for (let i = 0; i < words.length; i += 3) {
      for (let j = 7; j < words.length; j += 41) {
        const pair = [words[i], words[(i + j) % words.length]];
        if (present.has(pair.join(' '))) continue;
        absent++;
        if (mayHaveSequence(filter, pair)) wronglyYes++;
      }
    }
    expect(absent).toBeGreaterThan(1000);
    expect(wronglyYes / absent).toBeLessThan(0.06);
  });

  it('has nothing to rule out for a single word', () => {
    expect(mayHaveSequence(pairFilter([]), ['alone'])).toBe(true);
  });
});
