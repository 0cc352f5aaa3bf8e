import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { dispatch } from '../../src/main/core/dispatch';
import { api, type ArticleListItem, type Handlers } from '../../src/shared/api';

const item = (id: string, annotationCount = 0): ArticleListItem => ({
  id,
  title: `Article ${id}`,
  byline: null,
  siteName: null,
  url: null,
  publishedAt: null,
  clippedAt: '2026-12-05T10:00:00.000Z',
  lang: null,
  dir: null,
  wordCount: 10,
  tags: [],
  previousVersionId: null,
  annotationCount,
});

describe('dispatch', () => {
  afterEach(() => vi.restoreAllMocks());

  it('checks an output against the contract once for a value its handler hands out again, a list item by item', async () => {
    const [a, b] = [item('aaaaaaaaaaaaaaaa'), item('bbbbbbbbbbbbbbbb', 2)];
    let list = [a, b];
    const handlers = { 'articles.list': async () => list } as unknown as Handlers;
    const check = vi.spyOn((api['articles.list'].output as z.ZodArray<z.ZodType>).element, 'parse');

    const first = await dispatch(handlers, 'articles.list', {});
    expect(first).toEqual({ ok: true, value: list });
    expect(await dispatch(handlers, 'articles.list', {})).toEqual(first);
    expect(check).toHaveBeenCalledTimes(2);

    // The list made again with one new item (a count changed): only that item is checked.
    list = [a, item('bbbbbbbbbbbbbbbb', 3)];
    expect(await dispatch(handlers, 'articles.list', {})).toEqual({ ok: true, value: list });
    expect(check).toHaveBeenCalledTimes(3);
    // An item that breaks the contract is an error, not sent on, each time it is handed out.
    list = [a, { ...item('cccccccccccccccc'), annotationCount: -1 }];
    expect(await dispatch(handlers, 'articles.list', {})).toMatchObject({ ok: false });
    expect(await dispatch(handlers, 'articles.list', {})).toMatchObject({ ok: false });
    expect(check).toHaveBeenCalledTimes(5);
  });
});
