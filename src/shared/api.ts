// The API contract of the Dossier core: every method's name with its input and output schemas. The
// preload's window.dossier, the Electron IPC binding, the loopback HTTP binding and the CLI are all derived
// from this table, and every host validates input with it before the core sees it.
import { z } from 'zod';
import {
  AnnotationSchema,
  ArticlePatchSchema,
  ArticleSchema,
  ColorSchema,
  DocNodeSchema,
  ENTITY_TYPES,
  EntitySchema,
  EntityTypeSchema,
  IdSchema,
  PartialDateSchema,
  RelationSchema,
  BriefScopeSchema,
  SavedBriefSchema,
} from './model';
import { DossierError, type ErrorValue, type Result } from './errors';

const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

/** Largest file the import accepts, in bytes. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** The formats annotations are exported in: W3C Web Annotation JSON-LD, and CSV. */
export const ANNOTATION_EXPORT_FORMATS = ['jsonld', 'csv'] as const;

/** The file extensions Dossier imports, by format: the importers and the file picker both read this. */
export const IMPORT_FORMATS = {
  text: ['txt', 'text'],
  html: ['html', 'htm', 'xhtml'],
  markdown: ['md', 'markdown'],
  docx: ['docx'],
  pdf: ['pdf'],
  epub: ['epub'],
} as const;
export type ImportFormat = keyof typeof IMPORT_FORMATS;
export const IMPORT_EXTENSIONS: readonly string[] = Object.values(IMPORT_FORMATS).flat();
/** Whether a file found in a folder (its path inside the folder, "/" or "\\" separated) is an article to
 * import: an importable extension, and no hidden part (.git, .DS_Store). */
export function isArticlePath(path: string): boolean {
  const parts = path.split(/[\\/]/);
  const name = parts.at(-1) ?? '';
  const dot = name.lastIndexOf('.');
  return dot > 0 && IMPORT_EXTENSIONS.includes(name.slice(dot + 1).toLowerCase()) && !parts.some((part) => part.startsWith('.'));
}
export const SUPPORTED_FORMATS =
  'Dossier imports plain text (.txt), HTML (.html, .htm), Markdown (.md), Word (.docx), PDF (.pdf) and EPUB (.epub).';

/** What the library list (and the palette, and the brief's choices) need of an article: not its excerpt or
 * where it came from, which `articles.get` gives. (At 10,000 articles this halves the list: 2.8 MB, not 6.7.) */
export const ArticleListItemSchema = ArticleSchema.omit({ excerpt: true, source: true }).extend({ annotationCount: z.number().int().nonnegative() });
export type ArticleListItem = z.infer<typeof ArticleListItemSchema>;

export const ImportFileSchema = z.object({
  name: z.string().min(1).max(1024),
  /** The file's bytes, base64-encoded. */
  data: z.string().max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 4),
});

/** How the annotations of an article came across to its new version. */
export const CarriedCountsSchema = z.object({ anchored: z.number(), fuzzy: z.number(), orphaned: z.number() });
export type CarriedCounts = z.infer<typeof CarriedCountsSchema>;

export const ImportOutcomeSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    fileName: z.string(),
    article: ArticleSchema,
    duplicate: z.boolean(),
    /** For a new version of an article already in the library: how its annotations came across. */
    carried: CarriedCountsSchema.nullable(),
    /** What the user must know about the text, e.g. characters that could not be decoded. */
    warnings: z.array(z.string()).default([]),
  }),
  z.object({ ok: z.literal(false), fileName: z.string(), error: z.object({ code: z.string(), message: z.string() }) }),
]);
export type ImportOutcome = z.infer<typeof ImportOutcomeSchema>;

const NoteSchema = z.string().max(100_000);
const TagsSchema = z.array(z.string().trim().min(1).max(200)).max(100);

export const NewEntitySchema = z.object({
  type: EntityTypeSchema,
  name: z.string().trim().min(1, 'the name cannot be empty').max(500),
  date: PartialDateSchema.nullable().optional(),
});

/** The fields of an entity the user may edit. The name stays unique among entities of its type; only events
 * carry a date. */
export const EntityPatchSchema = z
  .object({
    name: z.string().trim().min(1, 'the name cannot be empty').max(500),
    /** Other names it goes by; blank ones and the name itself are left out. */
    aliases: z.array(z.string().max(500)).max(500),
    description: z.string().max(20_000),
    wikidataId: z.string().trim().regex(/^Q\d+$/, 'a Wikidata id is Q followed by digits, e.g. Q42').nullable(),
    date: PartialDateSchema.nullable(),
    /** Events only: the last day, the place (a place entity), and who took part (people, organisations). */
    endDate: PartialDateSchema.nullable(),
    placeId: IdSchema.nullable(),
    participantIds: z.array(IdSchema).max(1000),
  })
  .partial();
export type EntityPatch = z.infer<typeof EntityPatchSchema>;

/** What deleting an entity unlinks: the annotations that name it (link, speaker or @-mention) and their
 * articles, those it is the speaker of among them, its relations, and the events it is the place or a
 * participant of. */
export const EntityDeleteAccountSchema = z.object({
  annotations: z.number().int().nonnegative(),
  articles: z.number().int().nonnegative(),
  speakerOf: z.number().int().nonnegative(),
  relations: z.number().int().nonnegative(),
  events: z.number().int().nonnegative(),
});
export type EntityDeleteAccount = z.infer<typeof EntityDeleteAccountSchema>;

/** Where a name or a date occurs in an article's canonical text. */
export const TextSpanSchema = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative(), text: z.string() });

/** new: nobody has decided; known: the library has an entity by that name; linked: the user accepted it or
 * mapped it to an entity; rejected: the user said it is none. */
export const SuggestionStatusSchema = z.enum(['new', 'known', 'linked', 'rejected']);
export type SuggestionStatus = z.infer<typeof SuggestionStatusSchema>;

/** A person, organisation or place the core found named in an article, with the forms of its name. */
export const NameSuggestionSchema = z.object({
  /** Stable for the same article text: how accept, map and reject name the suggestion. */
  key: z.string(),
  type: z.enum(['person', 'organisation', 'place']),
  /** The fullest form of the name in the article. */
  name: z.string(),
  /** The other forms it goes by there ("Pompeo" for "Mike Pompeo"). */
  variants: z.array(z.string()),
  mentions: z.array(TextSpanSchema),
  /** For a short form that fits several full names ("Kim"): those names. It is never grouped with one. */
  ambiguousWith: z.array(z.string()),
  /** The entity it stands for: the one the user accepted or mapped it to, or else the library's entity of
   * that type known by the name or a variant. */
  entityId: IdSchema.nullable(),
  status: SuggestionStatusSchema,
});
export type NameSuggestion = z.infer<typeof NameSuggestionSchema>;

/** A date the article mentions, resolved against its publication date where it is relative. */
export const DateSuggestionSchema = z.object({
  key: z.string(),
  span: TextSpanSchema,
  /** The day, month or year it names, at that precision; null until the article's date resolves it. */
  date: PartialDateSchema.nullable(),
  /** The sentence it is in, to name the event by. */
  sentence: z.string(),
  /** The event the user made of it or mapped it to. */
  entityId: IdSchema.nullable(),
  status: SuggestionStatusSchema,
});
export type DateSuggestion = z.infer<typeof DateSuggestionSchema>;

export const SuggestionsSchema = z.object({
  names: z.array(NameSuggestionSchema),
  dates: z.array(DateSuggestionSchema),
  /** Whether relative dates could be resolved (the article has a publication date). */
  datesResolved: z.boolean(),
});
export type Suggestions = z.infer<typeof SuggestionsSchema>;

/** One thing in time: an event on its date, or an annotation on the date of its events or its article. */
export const TimelineItemSchema = z.object({
  kind: z.enum(['event', 'annotation']),
  id: IdSchema,
  date: PartialDateSchema,
  /** An event that lasted: its last day. */
  endDate: PartialDateSchema.nullable(),
  /** Where the date comes from: the event itself, an event the annotation is linked to, or its article. */
  dateFrom: z.enum(['event', 'linked-event', 'article']),
  /** The event's name, or the annotation's quote. */
  label: z.string(),
  note: z.string(),
  entityIds: z.array(IdSchema),
  tags: z.array(z.string()),
  article: z.object({ id: IdSchema, title: z.string() }).nullable(),
});
export type TimelineItem = z.infer<typeof TimelineItemSchema>;

export const TimelineSchema = z.object({
  /** In time order. */
  items: z.array(TimelineItemSchema),
  /** Annotations that match but have no date to be placed at (no dated event, no article date). */
  undated: z.number().int().nonnegative(),
  /** The tags of the annotations of the entity asked for (or of all), to filter by. */
  tags: z.array(z.string()),
});
export type Timeline = z.infer<typeof TimelineSchema>;

/** An entity in the graph, with the number of annotations that link it. */
export const GraphNodeSchema = z.object({
  id: IdSchema,
  type: EntityTypeSchema,
  name: z.string(),
  annotationCount: z.number().int().nonnegative(),
});
export type GraphNode = z.infer<typeof GraphNodeSchema>;

/** Two entities linked together by annotations; weight is how many annotations link both. */
export const GraphEdgeSchema = z.object({ source: IdSchema, target: IdSchema, weight: z.number().int().positive() });
export type GraphEdge = z.infer<typeof GraphEdgeSchema>;

export const GraphSchema = z.object({
  /** By name. */
  nodes: z.array(GraphNodeSchema),
  edges: z.array(GraphEdgeSchema),
  /** Entities of the types asked for that no link of the weight asked for reaches: not in the graph. */
  unlinked: z.number().int().nonnegative(),
});
export type Graph = z.infer<typeof GraphSchema>;

/** Where an entity is named in the library but no annotation of the passage links it yet. */
export const UnlinkedMentionSchema = z.object({
  article: z.object({ id: IdSchema, title: z.string() }),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** The name as written there. */
  text: z.string(),
  snippet: z.string(),
});
export type UnlinkedMention = z.infer<typeof UnlinkedMentionSchema>;

const RelationLabelSchema = z.string().trim().min(1, 'name the relation, e.g. “met with”').max(200);

/** What an entity is connected to: its unlinked mentions, the entities annotated with it, its events. */
export const EntityContextSchema = z.object({
  mentions: z.array(UnlinkedMentionSchema),
  /** Whether there were more mentions than listed. */
  moreMentions: z.boolean(),
  /** Entities linked on the same annotations, most shared first. */
  related: z.array(z.object({ entity: EntitySchema, shared: z.number().int().positive() })),
  /** The events linked on the same annotations, in time order (undated last). */
  events: z.array(EntitySchema),
  /** Its relations, each with the entity at the other end and whether this one is the subject. */
  relations: z.array(z.object({ relation: RelationSchema, other: EntitySchema, outgoing: z.boolean() })),
});
export type EntityContext = z.infer<typeof EntityContextSchema>;

export const LinkedAnnotationSchema = z.object({
  annotation: AnnotationSchema,
  article: z.object({ id: IdSchema, title: z.string() }),
});

export const BackupSchema = z.object({
  name: z.string(),
  created: z.string(),
  /** Made the day the library changed, by the user, just before a restore, or added from a backup file. */
  reason: z.enum(['daily', 'manual', 'before-restore', 'added']),
  size: z.number().int().nonnegative(),
});
export type Backup = z.infer<typeof BackupSchema>;

export { BRIEF_GROUPINGS, BriefScopeSchema, SavedBriefSchema, type BriefScope, type SavedBrief } from './model';

export const SearchFiltersSchema = z
  .object({
    entityId: IdSchema,
    tag: z.string().trim().min(1).max(200),
    site: z.string().trim().min(1).max(500),
    from: PartialDateSchema,
    to: PartialDateSchema,
    hasAnnotations: z.boolean(),
  })
  .partial();
export type SearchFilters = z.infer<typeof SearchFiltersSchema>;

export const SearchHitSchema = z.object({
  kind: z.enum(['article', 'annotation', 'entity']),
  id: IdSchema,
  articleId: IdSchema.nullable(),
  title: z.string(),
  snippet: z.string(),
  note: z.string().optional(),
  /** Where in the article's canonical text the hit is, to open the reader at that passage. */
  match: z.object({ start: z.number(), end: z.number() }).nullable(),
  score: z.number(),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

const FolderPathSchema = z.string().trim().min(1, 'name the folder').max(4096);

export const LibraryInfoSchema = z.object({
  path: z.string(),
  exportDir: z.string(),
  articleCount: z.number(),
  /** Changes whenever the article list does (see Library.listVersion): a window that has the list of this
   * version need not ask for it again. */
  listVersion: z.string(),
  /** What was recovered when the library was read, to tell the user. */
  warnings: z.array(z.string()),
});

export const api = {
  'library.info': method(z.object({}), LibraryInfoSchema),
  /**
   * Closes this library and opens the one in another folder (an empty folder becomes a new library). The
   * library open until then stays open if the other cannot be opened.
   */
  'library.open': method(z.object({ path: FolderPathSchema }), LibraryInfoSchema),
  /** The library's articles in order; `limit`: only the first ones (a window's first screenful, shown before
   * the whole list has come). */
  'articles.list': method(z.object({ limit: z.number().int().positive().optional() }), z.array(ArticleListItemSchema)),
  /** The articles of the list that changed since the list of version `since` (library.info's `listVersion`),
   * new ones last, and the version they bring the list to; null when the core cannot tell: ask for the list. */
  'articles.changes': method(
    z.object({ since: z.string().max(200) }),
    z.object({ version: z.string(), changed: z.array(ArticleListItemSchema) }).nullable(),
  ),
  'articles.get': method(
    z.object({ id: IdSchema }),
    z.object({ article: ArticleSchema, doc: DocNodeSchema, text: z.string() }),
  ),
  'articles.import': method(
    z.object({ files: z.array(ImportFileSchema).min(1).max(500) }),
    z.array(ImportOutcomeSchema),
  ),
  /** A web page (or a PDF, text or Word file on the web), fetched by the core and imported. */
  'articles.importUrl': method(z.object({ url: z.string().trim().min(1).max(8192) }), ImportOutcomeSchema),
  /** Annotations (of the given articles, else all) as W3C Web Annotation JSON-LD or CSV. */
  'annotations.export': method(
    z.object({ format: z.enum(ANNOTATION_EXPORT_FORMATS), articleIds: z.array(IdSchema).max(10_000).optional() }),
    z.object({ text: z.string(), count: z.number(), mediaType: z.string(), extension: z.string() }),
  ),
  'articles.update': method(z.object({ id: IdSchema, patch: ArticlePatchSchema }), ArticleSchema),
  'annotations.list': method(z.object({ articleId: IdSchema }), z.array(AnnotationSchema)),
  'annotations.create': method(
    z.object({
      articleId: IdSchema,
      start: z.number().int().nonnegative(),
      end: z.number().int().nonnegative(),
      /** The text the user selected, checked against the canonical text at start–end. */
      exact: z.string().min(1),
      note: NoteSchema.default(''),
      /** Rich text; when given, the plain note is derived from it and its mentions link their entities. */
      noteDoc: DocNodeSchema.nullable().optional(),
      tags: TagsSchema.default([]),
      color: ColorSchema.default('yellow'),
      entityIds: z.array(IdSchema).max(200).default([]),
      /** Who said the quote: a person or an organisation. */
      speakerId: IdSchema.nullable().optional(),
    }),
    AnnotationSchema,
  ),
  'annotations.update': method(
    z.object({
      articleId: IdSchema,
      id: IdSchema,
      patch: z
        .object({
          note: NoteSchema,
          noteDoc: DocNodeSchema.nullable(),
          tags: TagsSchema,
          color: ColorSchema,
          entityIds: z.array(IdSchema).max(200),
          speakerId: IdSchema.nullable(),
        })
        .partial(),
    }),
    AnnotationSchema,
  ),
  /** Settles an annotation flagged for review: accept where it now is, or attach it to a new selection. */
  'annotations.resolve': method(
    z.object({
      articleId: IdSchema,
      id: IdSchema,
      range: z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative(), exact: z.string().min(1) }).optional(),
    }),
    AnnotationSchema,
  ),
  'annotations.delete': method(z.object({ articleId: IdSchema, id: IdSchema }), z.object({ deleted: z.literal(true) })),
  'entities.list': method(z.object({}), z.array(EntitySchema)),
  'entities.create': method(NewEntitySchema, EntitySchema),
  'entities.get': method(
    z.object({ id: IdSchema }),
    z.object({ entity: EntitySchema, annotations: z.array(LinkedAnnotationSchema) }),
  ),
  'entities.context': method(z.object({ id: IdSchema, mentionLimit: z.number().int().min(1).max(1000).default(100) }), EntityContextSchema),
  'entities.update': method(z.object({ id: IdSchema, patch: EntityPatchSchema }), EntitySchema),
  /** Merges mergeId into keepId (same type); the merge is undone by the merged entity's id, returned as mergeId. */
  'entities.merge': method(z.object({ keepId: IdSchema, mergeId: IdSchema }), z.object({ entity: EntitySchema, mergeId: IdSchema })),
  /** Brings back the entity merged away, and everything the merge moved from it that is still there. */
  'entities.undoMerge': method(z.object({ mergeId: IdSchema }), z.object({ entity: EntitySchema, kept: EntitySchema })),
  'entities.deletePreview': method(z.object({ id: IdSchema }), EntityDeleteAccountSchema),
  'entities.delete': method(z.object({ id: IdSchema }), EntityDeleteAccountSchema),
  'relations.create': method(
    z.object({ from: IdSchema, to: IdSchema, label: RelationLabelSchema, evidence: z.array(IdSchema).max(1000).default([]) }),
    RelationSchema,
  ),
  'relations.update': method(
    z.object({ id: IdSchema, label: RelationLabelSchema.optional(), evidence: z.array(IdSchema).max(1000).optional() }),
    RelationSchema,
  ),
  'relations.delete': method(z.object({ id: IdSchema }), z.object({ deleted: z.literal(true) })),
  'suggestions.list': method(z.object({ articleId: IdSchema }), SuggestionsSchema),
  'suggestions.accept': method(
    z.object({ articleId: IdSchema, key: z.string().min(1), name: z.string().trim().min(1).max(500).optional() }),
    SuggestionsSchema,
  ),
  'suggestions.map': method(z.object({ articleId: IdSchema, key: z.string().min(1), entityId: IdSchema }), SuggestionsSchema),
  'suggestions.reject': method(z.object({ articleId: IdSchema, key: z.string().min(1) }), SuggestionsSchema),
  'suggestions.reset': method(z.object({ articleId: IdSchema, key: z.string().min(1) }), SuggestionsSchema),
  'timeline.get': method(
    z.object({ entityId: IdSchema.optional(), tag: z.string().trim().min(1).max(200).optional() }),
    TimelineSchema,
  ),
  /** The entities linked by annotations: of some types, by links of some weight, or around one entity. */
  'graph.get': method(
    z.object({
      types: z.array(EntityTypeSchema).max(ENTITY_TYPES.length).optional(),
      minWeight: z.number().int().min(1).max(1_000_000).default(1),
      /** Only this entity and its neighbours, within depth links. */
      focusId: IdSchema.optional(),
      depth: z.union([z.literal(1), z.literal(2)]).default(1),
    }),
    GraphSchema,
  ),
  'search.query': method(
    z.object({
      query: z.string().trim().min(1, 'type something to search for').max(500),
      filters: SearchFiltersSchema.default({}),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    z.array(SearchHitSchema),
  ),
  /** Whether searches look through article texts yet: while the index loads after a start (seconds at
   * 10,000 articles; minutes when it must be rebuilt) they look through titles, annotations and names. */
  'search.status': method(z.object({}), z.object({ complete: z.boolean() })),
  'briefs.render': method(
    BriefScopeSchema,
    z.object({
      markdown: z.string(),
      annotationCount: z.number(),
      unverified: z.number(),
      /** The annotations covered, in the brief's order: what the analyst orders by hand. */
      items: z.array(z.object({ id: IdSchema, quote: z.string(), article: z.string() })),
    }),
  ),
  /** Every tag of the library's annotations, to choose a brief's scope by. */
  'annotations.tags': method(z.object({}), z.array(z.string())),
  /** A folder to export briefs to, checked (given in full, and there): its full path. */
  'exports.checkFolder': method(z.object({ path: FolderPathSchema }), z.object({ path: z.string() })),
  'briefs.export': method(
    BriefScopeSchema.extend({
      fileName: z.string().trim().max(255).optional(),
      /** The folder the user chose to export to (it must be there); else the host's export folder. */
      folder: FolderPathSchema.optional(),
    }),
    z.object({
      /** The file written, or the folder when the brief is split by section. */
      path: z.string(),
      /** Every file written, the first one first. */
      files: z.array(z.string()),
      markdown: z.string(),
      annotationCount: z.number(),
      unverified: z.number(),
    }),
  ),
  'briefs.list': method(z.object({}), z.array(SavedBriefSchema)),
  /** The library's own backups, newest first: made each day the library changes, by hand, and before a restore. */
  'backups.list': method(z.object({}), z.array(BackupSchema)),
  'backups.create': method(z.object({}), BackupSchema),
  /** A backup file (from `dossier backup` or another library's backups), checked and added to the list. */
  'backups.add': method(ImportFileSchema, BackupSchema),
  /** Puts the library back as a backup holds it, after backing up the library as it is. */
  'backups.restore': method(
    z.object({ name: z.string().min(1).max(200) }),
    z.object({ restored: BackupSchema, before: BackupSchema, articleCount: z.number().int().nonnegative() }),
  ),
  /** Saves a brief: a new one without an id, else the one with that id, replaced. */
  'briefs.save': method(BriefScopeSchema.extend({ id: IdSchema.optional(), title: z.string().trim().min(1, 'give the brief a title').max(300) }), SavedBriefSchema),
  'briefs.delete': method(z.object({ id: IdSchema }), z.object({ deleted: z.literal(true) })),
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;
export type Input<M extends MethodName> = z.input<Api[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Api[M]['input']>;
export type Output<M extends MethodName> = z.output<Api[M]['output']>;

export const METHOD_NAMES = Object.keys(api) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(api, name);
}

/** The core's implementation of the contract: the compiler insists on every method. */
export type Handlers = { [M in MethodName]: (input: ParsedInput<M>) => Promise<Output<M>> };

/** Validates an input against its method's schema, as every host must before calling the core. */
export function parseInput<M extends MethodName>(name: M, input: unknown): ParsedInput<M> {
  const parsed = api[name].input.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    throw new DossierError('invalid_input', `${where}${issue.message}`);
  }
  return parsed.data as ParsedInput<M>;
}

/** The object a UI talks to: one async function per method, resolving to a Result. */
export type DossierClient = { [M in MethodName]: (input: Input<M>) => Promise<Result<Output<M>>> };

export type Transport = (name: MethodName, input: unknown) => Promise<Result<unknown>>;

export function createClient(transport: Transport): DossierClient {
  const client = {} as Record<MethodName, (input: unknown) => Promise<Result<unknown>>>;
  for (const name of METHOD_NAMES) client[name] = (input) => transport(name, input);
  return client as unknown as DossierClient;
}

export class ApiError extends Error {
  constructor(readonly error: ErrorValue) {
    super(error.message);
    this.name = 'ApiError';
  }
}

/** Unwraps a Result, throwing an ApiError carrying the code and message of a failure. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new ApiError(result.error);
}

/** The single IPC channel the preload and the Electron binding use; the method name travels inside. */
export const IPC_CHANNEL = 'dossier:call';
/** The channel on which the main process tells the window what became of files the system opened with Dossier. */
export const OPENED_CHANNEL = 'dossier:opened';
/** The loopback host's event stream for its pages (server-sent events; the page's token in the query): files
 * opened with `dossier open` arrive there as OPENED_CHANNEL events, as Electron sends them to its window. */
export const EVENTS_PATH = '/events';
/** The channel on which the window asks the main process for a folder, chosen in the system's dialog. */
export const CHOOSE_FOLDER_CHANNEL = 'dossier:choose-folder';

/** The header the loopback host reads the per-run token from. */
export const TOKEN_HEADER = 'x-dossier-token';

export { CONTENT_SECURITY_POLICY } from './csp';
