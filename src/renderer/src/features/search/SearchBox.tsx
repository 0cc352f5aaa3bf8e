// The search field in the top bar: "/" focuses it, typing shows results as you type.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useCommands } from '../../hooks/use-commands';
import { hrefs, navigate } from '../../hooks/use-route';

export function SearchBox({ query }: { query: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState(query);
  useEffect(() => setValue(query), [query]);
  const commands = useMemo(() => [{ id: 'search', title: 'Search the library', shortcut: '/', run: () => input.current?.focus() }], []);
  useCommands('search', commands);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.key !== '/' || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable) return;
      event.preventDefault();
      input.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <input
      ref={input}
      type="search"
      className="search-box"
      aria-label="Search the library"
      aria-keyshortcuts="/"
      placeholder="Search  /"
      value={value}
      onChange={(e) => {
        setValue(e.target.value);
        if (!e.target.value.trim()) return;
        // The results follow the typing: the first key opens the results, later ones replace them, so that
        // Back returns to where the search began.
        if (query) window.location.replace(hrefs.search(e.target.value));
        else navigate(hrefs.search(e.target.value));
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          setValue('');
          input.current?.blur();
        }
      }}
    />
  );
}
