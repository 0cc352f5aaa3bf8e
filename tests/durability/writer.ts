// A process that saves annotations, and every few an edit of the article's title (library.journal), as fast
// as it can and reports each save once it is acknowledged; the durability test kills it with SIGKILL at random
// moments.
import { readFile } from 'node:fs/promises';
import { writeSync } from 'node:fs';
import { Library } from '../../src/main/core/library';

const [dir, seedPath] = process.argv.slice(2);
const library = await Library.open(dir);
let articleId = library.listArticles()[0]?.id;
if (!articleId) {
  const [imported] = await library.commitImport(await library.prepareImport([{ name: 'seed.txt', bytes: await readFile(seedPath) }]));
  articleId = imported.article.id;
}
const text = await library.loadText(articleId);
writeSync(1, 'ready\n');
for (let n = 0; ; n++) {
  const start = (n * 37) % (text.length - 60);
  const annotation = await library.createAnnotation(articleId, start, start + 40, text.slice(start, start + 40), { note: `write ${n}` });
  // Written synchronously, after the save resolved: what the parent reads was durably on disk.
  writeSync(1, `ack ${annotation.id}\n`);
  if (n % 3 === 0) {
    await library.updateArticle(articleId, { title: `Edit ${n}` });
    writeSync(1, `title ${n}\n`);
  }
}
