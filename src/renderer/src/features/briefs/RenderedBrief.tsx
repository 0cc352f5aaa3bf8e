// The brief as its readers will see it: the Markdown rendered by a CommonMark parser with GitHub-style
// footnotes, raw HTML left as text and the result sanitised. Links show where they go but never navigate.
import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { useMemo, type MouseEvent } from 'react';

const markdownIt = new MarkdownIt({ html: false, linkify: false }).use(footnote);

/** The YAML front matter and the body of a brief, apart: the front matter is data, not prose. */
export function splitFrontMatter(markdown: string): { frontMatter: string | null; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
  return match ? { frontMatter: match[1], body: markdown.slice(match[0].length) } : { frontMatter: null, body: markdown };
}

function stayHere(event: MouseEvent<HTMLElement>): void {
  const link = (event.target as HTMLElement).closest('a');
  if (!link) return;
  event.preventDefault();
  // Footnote links move within the preview.
  const id = link.getAttribute('href')?.startsWith('#') ? link.getAttribute('href')!.slice(1) : null;
  if (id) event.currentTarget.querySelector(`[id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'center' });
}

export function RenderedBrief({ markdown }: { markdown: string }) {
  const { frontMatter, html } = useMemo(() => {
    const parts = splitFrontMatter(markdown);
    return { frontMatter: parts.frontMatter, html: DOMPurify.sanitize(markdownIt.render(parts.body)) };
  }, [markdown]);
  return (
    <article className="rendered-brief" aria-label="Rendered preview" tabIndex={0} onClickCapture={stayHere} onAuxClickCapture={stayHere}>
      {frontMatter && (
        <details className="front-matter">
          <summary>Front matter</summary>
          <pre>{frontMatter}</pre>
        </details>
      )}
      <div dangerouslySetInnerHTML={{ __html: html }} />
    </article>
  );
}
