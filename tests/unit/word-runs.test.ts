// The word-run filter that rules quoted phrases out of documents: never a wrong "no" on real text, few wrong "yes".
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { mayHave, sequenceFilter, sequenceProbe, wordsOf } from '../../src/main/core/word-runs';

/** What the engine asks of a document's filter for a phrase of these words. */
const mayHaveSequence = (filter: Uint8Array, words: string[]) => mayHave(filter, sequenceProbe(words));

const shared = (path: string) => new URL(`../../../shared/${path}`, import.meta.url);

describe('word runs', () => {
  it('splits words as the phrase check does: letters and digits, lowercased, in any script', () => {
    expect(wordsOf('North Korea’s “gangster-like” demands, 2018')).toEqual(['north', 'korea', 's', 'gangster', 'like', 'demands', '2018']);
    expect(wordsOf('قال الرئيس إن')).toEqual(['قال', 'الرئيس', 'إن']);
  });

  it('says yes to every run of words of a real article, and no to most runs that are not there', async () => {
    const text = await readFile(shared('fixtures/diplomat-pompeo-kim-pyongyang.txt'), 'utf8');
    const words = wordsOf(text);
    const filter = sequenceFilter(words);
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
    // Measured: 0.1% (repeated pairs leave more bits to the others).
    expect(wronglyYes / absent).toBeLessThan(0.01);
  });

  it('says no to most runs of three whose two pairs are there but not the three in a row', async () => {
    const words = wordsOf(await readFile(shared('fixtures/diplomat-pompeo-kim-pyongyang.txt'), 'utf8'));
    const filter = sequenceFilter(words);
    const triples = new Set(words.slice(2).map((w, i) => `${words[i]} ${words[i + 1]} ${w}`));
    // Every pair of the text joined to every pair that begins with its second word: "of the" + "the visit".
    const after = new Map<string, string[]>();
    for (let i = 1; i < words.length; i++) after.set(words[i - 1], [...(after.get(words[i - 1]) ?? []), words[i]]);
    let absent = 0;
    let wronglyYes = 0;
    for (let i = 1; i < words.length; i++) {
      for (const third of new Set(after.get(words[i]) ?? [])) {
        const run = [words[i - 1], words[i], third];
        if (triples.has(run.join(' '))) continue;
        absent++;
        if (mayHaveSequence(filter, run)) wronglyYes++;
      }
    }
    expect(absent).toBeGreaterThan(1000);
    expect(wronglyYes / absent).toBeLessThan(0.01);
  });

  it('has nothing to rule out for a single word', () => {
    expect(mayHaveSequence(sequenceFilter([]), ['alone'])).toBe(true);
  });
});
