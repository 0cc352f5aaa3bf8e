// The article's entity suggestions as the user works through them: found once per article text (finding
// takes a tenth of a second or more, on an import worker where there is one: see Library.findSuggestions),
// then joined with the library's entities and the user's decisions.
import type { Suggestions } from '../../shared/api';
import { DossierError } from '../../shared/errors';
import { ENTITY_TYPE_NAMES } from '../../shared/model';
import type { Library } from './library';
import { withDecisions } from './suggestion-decisions';

const CACHED_ARTICLES = 50;
const WARMED_AFTER_IMPORT = 3;
/** How long imports must pause before the suggestions of the last ones are found. */
const WARM_AFTER_IMPORTS_PAUSE_MS = 500;

export class Suggester {
  private readonly found = new Map<string, { publishedAt: string | null; suggestions: Suggestions }>();
  private lastImported: string[] = [];
  private warmTimer: NodeJS.Timeout | null = null;

  constructor(private readonly library: Library) {
    library.onChange((change) => {
      if (change.kind === 'article') this.found.delete(change.id);
    });
  }

  private async find(articleId: string): Promise<Suggestions> {
    const { publishedAt } = this.library.getArticle(articleId);
    const cached = this.found.get(articleId);
    if (cached && cached.publishedAt === publishedAt) return cached.suggestions;
    const suggestions = await this.library.findSuggestions(articleId, publishedAt);
    this.found.delete(articleId);
    this.found.set(articleId, { publishedAt, suggestions });
    if (this.found.size > CACHED_ARTICLES) this.found.delete(this.found.keys().next().value!);
    return suggestions;
  }

  /**
   * Finds the suggestions of the last articles imported, once imports pause: they are ready when the user
   * opens one. Only for a few, and only then, so that a library imported in bulk (a file per call) is not
   * held up by finding suggestions for every file of it.
   */
  afterImport<T extends { ok: boolean; duplicate?: boolean; article?: { id: string } }>(outcomes: T[]): T[] {
    const fresh = outcomes.filter((o) => o.ok && !o.duplicate && o.article).map((o) => o.article!.id);
    if (fresh.length === 0) return outcomes;
    this.lastImported = [...this.lastImported, ...fresh].slice(-WARMED_AFTER_IMPORT);
    if (this.warmTimer) clearTimeout(this.warmTimer);
    this.warmTimer = setTimeout(() => {
      this.warmTimer = null;
      const ids = this.lastImported;
      this.lastImported = [];
      void (async () => {
        for (const id of ids) await this.find(id).catch(() => undefined);
      })();
    }, WARM_AFTER_IMPORTS_PAUSE_MS);
    this.warmTimer.unref?.();
    return outcomes;
  }

  async list(articleId: string): Promise<Suggestions> {
    const found = await this.find(articleId);
    return withDecisions(found, this.library.listEntities(), await this.library.suggestionDecisions(articleId));
  }

  private async one(articleId: string, key: string) {
    const suggestions = await this.list(articleId);
    const name = suggestions.names.find((s) => s.key === key);
    const date = suggestions.dates.find((s) => s.key === key);
    if (!name && !date) throw new DossierError('not_found', 'That suggestion is no longer in the article. Reopen the suggestions.');
    return { name, date };
  }

  /** Makes the entity a suggestion stands for: the known one, or a new one with the name's other forms as
   * aliases; a date becomes an event of that date, named by the user. */
  async accept(articleId: string, key: string, givenName?: string): Promise<Suggestions> {
    const { name, date } = await this.one(articleId, key);
    let entityId: string;
    if (name) {
      const aliases = name.ambiguousWith.length ? [] : name.variants;
      const existing = name.entityId ? this.library.getEntity(name.entityId) : this.library.findEntity(name.type, givenName ?? name.name);
      entityId = existing
        ? (await this.library.addAliases(existing.id, aliases)).id
        : (await this.library.createEntity(name.type, givenName ?? name.name, null, givenName ? [name.name, ...aliases] : aliases)).id;
    } else {
      if (!givenName) throw new DossierError('invalid_input', 'Name the event this date is of.');
      if (this.library.findEntity('event', givenName)) {
        throw new DossierError('duplicate', `There is already an event named “${givenName}”: map the date to it instead.`);
      }
      entityId = (await this.library.createEntity('event', givenName, date!.date)).id;
    }
    await this.library.decideSuggestion(articleId, key, entityId);
    return this.list(articleId);
  }

  /** Says a suggestion stands for an entity the library has; its forms become aliases, unless ambiguous. */
  async map(articleId: string, key: string, entityId: string): Promise<Suggestions> {
    const { name } = await this.one(articleId, key);
    const entity = this.library.getEntity(entityId);
    const type = name?.type ?? 'event';
    if (entity.type !== type) {
      throw new DossierError('invalid_input', `“${entity.name}” is ${ENTITY_TYPE_NAMES[entity.type]}; this suggestion is ${ENTITY_TYPE_NAMES[type]}.`);
    }
    if (name && !name.ambiguousWith.length) await this.library.addAliases(entityId, [name.name, ...name.variants]);
    await this.library.decideSuggestion(articleId, key, entityId);
    return this.list(articleId);
  }

  async reject(articleId: string, key: string): Promise<Suggestions> {
    await this.one(articleId, key);
    await this.library.decideSuggestion(articleId, key, null);
    return this.list(articleId);
  }

  /** Forgets the decision on a suggestion (the entity it made stays). */
  async reset(articleId: string, key: string): Promise<Suggestions> {
    await this.one(articleId, key);
    await this.library.decideSuggestion(articleId, key, undefined);
    return this.list(articleId);
  }
}
