// The brief's annotations in the analyst's order: dragged with the mouse, or moved with Alt+↑ and Alt+↓ on
// the one in focus (which keeps the focus as it moves). Each move is said aloud for screen readers.
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';

export interface OrderItem {
  id: string;
  quote: string;
  article: string;
}

export function OrderList({ items, onOrder }: { items: OrderItem[]; onOrder(ids: string[]): void }) {
  const [dragged, setDragged] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const listRef = useRef<HTMLOListElement>(null);
  const keepFocus = useRef<string | null>(null);

  useEffect(() => {
    if (!keepFocus.current) return;
    listRef.current?.querySelector<HTMLElement>(`[data-id="${CSS.escape(keepFocus.current)}"]`)?.focus();
    keepFocus.current = null;
  }, [items]);

  const move = (id: string, to: number) => {
    const ids = items.map((i) => i.id).filter((x) => x !== id);
    const at = Math.max(0, Math.min(ids.length, to));
    ids.splice(at, 0, id);
    keepFocus.current = id;
    onOrder(ids);
    setAnnouncement(`Moved to position ${at + 1} of ${ids.length}.`);
  };

  const onKey = (event: KeyboardEvent<HTMLLIElement>, index: number, id: string) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    move(id, index + (event.key === 'ArrowUp' ? -1 : 1));
  };
  const onDrop = (event: DragEvent<HTMLLIElement>, index: number) => {
    event.preventDefault();
    if (dragged) move(dragged, index);
    setDragged(null);
  };

  return (
    <section className="order-list" aria-label="Order of the passages">
      <p className="muted">
        Drag the passages into order, or move the one in focus with <kbd>Alt</kbd>+<kbd>↑</kbd> and <kbd>Alt</kbd>+<kbd>↓</kbd>.
      </p>
      <ol ref={listRef} aria-label="Passages in the brief’s order">
        {items.map((item, index) => (
          <li
            key={item.id}
            data-id={item.id}
            tabIndex={0}
            draggable
            aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
            className={dragged === item.id ? 'dragging' : undefined}
            onKeyDown={(e) => onKey(e, index, item.id)}
            onDragStart={(e) => {
              setDragged(item.id);
              e.dataTransfer.effectAllowed = 'move';
              // Firefox and Chromium start a drag only with some data.
              e.dataTransfer.setData('application/x-dossier-annotation', item.id);
            }}
            onDragOver={(e) => {
              if (!dragged) return;
              e.preventDefault();
              // The drop zone of the window must not see this as an import.
              e.stopPropagation();
            }}
            onDrop={(e) => {
              e.stopPropagation();
              onDrop(e, index);
            }}
            onDragEnd={() => setDragged(null)}
          >
            <span className="order-quote">“{item.quote}”</span> <span className="muted">— {item.article}</span>
          </li>
        ))}
      </ol>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
    </section>
  );
}
