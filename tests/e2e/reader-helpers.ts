// What a user does in the reader, as test steps.
import type { Page } from '@playwright/test';

/** Selects `text` in the reader the way a mouse drag would: a DOM selection over exactly those characters. */
export async function selectInReader(page: Page, text: string): Promise<void> {
  await page.locator('.article-body .tiptap').waitFor();
  await page.evaluate((wanted) => {
    const root = document.querySelector('.article-body .tiptap')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(wanted);
      if (at === -1) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      node.parentElement!.scrollIntoView({ block: 'center' });
      return;
    }
    throw new Error(`"${wanted}" is not in the reader`);
  }, text);
}

/** Selects a passage, annotates it with the keyboard shortcut and a note, and saves. */
export async function annotate(page: Page, quote: string, note: string): Promise<void> {
  await selectInReader(page, quote);
  await page.keyboard.press('a');
  const editor = page.getByRole('form', { name: 'Annotation' });
  await editor.getByLabel('Note').fill(note);
  await editor.getByRole('button', { name: 'Save annotation' }).click();
  await editor.waitFor({ state: 'detached' });
}
