// Draws annotations over the article as decorations: the stored body is never modified.
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

export interface HighlightRange {
  /** ProseMirror positions. */
  from: number;
  to: number;
  id: string;
  className: string;
}

export const annotationHighlightsKey = new PluginKey<DecorationSet>('annotationHighlights');

export const AnnotationHighlights = Extension.create({
  name: 'annotationHighlights',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: annotationHighlightsKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, set) {
            const ranges = tr.getMeta(annotationHighlightsKey) as HighlightRange[] | undefined;
            if (ranges) {
              return DecorationSet.create(
                tr.doc,
                ranges.map((r) => Decoration.inline(r.from, r.to, { class: r.className, 'data-annotation-id': r.id })),
              );
            }
            return set.map(tr.mapping, tr.doc);
          },
        },
        props: {
          decorations: (state) => annotationHighlightsKey.getState(state),
        },
      }),
    ];
  },
});
