// @-mentions of entities in a note: typing "@" lists matching people, organisations, places and events.
import Mention from '@tiptap/extension-mention';
import type { SuggestionKeyDownProps, SuggestionProps } from '@tiptap/suggestion';
import type { Entity } from '../../../../../../shared/model';
import { MENTION_NODE } from '../../../../../../shared/note';

const MAX_ITEMS = 8;

/** The list under the caret, drawn with plain DOM: it lives outside React, as the suggestion plugin does. */
function suggestionList() {
  let root: HTMLUListElement | null = null;
  let active = 0;
  let current: SuggestionProps<Entity> | null = null;

  const draw = () => {
    if (!root || !current) return;
    root.replaceChildren(
      ...current.items.map((entity, i) => {
        const li = document.createElement('li');
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', String(i === active));
        li.className = i === active ? 'active' : '';
        li.textContent = `${entity.name} · ${entity.type}`;
        li.addEventListener('mousedown', (e) => {
          e.preventDefault();
          current?.command({ id: entity.id, label: entity.name });
        });
        return li;
      }),
    );
    if (current.items.length === 0) {
      const li = document.createElement('li');
      li.className = 'muted';
      li.textContent = 'No entity matches: create it in “Linked to” first.';
      root.append(li);
    }
    const rect = current.clientRect?.();
    if (rect) {
      root.style.left = `${rect.left + window.scrollX}px`;
      root.style.top = `${rect.bottom + window.scrollY + 4}px`;
    }
  };

  return {
    onStart(props: SuggestionProps<Entity>) {
      current = props;
      active = 0;
      root = document.createElement('ul');
      root.className = 'options mention-list';
      root.setAttribute('role', 'listbox');
      root.setAttribute('aria-label', 'Mention an entity');
      document.body.append(root);
      draw();
    },
    onUpdate(props: SuggestionProps<Entity>) {
      current = props;
      active = Math.min(active, Math.max(0, props.items.length - 1));
      draw();
    },
    onKeyDown({ event }: SuggestionKeyDownProps): boolean {
      if (!current) return false;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        const n = current.items.length;
        if (n) active = (active + (event.key === 'ArrowDown' ? 1 : n - 1)) % n;
        draw();
        return true;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        const entity = current.items[active];
        if (entity) current.command({ id: entity.id, label: entity.name });
        return !!entity;
      }
      return false;
    },
    onExit() {
      root?.remove();
      root = null;
      current = null;
    },
  };
}

/** `entities` is read on every keystroke, so that entities created meanwhile can be mentioned. */
export function entityMention(entities: () => Entity[]) {
  return Mention.extend({ name: MENTION_NODE }).configure({
    HTMLAttributes: { class: 'mention' },
    renderText: ({ node }) => `@${node.attrs.label ?? node.attrs.id}`,
    suggestion: {
      char: '@',
      items: ({ query }) => {
        const q = query.toLocaleLowerCase();
        return entities()
          .filter((e) => [e.name, ...e.aliases].some((n) => n.toLocaleLowerCase().includes(q)))
          .slice(0, MAX_ITEMS);
      },
      render: suggestionList,
    },
  });
}
