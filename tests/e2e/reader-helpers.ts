// What a user does in the reader, as test steps.
import type { FileChooser, Page } from '@playwright/test';

/** Selects `text` in the reader the way a mouse drag would: a DOM selection over exactly those characters. */
export async function selectInReader(page: Page, text: string): Promise<void> {
  await page.locator('.article-body .tiptap').waitFor();
  // A reader still loading (its annotations, its suggestions) may redraw the text under a selection made now.
  await page.waitForLoadState('networkidle');
  for (let attempt = 0; attempt < 5; attempt++) {
    await selectOnce(page, text);
    // Two frames later the selection must still cover the whole text, or the text was redrawn: select again.
    const held = await page.evaluate(
      () => new Promise<string>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(window.getSelection()?.toString() ?? '')))),
    );
    if (held.replace(/\s+/g, ' ') === text.replace(/\s+/g, ' ')) return;
  }
}

async function selectOnce(page: Page, text: string): Promise<void> {
  await page.evaluate((wanted) => {
    // Highlights split the text into several DOM text nodes: look across them, block by block.
    const root = document.querySelector('.article-body .tiptap')!;
    for (const block of Array.from(root.querySelectorAll('p, h1, h2, h3, h4, h5, h6, li, pre'))) {
      const nodes: Text[] = [];
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
      const at = nodes.map((n) => n.data).join('').indexOf(wanted);
      if (at === -1) continue;
      const locate = (offset: number, preferNext: boolean) => {
        let rest = offset;
        for (const [i, node] of nodes.entries()) {
          if (rest < node.length || (rest === node.length && !(preferNext && i + 1 < nodes.length))) return { node, offset: rest };
          rest -= node.length;
        }
        throw new Error('offset outside the block');
      };
      const start = locate(at, true);
      const end = locate(at + wanted.length, false);
      const range = document.createRange();
      range.setStart(start.node, start.offset);
      range.setEnd(end.node, end.offset);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      (block as HTMLElement).scrollIntoView({ block: 'center' });
      return;
    }
    throw new Error(`"${wanted}" is not in the reader`);
  }, text);
}

/** Selects a passage, annotates it with the keyboard shortcut, writes a note and closes the editor. */
export async function annotate(page: Page, quote: string, note: string): Promise<void> {
  await selectInReader(page, quote);
  await page.keyboard.press('a');
  const editor = page.getByRole('form', { name: 'Annotation' });
  await editor.getByRole('textbox', { name: 'Note' }).fill(note);
  await editor.getByRole('button', { name: 'Done' }).click();
  await editor.waitFor({ state: 'detached' });
}

/** Imports files as a user does: the Import… button, then the system's file picker. */
export async function importThroughPicker(page: Page, files: Parameters<FileChooser['setFiles']>[0]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import…' }).click();
  await (await chooser).setFiles(files);
}
