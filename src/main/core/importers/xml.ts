// Small XML helpers for the metadata files inside DOCX and EPUB containers (core.xml, container.xml, OPF).
import { DOMParser } from 'linkedom';

export function parseXml(text: string): Document {
  return new DOMParser().parseFromString(text, 'text/xml') as unknown as Document;
}

/** linkedom's XML parser is not namespace-aware: an element's name keeps whatever prefix the file used
 * ("dc:title", "opf:item" or plain "item"), so elements are matched by the name after the prefix. */
const localName = (element: Element) => element.tagName.slice(element.tagName.indexOf(':') + 1).toLowerCase();

/** Descendants of `root` with the given local name, in document order. */
export function elementsByName(root: Document | Element, name: string): Element[] {
  const wanted = name.toLowerCase();
  const found: Element[] = [];
  // A walk of our own: linkedom's getElementsByTagName('*') finds nothing in XML documents.
  const stack: Element[] = Array.from(root.children).reverse();
  while (stack.length > 0) {
    const element = stack.pop()!;
    if (localName(element) === wanted) found.push(element);
    for (let i = element.children.length - 1; i >= 0; i--) stack.push(element.children[i]);
  }
  return found;
}

/** The text of the first descendant with this local name, whitespace collapsed; null if none or empty. */
export function textOf(root: Document | Element, name: string): string | null {
  for (const element of elementsByName(root, name)) {
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text !== '') return text;
  }
  return null;
}
