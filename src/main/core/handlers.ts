// The core's implementation of every method of the API contract.
import type { Handlers, ImportOutcome } from '../../shared/api';
import { toErrorValue } from '../../shared/errors';
import { briefFileName, composeBrief, writeBriefFolder, writeNewFile } from './briefs';
import { toCsv, toWebAnnotations } from './annotation-export';
import { fetchPage } from './fetch-page';
import type { FileToImport, Library } from './library';
import type { SearchIndex } from './search';
import { entityContext } from './entity-context';
import { Suggester } from './suggestions';
import { buildTimeline } from './timeline';
import { buildGraph } from './graph';
import { existingFolder } from './folders';

/** Imports what can be imported of `files` in one commit; says for each file what became of it. */
export async function importFiles(library: Library, files: FileToImport[]): Promise<ImportOutcome[]> {
  const prepared = await library.prepareImport(files);
  const written = await library.commitImport(prepared);
  let next = 0;
  return prepared.map((item) =>
    item.ok ? { ok: true as const, ...written[next++] } : { ok: false as const, fileName: item.fileName, error: toErrorValue(item.error) },
  );
}

/** What the core does itself, since it replaces the library: restore a backup, open another library. */
export interface CoreActions {
  restoreBackup: Handlers['backups.restore'];
  openLibrary: Handlers['library.open'];
}

export function createHandlers(library: Library, search: SearchIndex, defaultExportDir: string, actions: CoreActions): Handlers {
  const suggester = new Suggester(library);
  return {
    'library.info': async () => ({
      path: library.dir,
      exportDir: defaultExportDir,
      articleCount: library.articleCount,
      listVersion: library.listVersion,
      warnings: library.warnings,
    }),
    'library.open': actions.openLibrary,
    'articles.list': async ({ limit }) => library.listArticles(limit),
    'articles.changes': async ({ since }) => library.listChangesSince(since),
    'articles.get': async ({ id }) => library.loadArticle(id),
    'articles.import': async ({ files }) =>
      suggester.afterImport(await importFiles(library, files.map((f) => ({ name: f.name, bytes: Buffer.from(f.data, 'base64') })))),
    'articles.importUrl': async ({ url }) => {
      let file: FileToImport;
      try {
        file = await fetchPage(url);
      } catch (error) {
        return { ok: false as const, fileName: url, error: toErrorValue(error) };
      }
      const [outcome] = suggester.afterImport(await importFiles(library, [file]));
      return outcome;
    },
    'annotations.export': async ({ format, articleIds }) => {
      const items = await library.allAnnotations(articleIds);
      const entities = new Map(library.listEntities().map((e) => [e.id, e]));
      return format === 'csv'
        ? { text: toCsv(items, entities), count: items.length, mediaType: 'text/csv', extension: 'csv' }
        : { text: `${JSON.stringify(toWebAnnotations(items, entities, new Date().toISOString()), null, 2)}\n`, count: items.length, mediaType: 'application/ld+json', extension: 'jsonld' };
    },
    'articles.update': async ({ id, patch }) => library.updateArticle(id, patch),
    'annotations.list': async ({ articleId }) => library.listAnnotations(articleId),
    'annotations.create': async ({ articleId, start, end, exact, ...fields }) =>
      library.createAnnotation(articleId, start, end, exact, fields),
    'annotations.update': async ({ articleId, id, patch }) => library.updateAnnotation(articleId, id, patch),
    'annotations.resolve': async ({ articleId, id, range }) => library.resolveAnnotation(articleId, id, range),
    'annotations.delete': async ({ articleId, id }) => {
      await library.deleteAnnotation(articleId, id);
      return { deleted: true as const };
    },
    'entities.list': async () => library.listEntities(),
    'entities.create': async ({ type, name, date }) => library.createEntity(type, name, date ?? null),
    'entities.get': async ({ id }) => {
      const entity = library.getEntity(id);
      const annotations = (await library.allAnnotations())
        // The quotes it said are its annotations too.
        .filter(({ annotation }) => annotation.entityIds.includes(id) || annotation.speakerId === id)
        .map(({ annotation, article }) => ({ annotation, article: { id: article.id, title: article.title } }));
      return { entity, annotations };
    },
    'entities.context': async ({ id, mentionLimit }) => entityContext(library, search, id, mentionLimit),
    'entities.update': async ({ id, patch }) => library.updateEntity(id, patch),
    'entities.merge': async ({ keepId, mergeId }) => ({ entity: await library.mergeEntities(keepId, mergeId), mergeId }),
    'entities.undoMerge': async ({ mergeId }) => library.undoMerge(mergeId),
    'entities.deletePreview': async ({ id }) => library.entityDeleteAccount(id),
    'entities.delete': async ({ id }) => library.deleteEntity(id),
    'relations.create': async ({ from, to, label, evidence }) => library.createRelation(from, to, label, evidence),
    'relations.update': async ({ id, label, evidence }) => library.updateRelation(id, { label, evidence }),
    'relations.delete': async ({ id }) => {
      await library.deleteRelation(id);
      return { deleted: true as const };
    },
    'suggestions.list': async ({ articleId }) => suggester.list(articleId),
    'suggestions.accept': async ({ articleId, key, name }) => suggester.accept(articleId, key, name),
    'suggestions.map': async ({ articleId, key, entityId }) => suggester.map(articleId, key, entityId),
    'suggestions.reject': async ({ articleId, key }) => suggester.reject(articleId, key),
    'suggestions.reset': async ({ articleId, key }) => suggester.reset(articleId, key),
    'timeline.get': async ({ entityId, tag }) => {
      if (entityId) library.getEntity(entityId);
      return buildTimeline(library.listEntities(), await library.allAnnotations(), { entityId, tag });
    },
    'graph.get': async ({ types, minWeight, focusId, depth }) => {
      // An entity to focus on that does not exist is an error to show, not an empty graph.
      if (focusId) library.getEntity(focusId);
      const annotations = (await library.allAnnotations()).map((a) => a.annotation);
      return buildGraph(library.listEntities(), annotations, { types, minWeight, focusId, depth });
    },
    'search.query': async ({ query, filters, limit }) => search.search(query, filters, limit, { names: true }),
    'search.status': async () => ({ complete: search.complete }),
    'briefs.render': async (scope) => {
      const { markdown, annotationCount, unverified, items } = await composeBrief(library, scope);
      return { markdown, annotationCount, unverified, items };
    },
    'annotations.tags': async () =>
      [...new Set((await library.allAnnotations()).flatMap(({ annotation }) => annotation.tags))].sort((a, b) => a.localeCompare(b)),
    'briefs.list': async () => library.listBriefs(),
    'backups.list': async () => library.listBackups(),
    'backups.create': async () => library.snapshot('manual'),
    'backups.add': async ({ data }) => library.addBackup(new Uint8Array(Buffer.from(data, 'base64'))),
    'backups.restore': actions.restoreBackup,
    'briefs.save': async (brief) => library.saveBrief(brief),
    'briefs.delete': async ({ id }) => {
      await library.deleteBrief(id);
      return { deleted: true as const };
    },
    'exports.checkFolder': async ({ path }) => ({ path: await existingFolder(path) }),
    'briefs.export': async ({ fileName, folder: chosen, ...scope }) => {
      // A folder the user chose must still be there (it is not made anew); the host's own is made if need be.
      const exportDir = chosen ? await existingFolder(chosen) : defaultExportDir;
      const { markdown, document, annotationCount, title, unverified } = await composeBrief(library, scope);
      if (scope.splitSections) {
        const { folder, files } = await writeBriefFolder(exportDir, fileName || title, document);
        return { path: folder, files, markdown, annotationCount, unverified };
      }
      const path = await writeNewFile(exportDir, briefFileName(fileName || title), markdown);
      return { path, files: [path], markdown, annotationCount, unverified };
    },
  };
}
