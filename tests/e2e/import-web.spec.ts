// Importing from the web and the clipboard: a page served from 127.0.0.1 by the test is imported by
// pasting its address, through the palette's form, and by dropping a link; a clip of HTML or text is
// imported by pasting it. Addresses that do not answer are refused with the reason.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const corpus = new URL('../../../shared/corpus/readability/', import.meta.url);
const page1 = readFileSync(new URL('nytimes-1/source.html', corpus));
const title1: string = JSON.parse(readFileSync(new URL('nytimes-1/expected-metadata.json', corpus), 'utf8')).title;
const page2 = readFileSync(new URL('bbc-1/source.html', corpus));
const title2: string = JSON.parse(readFileSync(new URL('bbc-1/expected-metadata.json', corpus), 'utf8')).title;

let server: Server;
let origin: string;

test.beforeAll(async () => {
  server = createServer((request, response) => {
    const pages: Record<string, Buffer> = { '/world/asia/pompeo.html': page1, '/news/bbc-1': page2 };
    const body = pages[request.url ?? ''];
    if (!body) {
      response.writeHead(404, { 'content-type': 'text/html' });
      return response.end('<h1>Not found</h1>');
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Pastes outside any text field, as Ctrl+V on the library would, with the clipboard holding `data`. */
async function paste(page: Page, data: Record<string, string>) {
  await page.evaluate((entries) => {
    const transfer = new DataTransfer();
    for (const [type, value] of Object.entries(entries)) transfer.setData(type, value);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, data);
}

const libraryLinks = (page: Page) => page.getByRole('navigation', { name: 'Library' }).getByRole('link');

test('a web address pasted, typed in the palette form, or dropped as a link is fetched and imported', async ({ page, host }) => {
  await page.goto(host.url);
  await paste(page, { 'text/plain': `${origin}/world/asia/pompeo.html` });
  await expect(page.getByRole('heading', { level: 1, name: title1 })).toBeVisible();
  // The article keeps the address it came from.
  await expect(page.getByRole('main', { name: 'Reader' })).toContainText(`${origin}/world/asia/pompeo.html`);

  // Through the command palette's form, from the keyboard.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('web address');
  await page.keyboard.press('Enter');
  const form = page.getByRole('dialog', { name: 'Import a web address' });
  await expect(form.getByRole('textbox', { name: 'Address' })).toBeFocused();
  await page.keyboard.type(`${origin}/news/bbc-1`);
  await page.keyboard.press('Enter');
  await expect(form).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: title2 })).toBeVisible();

  // The same page dropped as a link is recognised, not added twice.
  await page.evaluate((url) => {
    const transfer = new DataTransfer();
    transfer.setData('text/uri-list', `# a comment line\n${url}`);
    document.querySelector('.app')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, `${origin}/news/bbc-1`);
  await expect(page.getByRole('status')).toContainText('already in the library');
  await expect(libraryLinks(page)).toHaveCount(2);

  // An address that does not answer with a page says why, and adds nothing.
  await paste(page, { 'text/plain': `${origin}/gone` });
  await expect(page.getByRole('alert').filter({ hasText: `${origin}/gone` })).toContainText('answered 404');
  await expect(libraryLinks(page)).toHaveCount(2);
});

test('a clip of a page or of text pasted outside a text field becomes an article; pasting into a field does not', async ({ page, host }) => {
  await page.goto(host.url);
  await paste(page, {
    'text/html': '<h1>Harbour talks resume</h1><p>Negotiators met again on Tuesday in the harbour city, their first meeting since the spring.</p><script>top.__pwned=1</script>',
    'text/plain': 'Harbour talks resume\n\nNegotiators met again on Tuesday in the harbour city, their first meeting since the spring.',
  });
  await expect(page.getByRole('heading', { level: 1, name: 'Harbour talks resume' })).toBeVisible();
  await expect(page.locator('.article-body')).toContainText('their first meeting since the spring.');

  await paste(page, { 'text/plain': 'Minutes of the meeting\n\nThe delegates agreed to meet again in a month.' });
  await expect(page.getByRole('heading', { level: 1, name: 'Minutes of the meeting' })).toBeVisible();
  await expect(libraryLinks(page)).toHaveCount(2);

  // Pasting into the search field is typing, not importing.
  await page.getByRole('searchbox', { name: 'Search the library' }).focus();
  await page.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.setData('text/plain', 'https://example.org/not-imported');
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  });
  await expect(libraryLinks(page)).toHaveCount(2);
  await expect(page.getByRole('status')).not.toContainText('example.org');
});
