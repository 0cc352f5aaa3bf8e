// The rich-text note of an annotation, with @-mentions of entities.
import { useEffect, useRef } from 'react';
import { EditorContent, useEditor } from '@tiptap/react';
import { Extension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import type { DocNode } from '../../../../shared/model';
import { noteDocFromText } from '../../../../shared/note';
import { useLibrary } from '../../hooks/use-library';
import { entityMention } from './extensions/entity-mention/entity-mention';

// Ctrl/Cmd+Enter finishes the annotation (the form handles it); it must not also insert a line break.
const FinishKey = Extension.create({
  name: 'finishKey',
  priority: 1000,
  addKeyboardShortcuts: () => ({ 'Mod-Enter': () => true }),
});

export function NoteEditor({
  initial,
  plain,
  autoFocus,
  onChange,
}: {
  initial: DocNode | null;
  plain: string;
  autoFocus: boolean;
  onChange(doc: DocNode): void;
}) {
  const { entities } = useLibrary();
  const entitiesRef = useRef(entities);
  entitiesRef.current = entities;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  const editor = useEditor({
    extensions: [
      StarterKit.configure({ heading: false, codeBlock: false, horizontalRule: false, link: false, blockquote: false }),
      entityMention(() => entitiesRef.current),
      FinishKey,
    ],
    content: initial ?? (plain ? noteDocFromText(plain) : ''),
    // The editor's base styles come from prosemirror.css (main.tsx): the page's policy allows no inline <style>.
    injectCSS: false,
    editorProps: {
      attributes: { 'aria-label': 'Note', role: 'textbox', 'aria-multiline': 'true', class: 'note-editor' },
    },
    onUpdate: ({ editor: e }) => onChangeRef.current(e.getJSON() as DocNode),
  });

  useEffect(() => {
    if (autoFocus) editor?.commands.focus('end');
  }, [editor, autoFocus]);

  return <EditorContent editor={editor} />;
}
