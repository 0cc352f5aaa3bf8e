// The index on its own: every word across title and body, the last word as a prefix, updates and removals,
// and the saved file read back.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SearchEngine, type Doc } from '../../src/main/core/search-engine';

const article = (id: string, title: string, text: string, tags = ''): Doc => ({ id: `a:${id}`, kind: 'article', refId: id, articleId: id, title, text, tags });
const note = (id: string, articleId: string, quote: string, text: string): Doc => ({ id: `n:${id}`, kind: 'annotation', refId: id, articleId, title: quote, text, tags: '' });
const found = (engine: SearchEngine, words: string) => engine.search(words).candidates.map((c) => c.refId);

function library(): SearchEngine {
  const engine = new SearchEngine();
  engine.put([
    article('seed', 'Pompeo in Pyongyang', 'North Korea called the demands “gangster-like” after the visit.'),
    article('bbc', 'Obama on gun control', 'The president spoke of firearms and Congress.', 'usa'),
    article('ar', 'مقال', 'قال الرئيس إن المفاوضات مستمرة'),
  ]);
  return engine;
}

describe('the search engine', () => {
  it('matches every word, in the title, the tags or the body', () => {
    const engine = library();
    expect(found(engine, 'gangster demands')).toEqual(['seed']);
    expect(found(engine, 'Pompeo gangster')).toEqual(['seed']);
    expect(found(engine, 'usa firearms')).toEqual(['bbc']);
    expect(found(engine, 'gangster firearms')).toEqual([]);
    expect(found(engine, 'المفاوضات')).toEqual(['ar']);
  });

  it('ranks a word in the title above the same word in a body', () => {
    const engine = library();
    engine.put([article('other', 'Notes', 'A long text that mentions Pyongyang once.')]);
    expect(found(engine, 'pyongyang')).toEqual(['seed', 'other']);
  });

  it('expands the last word as a prefix from three letters, and folds case and accents', () => {
    const engine = library();
    expect(found(engine, 'Pyongy')).toEqual(['seed']);
    expect(found(engine, 'North Kor')).toEqual(['seed']);
    expect(found(engine, 'Py')).toEqual([]);
    engine.put([article('zurich', 'Zürich', 'A city.')]);
    expect(found(engine, 'zurich')).toEqual(['zurich']);
    expect(engine.search('firea').terms).toContain('firearms');
    // A word finished (followed by a space or a closing quote) stands for itself alone.
    expect(engine.search('firea', [], false).candidates).toEqual([]);
    expect(engine.search('firearms', [], false).terms).toEqual(['firearms']);
  });

  it('leaves out articles that have the words of a phrase but not one after another', () => {
    const engine = library();
    const phrase = (p: string) => engine.search(p, [p]).candidates.map((c) => c.refId);
    expect(phrase('the demands gangster like')).toEqual(['seed']);
    expect(phrase('gangster like demands')).toEqual([]);
    expect(phrase('Pompeo in Pyongyang')).toEqual(['seed']);
    expect(phrase('Pyongyang Pompeo')).toEqual([]);
    engine.put([article('seed', 'Kim meets Pompeo', 'North Korea called the demands “gangster-like” after the visit.')]);
    expect(phrase('kim meets')).toEqual(['seed']);
    // Annotations too: their quote and note, the words in order.
    engine.setAnnotations('bbc', [note('n1', 'bbc', 'spoke of firearms', 'Congress again')]);
    expect(phrase('spoke of firearms')).toEqual(['n1', 'bbc']);
    expect(phrase('firearms again')).toEqual([]);
    expect(phrase('firearms congress')).toEqual(['n1']);
  });

  it('replaces a changed title without indexing the body again, and forgets what was removed', () => {
    const engine = library();
    engine.put([article('bbc', 'Presidential frustration', 'The president spoke of firearms and Congress.')]);
    expect(found(engine, 'Obama')).toEqual([]);
    expect(found(engine, 'frustration firearms')).toEqual(['bbc']);
    engine.setAnnotations('seed', [note('n1', 'seed', 'gangster-like', 'Rhetorical escalation'), note('n2', 'seed', 'the visit', 'Trip')]);
    expect(found(engine, 'escalation')).toEqual(['n1']);
    engine.setAnnotations('seed', [note('n2', 'seed', 'the visit', 'Second trip')]);
    expect(found(engine, 'escalation')).toEqual([]);
    expect(found(engine, 'second trip')).toEqual(['n2']);
    engine.remove('article', 'seed');
    expect(found(engine, 'trip')).toEqual([]);
    expect(found(engine, 'gangster')).toEqual([]);
  });

  it('reads back what it saved, and takes changes after that', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dossier-engine-'));
    try {
      const engine = library();
      engine.setAnnotations('seed', [note('n1', 'seed', 'gangster-like', 'Rhetorical escalation')]);
      expect(await engine.save(join(dir, 'index.json'), 42)).toBe(true);
      const restored = new SearchEngine();
      expect(await restored.restore(join(dir, 'index.json'))).toEqual({ journalBytes: 42, articleIds: ['seed', 'bbc', 'ar'], entityIds: [] });
      expect(found(restored, 'gangster')).toEqual(['n1', 'seed']);
      expect(found(restored, 'Pyongy')).toEqual(['seed']);
      restored.setAnnotations('seed', []);
      restored.put([article('new', 'Fresh', 'Brand new words')]);
      expect(found(restored, 'escalation')).toEqual([]);
      expect(found(restored, 'brand')).toEqual(['new']);
      expect(await new SearchEngine().restore(join(dir, 'missing.json'))).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
