// Ctrl/Cmd+K: every command of the app, found by typing, run with Enter.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useCommandRegistry, type Command } from '../../hooks/use-commands';
import { OPEN_PALETTE_EVENT } from '../../hooks/use-menu';

/** Every word of the query appears in the title, in any order. */
function matches(command: Command, words: string[]): boolean {
  const title = command.title.toLocaleLowerCase();
  return words.every((word) => title.includes(word));
}

export function CommandPalette() {
  const { commands } = useCommandRegistry();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const returnFocus = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const toggle = () => {
      returnFocus.current = document.activeElement as HTMLElement | null;
      setQuery('');
      setActive(0);
      setOpen((o) => !o);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey) && !event.altKey) {
        event.preventDefault();
        toggle();
      }
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener(OPEN_PALETTE_EVENT, toggle);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener(OPEN_PALETTE_EVENT, toggle);
    };
  }, []);

  // Looked through only while the palette is open: at 10,000 articles the list is long.
  const shown = useMemo(() => {
    if (!open) return [];
    const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    const found = commands.filter((c) => matches(c, words));
    // The current view's commands first, then the app's, then the "go to" ones.
    const rank = (c: Command) => (c.group === 'view' ? 0 : c.group === 'go' ? 2 : 1);
    return found.sort((a, b) => rank(a) - rank(b)).slice(0, 50);
  }, [commands, query, open]);

  if (!open) return null;

  const close = () => {
    setOpen(false);
    returnFocus.current?.focus?.();
  };
  const run = (command: Command | undefined) => {
    if (!command) return;
    setOpen(false);
    command.run();
  };

  return (
    <div className="palette-backdrop" onMouseDown={close}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette" onMouseDown={(e) => e.stopPropagation()}>
        <input
          autoFocus
          role="combobox"
          aria-label="Type a command"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={shown[active] ? `${listId}-${active}` : undefined}
          placeholder="Type a command…"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((a) => Math.min(a + 1, shown.length - 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(a - 1, 0));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              run(shown[active]);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              close();
            }
          }}
        />
        <ul id={listId} role="listbox" aria-label="Commands" className="options">
          {shown.length === 0 && <li className="muted">No command matches.</li>}
          {shown.map((command, i) => (
            <li
              key={command.id}
              id={`${listId}-${i}`}
              role="option"
              data-command={command.id}
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onClick={() => run(command)}
            >
              <span>{command.title}</span>
              {command.shortcut && <kbd>{command.shortcut}</kbd>}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
