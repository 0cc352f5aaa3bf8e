// Reading with the keyboard and colours: J/K between annotations, a colour per highlight.
import { readFile } from 'node:fs/promises';
import { expect, seedFile, test } from './fixtures';
import { importThroughPicker, selectInReader } from './reader-helpers';

const FIRST = 'U.S. Secretary of State Mike Pompeo met North Korean leader Kim Jong Un';
const SECOND = 'North Korea accused Pompeo of expressing “gangster-like” demands in a statement after the visit.';

test('highlights take the colour the user picks, and J/K move between annotations', async ({ page, host }) => {
  await page.goto(host.url);
  await importThroughPicker(page, { name: 'diplomat.txt', mimeType: 'text/plain', buffer: await readFile(seedFile) });

  for (const [quote, color] of [[FIRST, 'yellow'], [SECOND, 'green']] as const) {
    await selectInReader(page, quote);
    await page.keyboard.press('a');
    const editor = page.getByRole('form', { name: 'Annotation' });
    await editor.getByRole('radio', { name: color }).check();
    await editor.getByRole('textbox', { name: 'Note' }).press('Control+Enter');
    await editor.waitFor({ state: 'detached' });
  }
  // Lists, not single texts: each colour's highlights are exactly these (and the check waits for redraws).
  await expect(page.locator('.article-body .highlight-yellow')).toHaveText([FIRST]);
  await expect(page.locator('.article-body .highlight-green')).toHaveText([SECOND]);

  const items = page.getByRole('list', { name: 'Annotations' }).getByRole('listitem');
  await page.locator('.article-body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('j');
  await expect(items.nth(0)).toHaveClass(/active/);
  await expect(items.nth(0).getByRole('button', { name: FIRST })).toBeFocused();
  await page.keyboard.press('j');
  await expect(items.nth(1)).toHaveClass(/active/);
  await expect(page.locator('.article-body .highlight-green')).toBeInViewport();
  await page.keyboard.press('k');
  await expect(items.nth(0)).toHaveClass(/active/);
  // L opens the link panel of that annotation.
  await page.keyboard.press('l');
  await expect(page.getByRole('combobox', { name: 'Link an entity' })).toBeFocused();
  await page.keyboard.type('Kim Jong Un');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('form', { name: 'Annotation' }).getByRole('list', { name: 'Linked entities' })).toContainText('Kim Jong Un');
  // Escape closes the editor; what was linked is saved.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('form', { name: 'Annotation' })).toHaveCount(0);
  await expect(items.nth(0).getByRole('link', { name: 'Kim Jong Un' })).toBeVisible();

  // Changing the colour of an existing annotation.
  await items.nth(0).getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('form', { name: 'Annotation' });
  await edit.getByRole('radio', { name: 'blue' }).check();
  await edit.getByRole('button', { name: 'Done' }).click();
  await expect(page.locator('.article-body .highlight-blue')).toHaveText([FIRST]);
});

test('every command is in the palette (Ctrl+K), and the keyboard reaches import and search', async ({ page, host }) => {
  await page.goto(host.url);
  // Ctrl+O opens the file picker.
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Control+o');
  await (await chooser).setFiles({ name: 'diplomat.txt', mimeType: 'text/plain', buffer: await readFile(seedFile) });
  await expect(page.locator('.article-body')).toContainText(SECOND);
  await selectInReader(page, SECOND);

  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await page.keyboard.press('Control+k');
  await expect(palette).toBeVisible();
  await expect(palette.getByRole('combobox', { name: 'Type a command' })).toBeFocused();
  await page.keyboard.type('annotate');
  await expect(palette.getByRole('option').first()).toContainText('Annotate the selected passage');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  const editor = page.getByRole('form', { name: 'Annotation' });
  await expect(editor.locator('blockquote')).toHaveText(SECOND);
  await editor.getByRole('textbox', { name: 'Note' }).press('Control+Enter');

  // Commands to go anywhere by name; Escape closes the palette.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('open article pompeo');
  await expect(palette.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();
  await page.keyboard.press('Control+k');
  await page.keyboard.type('new brief');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/brief/);
  await page.keyboard.press('Control+k');
  await page.keyboard.type('search');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('searchbox', { name: 'Search the library' })).toBeFocused();
});

test('notes are rich text with @-mentions that link entities, saved as typed and kept when the window closes', async ({ page, host }) => {
  await page.goto(host.url);
  await importThroughPicker(page, { name: 'diplomat.txt', mimeType: 'text/plain', buffer: await readFile(seedFile) });
  // An entity to mention, made the usual way on a first annotation.
  await selectInReader(page, FIRST);
  await page.keyboard.press('a');
  let editor = page.getByRole('form', { name: 'Annotation' });
  await page.getByRole('combobox', { name: 'Link an entity' }).fill('Stephen Biegun');
  await page.keyboard.press('Enter');
  await expect(editor.getByRole('list', { name: 'Linked entities' })).toContainText('Stephen Biegun');
  await editor.getByRole('button', { name: 'Done' }).click();

  await selectInReader(page, SECOND);
  await page.keyboard.press('a');
  editor = page.getByRole('form', { name: 'Annotation' });
  const note = editor.getByRole('textbox', { name: 'Note' });
  await note.pressSequentially('Ask @Bieg');
  await expect(page.getByRole('listbox', { name: 'Mention an entity' })).toContainText('Stephen Biegun');
  await page.keyboard.press('Enter');
  await note.pressSequentially('about the July visit.');
  await page.keyboard.press('Control+b');
  await note.pressSequentially(' Urgent');
  await expect(note.locator('.mention')).toHaveText('@Stephen Biegun');
  await expect(note.locator('strong')).toHaveText('Urgent');
  await expect(editor.getByRole('list', { name: 'Linked entities' })).toContainText('Stephen Biegun');
  await expect(editor.getByText('Saved', { exact: true })).toBeVisible();

  // Keep typing and close the window at once, without Done: the words are on disk all the same.
  await note.pressSequentially(' and follow up');
  await page.close({ runBeforeUnload: true });
  const again = await page.context().newPage();
  await again.goto(host.url);
  await again.getByRole('navigation', { name: 'Library' }).getByRole('link').first().click();
  const item = again.getByRole('list', { name: 'Annotations' }).getByRole('listitem').filter({ hasText: 'gangster-like' });
  await expect(item).toContainText('Ask Stephen Biegun about the July visit. Urgent and follow up');
  await expect(item.getByRole('link', { name: 'Stephen Biegun' })).toBeVisible();
  await item.getByRole('button', { name: 'Edit' }).click();
  await expect(again.getByRole('textbox', { name: 'Note' }).locator('strong')).toHaveText('Urgent and follow up');
});

test('the window asks for the articles whose count changed when an annotation is added, for nothing when a note is saved', async ({ page, host }) => {
  const asked: { method: string; body: string }[] = [];
  page.on('request', (request) => {
    const method = /\/api\/(articles\.(?:list|changes))/.exec(request.url())?.[1];
    if (method) asked.push({ method, body: request.postData() ?? '' });
  });
  const count = (method: string) => asked.filter((a) => a.method === method).length;
  await page.goto(host.url);
  await importThroughPicker(page, { name: 'diplomat.txt', mimeType: 'text/plain', buffer: await readFile(seedFile) });
  const library = page.getByRole('navigation', { name: 'Library' });
  await selectInReader(page, FIRST);
  await page.keyboard.press('a');
  await expect(library.getByLabel('1 annotation')).toBeVisible();

  // Notes typed and saved, several times: no article and no count changed, nothing of the list is sent again.
  await page.waitForLoadState('networkidle');
  const before = asked.length;
  const editor = page.getByRole('form', { name: 'Annotation' });
  const note = editor.getByRole('textbox', { name: 'Note' });
  for (const words of ['Ask Biegun', ' about the July visit', ' and follow up']) {
    await note.pressSequentially(words);
    await expect(editor.getByText('Saved', { exact: true })).toBeVisible();
    await page.waitForLoadState('networkidle');
  }
  expect(asked.length).toBe(before);
  await editor.getByRole('button', { name: 'Done' }).click();

  // Another annotation changes the count: the window asks what changed since its list, not for the list.
  const lists = count('articles.list');
  const changes = count('articles.changes');
  await selectInReader(page, SECOND);
  await page.keyboard.press('a');
  await expect(library.getByLabel('2 annotations')).toBeVisible();
  expect(count('articles.changes')).toBeGreaterThan(changes);
  expect(count('articles.list')).toBe(lists);

  // A second article imported comes into the list the same way, after the first.
  await importThroughPicker(page, { name: 'second.md', mimeType: 'text/markdown', buffer: Buffer.from('# A second clip\n\nKim Jong Un met Moon Jae-in.\n') });
  await expect(library.getByRole('link')).toHaveCount(2);
  await expect(library.getByRole('link').nth(1)).toContainText('A second clip');
  expect(count('articles.list')).toBe(lists);

  // After a reload the window has no list yet: it asks for the whole of it.
  await page.reload();
  await expect(library.getByRole('link')).toHaveCount(2);
  expect(count('articles.list')).toBeGreaterThan(lists);
});
