// What the library knows and the user decided of an article's suggestions (see suggest.ts for how they are
// found): light, for the core's own thread, where the finder and its language models are not loaded.
import type { NameSuggestion, Suggestions } from '../../shared/api';
import type { Entity } from '../../shared/model';

/** A name as suggestions compare it: case and apostrophes aside. */
export const normal = (name: string) => name.toLocaleLowerCase().replace(/[’']/g, "'");

export function suggestionKey(type: string, name: string): string {
  return `${type}:${normal(name)}`;
}

/** The entity of the library a suggestion's name or one of its variants is the name or an alias of. An
 * ambiguous short form ("Kim") is matched by name only, never through another entity's alias. */
function knownEntity(entities: Entity[], suggestion: NameSuggestion): Entity | undefined {
  const forms = new Set([suggestion.name, ...suggestion.variants].map(normal));
  const ofType = entities.filter((e) => e.type === suggestion.type);
  return (
    ofType.find((e) => forms.has(normal(e.name))) ??
    (suggestion.ambiguousWith.length ? undefined : ofType.find((e) => e.aliases.some((a) => forms.has(normal(a)))))
  );
}

/** Decisions on an article's suggestions, by key: the entity accepted or mapped to, or null for rejected. */
export type SuggestionDecisions = Record<string, string | null>;

/** The suggestions with what the user decided of them and the entities the library already has. */
export function withDecisions(found: Suggestions, entities: Entity[], decisions: SuggestionDecisions): Suggestions {
  const byId = new Map(entities.map((e) => [e.id, e]));
  const decided = (key: string) => {
    const decision = decisions[key];
    if (decision === null) return { entityId: null, status: 'rejected' as const };
    if (decision !== undefined && byId.has(decision)) return { entityId: decision, status: 'linked' as const };
    return null;
  };
  return {
    ...found,
    names: found.names.map((s) => {
      const known = knownEntity(entities, s);
      return { ...s, ...(decided(s.key) ?? (known ? { entityId: known.id, status: 'known' as const } : { entityId: null, status: 'new' as const })) };
    }),
    dates: found.dates.map((d) => ({ ...d, ...(decided(d.key) ?? { entityId: null, status: 'new' as const }) })),
  };
}
