// The TipTap extensions that define an article body's schema: the importer parses HTML with them and the
// reader renders with them, so both sides always agree on what a document may contain.
import StarterKit from '@tiptap/starter-kit';

export const documentExtensions = [
  StarterKit.configure({
    undoRedo: false,
    dropcursor: false,
    gapcursor: false,
    trailingNode: false,
    link: {
      openOnClick: false,
      autolink: false,
      linkOnPaste: false,
      protocols: [],
      isAllowedUri: (url) => /^(https?:|mailto:)/i.test(url),
      HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
    },
  }),
];

