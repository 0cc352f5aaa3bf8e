// Domain types of Dossier and their zod schemas: the one definition used by storage, the API and the UI.
import { z } from 'zod';

/** The format of the library's files. Older ones are brought up to date by src/main/core/migrations.ts. */
export const SCHEMA_VERSION = 2;

export const IdSchema = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'not a Dossier id');

/** A calendar date of known precision: YYYY, YYYY-MM or YYYY-MM-DD, or a full ISO 8601 timestamp. */
export const PartialDateSchema = z
  .string()
  .regex(
    /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/,
    'use a date like 2018-10-07, 2018-10 or 2018',
  );

export const HttpUrlSchema = z
  .string()
  .max(4096)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'use a web address starting with http:// or https://');

export const SourceInfoSchema = z.object({
  fileName: z.string(),
  mediaType: z.string(),
  encoding: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
});
export type SourceInfo = z.infer<typeof SourceInfoSchema>;

export const ArticleSchema = z.object({
  id: IdSchema,
  title: z.string().min(1),
  byline: z.string().nullable(),
  siteName: z.string().nullable(),
  url: HttpUrlSchema.nullable(),
  publishedAt: PartialDateSchema.nullable(),
  clippedAt: z.string(),
  lang: z.string().nullable(),
  dir: z.enum(['ltr', 'rtl']).nullable(),
  excerpt: z.string(),
  wordCount: z.number().int().nonnegative(),
  tags: z.array(z.string()),
  source: SourceInfoSchema,
  /** The article this one is a newer version of (same source, different text). */
  previousVersionId: IdSchema.nullable().default(null),
});
export type Article = z.infer<typeof ArticleSchema>;

/** The fields of an article's metadata the user may edit. */
export const ArticlePatchSchema = z
  .object({
    title: z.string().trim().min(1, 'the title cannot be empty').max(1000),
    byline: z.string().trim().max(1000).nullable(),
    siteName: z.string().trim().max(1000).nullable(),
    url: HttpUrlSchema.nullable(),
    publishedAt: PartialDateSchema.nullable(),
  })
  .partial();
export type ArticlePatch = z.infer<typeof ArticlePatchSchema>;

/** A ProseMirror/TipTap document as JSON. */
export interface DocNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: DocNode[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}
export const DocNodeSchema: z.ZodType<DocNode> = z.lazy(() =>
  z.object({
    type: z.string(),
    attrs: z.record(z.string(), z.unknown()).optional(),
    content: z.array(DocNodeSchema).optional(),
    text: z.string().optional(),
    marks: z
      .array(z.object({ type: z.string(), attrs: z.record(z.string(), z.unknown()).optional() }))
      .optional(),
  }),
);

export const TextQuoteSelectorSchema = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1),
  prefix: z.string(),
  suffix: z.string(),
});
export type TextQuoteSelector = z.infer<typeof TextQuoteSelectorSchema>;

export const TextPositionSelectorSchema = z.object({
  type: z.literal('TextPositionSelector'),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type TextPositionSelector = z.infer<typeof TextPositionSelectorSchema>;

export const AnnotationTargetSchema = z.object({
  quote: TextQuoteSelectorSchema,
  position: TextPositionSelectorSchema,
});
export type AnnotationTarget = z.infer<typeof AnnotationTargetSchema>;

export const AnchorStatusSchema = z.enum(['anchored', 'fuzzy', 'orphaned']);
export type AnchorStatus = z.infer<typeof AnchorStatusSchema>;

export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export const ColorSchema = z.enum(HIGHLIGHT_COLORS);
export type Color = z.infer<typeof ColorSchema>;

export const AnnotationSchema = z.object({
  id: IdSchema,
  articleId: IdSchema,
  created: z.string(),
  modified: z.string(),
  target: AnnotationTargetSchema,
  /** Plain text of the note, derived from noteDoc when there is one (search, briefs and the CLI read it). */
  note: z.string(),
  /** The note as rich text, with @-mentions of entities. */
  noteDoc: DocNodeSchema.nullable().default(null),
  tags: z.array(z.string()),
  color: ColorSchema,
  entityIds: z.array(IdSchema),
  speakerId: IdSchema.nullable(),
  anchor: AnchorStatusSchema,
  /** Set when re-anchoring on a new version could not place the quote exactly: what to show for review. */
  review: z
    .object({
      /** How well the text now covered matches the original quote and its context (0 when orphaned). */
      score: z.number().min(0).max(1),
      /** The quote as the annotation was made. */
      originalQuote: z.string(),
    })
    .nullable()
    .default(null),
});
export type Annotation = z.infer<typeof AnnotationSchema>;

export const ENTITY_TYPES = ['person', 'organisation', 'place', 'event'] as const;
export const EntityTypeSchema = z.enum(ENTITY_TYPES);
export type EntityType = z.infer<typeof EntityTypeSchema>;
/** Each type with its article, for messages: "a person", "an event". */
export const ENTITY_TYPE_NAMES: Record<EntityType, string> = {
  person: 'a person',
  organisation: 'an organisation',
  place: 'a place',
  event: 'an event',
};

export const EntitySchema = z.object({
  id: IdSchema,
  type: EntityTypeSchema,
  name: z.string().trim().min(1).max(500),
  aliases: z.array(z.string()),
  description: z.string(),
  wikidataId: z.string().regex(/^Q\d+$/).nullable(),
  /** Events only: when it happened, at the precision the date is written in. */
  date: PartialDateSchema.nullable(),
  /** Events only: the last day of an event that lasted (a date range from `date`). */
  endDate: PartialDateSchema.nullable().default(null),
  /** Events only: where it happened (a place entity). */
  placeId: IdSchema.nullable().default(null),
  /** Events only: the people and organisations who took part. */
  participantIds: z.array(IdSchema).default([]),
});
export type Entity = z.infer<typeof EntitySchema>;

export const RelationSchema = z.object({
  id: IdSchema,
  from: IdSchema,
  to: IdSchema,
  label: z.string(),
  evidence: z.array(IdSchema),
});
export type Relation = z.infer<typeof RelationSchema>;

export const BRIEF_GROUPINGS = ['article', 'entity', 'event', 'manual'] as const;
/** What a brief covers and how it reads: made from a scope, previewed, exported, and saved to reopen. */
export const BriefScopeSchema = z.object({
  title: z.string().trim().max(300).optional(),
  /** The analyst's introduction, in Markdown. */
  intro: z.string().max(50_000).default(''),
  entityIds: z.array(IdSchema).max(1000).default([]),
  articleIds: z.array(IdSchema).max(10_000).default([]),
  /** Annotations with any of these tags are covered too. */
  tags: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
  /** Only annotations dated within these days (by their event, else their article), when given. */
  from: PartialDateSchema.optional(),
  to: PartialDateSchema.optional(),
  /** YAML front matter: title, date, entities, sources. */
  frontMatter: z.boolean().default(false),
  /** Entities as Obsidian-style [[links]] rather than plain text. */
  wikilinks: z.boolean().default(false),
  /** Sections by article, by linked entity, by event in time order, or one section in the analyst's order. */
  groupBy: z.enum(BRIEF_GROUPINGS).default('article'),
  /** An index of the entities linked, with their quotes and sections. */
  entityIndex: z.boolean().default(false),
  /** A timeline of the events linked, with their dates, places and participants. */
  eventTimeline: z.boolean().default(false),
  /** On export: one file per section, and a first file with the title, contents, index and timeline. */
  splitSections: z.boolean().default(false),
  /** The analyst's order of annotations (by id), for groupBy "manual"; the ones not in it follow. */
  order: z.array(IdSchema).max(100_000).default([]),
});
export type BriefScope = z.input<typeof BriefScopeSchema>;

export const SavedBriefSchema = BriefScopeSchema.extend({
  id: IdSchema,
  title: z.string().trim().min(1).max(300),
  created: z.string(),
  modified: z.string(),
});
export type SavedBrief = z.infer<typeof SavedBriefSchema>;

// Files of the library, each validated on load.
export const LibraryFileSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  articles: z.array(ArticleSchema),
});
export type LibraryFile = z.infer<typeof LibraryFileSchema>;

/** Where a merge took the merged entity's id out of a list (its place, and whether the kept entity's id was
 * there already), so that undo can put it back. */
export const MovedIdSchema = z.object({ index: z.number().int().nonnegative(), hadKept: z.boolean() });
export type MovedId = z.infer<typeof MovedIdSchema>;

/** What merging one entity into another changed, enough to undo it even after later edits. */
export const MergeRecordSchema = z.object({
  at: z.string(),
  /** The entity merged away, as it was: undo brings it back with the same id, which names the merge. */
  merged: EntitySchema,
  /** The kept entity just before and just after: undo reverts the fields the merge changed, unless edited since. */
  keptBefore: EntitySchema,
  keptAfter: EntitySchema,
  /** Each annotation that named the merged entity: as a link, as the speaker, and the labels of the @-mentions moved. */
  annotations: z.array(z.object({ id: IdSchema, link: MovedIdSchema.nullable(), speaker: z.boolean(), mentions: z.array(z.string()) })),
  /** Each event that had it as its place or among its participants. */
  events: z.array(z.object({ id: IdSchema, place: z.boolean(), participant: MovedIdSchema.nullable() })),
  /** The relations of the merged entity as they were and where in the list, whether repointed at the kept
   * one or dropped. */
  relations: z.array(z.object({ index: z.number().int().nonnegative(), relation: RelationSchema })),
  /** Evidence added to relations of the kept entity from the same relation of the merged one. */
  absorbed: z.array(z.object({ id: IdSchema, evidence: z.array(IdSchema) })),
});
export type MergeRecord = z.infer<typeof MergeRecordSchema>;

export const EntitiesFileSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  entities: z.array(EntitySchema),
  relations: z.array(RelationSchema),
  /** The last merges, newest last, for undo. Files written before merges existed have none. */
  merges: z.array(MergeRecordSchema).default([]),
});
export type EntitiesFile = z.infer<typeof EntitiesFileSchema>;

export const BriefsFileSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  briefs: z.array(SavedBriefSchema),
});
export type BriefsFile = z.infer<typeof BriefsFileSchema>;

export const BodyFileSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  doc: DocNodeSchema,
});
export type BodyFile = z.infer<typeof BodyFileSchema>;

export const AnnotationsFileSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  annotations: z.array(AnnotationSchema),
  /** What the user decided of the article's entity suggestions, by suggestion key: the entity it was
   * accepted as or mapped to, or null for rejected. */
  suggestions: z.record(z.string(), IdSchema.nullable()).default({}),
});
export type AnnotationsFile = z.infer<typeof AnnotationsFileSchema>;
