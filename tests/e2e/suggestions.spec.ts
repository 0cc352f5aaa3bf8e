// Suggested entities on the seed article, worked through with the keyboard as the issue asks: one key each.
import type { Page } from '@playwright/test';
import { expect, seedFile, test } from './fixtures';
import { importThroughPicker } from './reader-helpers';

const panel = (page: Page) => page.getByRole('list', { name: 'Suggestions to review' });
const row = (page: Page, name: RegExp) => panel(page).getByRole('listitem', { name });
const entityList = (page: Page) => page.getByRole('list', { name: 'Entities' });

test('suggestions on the seed article are accepted, mapped and rejected with one key each, and kept', async ({ page, host }) => {
  await page.goto(host.url);
  await importThroughPicker(page, seedFile);
  await expect(page.locator('.article-body')).toContainText('In Pyongyang on Sunday');

  // The panel is open on a new article, with the people first and the ambiguous "Kim" said to be so.
  await expect(row(page, /^Mike Pompeo, person, 9 mentions, New$/)).toBeVisible();
  await expect(row(page, /^Kim, person/)).toContainText('Could be any of');
  await expect(row(page, /^Moon Jae-in, person/)).toBeVisible();
  await expect(row(page, /^Pyongyang, place/)).toBeVisible();

  // E puts the first row in focus; its mentions are marked in the text.
  await page.locator('.article-body').click();
  await page.keyboard.press('e');
  await expect(row(page, /^Mike Pompeo/)).toBeFocused();
  await expect(page.locator('.article-body .highlight-mention')).toHaveCount(9);
  await page.keyboard.press('a');
  await expect(page.getByRole('status')).toContainText('Accepted Mike Pompeo.');
  await expect(entityList(page)).toContainText('Mike Pompeo');
  // The focus went on to the next row to review: the ambiguous Kim. Down to Kim Jong Un, and accept it.
  await expect(row(page, /^Kim, person/)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(row(page, /^Kim Jong Un, person/)).toBeFocused();
  await page.keyboard.press('a');
  await expect(entityList(page)).toContainText('Kim Jong Un');

  // Kim is mapped to Kim Jong Un for this article: M, type, Enter.
  await row(page, /^Kim, person/).focus();
  await page.keyboard.press('m');
  const picker = page.getByRole('combobox', { name: 'Map Kim to' });
  await expect(picker).toBeFocused();
  await picker.pressSequentially('jong');
  await expect(page.getByRole('option', { name: 'Kim Jong Un' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Mapped Kim to “Kim Jong Un”.');
  await expect(row(page, /^Kim, person/)).toHaveCount(0);

  // Asia is rejected with R.
  await row(page, /^Asia, place/).focus();
  await page.keyboard.press('r');
  await expect(page.getByRole('status')).toContainText('Rejected Asia.');
  await expect(row(page, /^Asia, place/)).toHaveCount(0);

  // With the article's date, "on Sunday" is a day; A asks the event's name.
  await page.getByRole('button', { name: 'Edit details' }).click();
  await page.getByRole('form', { name: 'Article details' }).getByLabel('Published').fill('2018-10-08');
  await page.getByRole('button', { name: 'Save details' }).click();
  const sunday = panel(page).getByRole('listitem', { name: /^Date on Sunday, 2018-10-07, New$/ }).first();
  await sunday.focus();
  await page.keyboard.press('a');
  await page.getByRole('textbox', { name: 'Name of the event of on Sunday' }).fill('Pompeo–Kim meeting in Pyongyang');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Accepted “on Sunday” as “Pompeo–Kim meeting in Pyongyang”.');
  await entityList(page).getByRole('link', { name: /Pompeo–Kim meeting in Pyongyang/ }).click();
  await expect(page.locator('.eyebrow')).toContainText('Event · 2018-10-07');
  await page.goBack();

  // Everything decided is kept: after a reload the decided rows are shown only on asking, with their state.
  await page.reload();
  await expect(row(page, /^Mike Pompeo/)).toHaveCount(0);
  await page.getByLabel('Show decided ones too').check();
  await expect(row(page, /^Mike Pompeo, person, 9 mentions, Linked$/)).toBeVisible();
  await expect(row(page, /^Kim, person, 5 mentions, Linked$/)).toBeVisible();
  await expect(row(page, /^Asia, place, 1 mention, Rejected$/)).toBeVisible();
  // U undoes a decision.
  await row(page, /^Asia, place/).focus();
  await page.keyboard.press('u');
  await expect(row(page, /^Asia, place, 1 mention, New$/)).toBeVisible();
  await expect(row(page, /^Asia, place/)).toBeFocused();
});
