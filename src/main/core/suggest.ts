// Suggestions of the people, organisations, places and dates an article names (issue #5). compromise finds
// names and chrono-node dates; on top of them, a few rules do what neither does alone for news text: a name
// after a title is a person ("Secretary of State Mike Pompeo", "President Moon Jae-in"), a common word
// closing a capitalised run is not part of a name (the headline's "Pompeo-Kim Encounter"), and the short
// forms of a name are grouped with it when only one full name fits ("Pompeo"), never when several do ("Kim").
import nlp from 'compromise';
import * as chrono from 'chrono-node';
import type { DateSuggestion, NameSuggestion, Suggestions } from '../../shared/api';
import type { Entity } from '../../shared/model';
import { normal, suggestionKey, withDecisions, type SuggestionDecisions } from './suggestion-decisions';

type NameType = NameSuggestion['type'];

interface Found {
  type: NameType;
  name: string;
  /** Found after a title or by a rule that knows it is a name, rather than from capitals alone. */
  sure: boolean;
}

const LETTER = '\\p{L}';
/** One word of a name: "Pompeo", "McConnell", "Jae-in", "O’Brien", or an initial "J.". */
const NAME_WORD = `(?:\\p{Lu}\\p{Ll}+(?:\\p{Lu}\\p{Ll}+)?(?:-\\p{L}\\p{Ll}*)?(?:['’]\\p{Lu}\\p{Ll}+)?|\\p{Lu}\\.)`;
const NAME_RUN = `${NAME_WORD}(?:[ \\u00a0]+${NAME_WORD}){0,4}`;

/** Titles that put a person's name after them; longest first so "Vice President" wins over "President". */
const TITLES = [
  'Secretary of State', 'Secretary of Defense', 'Secretary-General', 'Special Representative', 'Vice President',
  'Prime Minister', 'Deputy Prime Minister', 'Foreign Minister', 'Defense Minister', 'Defence Minister',
  'Chief Executive', 'Supreme Leader', 'Crown Prince', 'President', 'Chairman', 'Chairwoman', 'Chancellor',
  'Minister', 'Secretary', 'Senator', 'Sen.', 'Rep.', 'Representative', 'Governor', 'Gov.', 'General', 'Gen.',
  'Ambassador', 'Admiral', 'Adm.', 'Colonel', 'Col.', 'King', 'Queen', 'Prince', 'Princess', 'Pope', 'Premier',
  'Mayor', 'Judge', 'Justice', 'Envoy', 'Leader', 'Mr.', 'Mrs.', 'Ms.', 'Dr.', 'Prof.', 'Professor', 'Sheikh',
  'Mr', 'Mrs', 'Ms', 'Miss', 'Dr', 'President-elect', 'Sir', 'Dame', 'Lord', 'Lady',
].sort((a, b) => b.length - a.length);
const TITLE_WORDS = new Set(TITLES.flatMap((t) => t.toLowerCase().split(' ')));
const TITLED = new RegExp(`(?<![${LETTER}])(?:${TITLES.map(escape).join('|')})[ \\u00a0]+(${NAME_RUN})`, 'gu');

/** The short forms of countries that stand for the long one. */
const COUNTRY_FORMS: Record<string, string> = {
  US: 'United States', 'U.S.': 'United States', USA: 'United States', 'U.S.A.': 'United States',
  UK: 'United Kingdom', 'U.K.': 'United Kingdom', UAE: 'United Arab Emirates', DPRK: 'North Korea', ROK: 'South Korea',
  PRC: 'China',
};

/** Words that make a capitalised run the name of an organisation. */
const ORG_HEADS =
  'Department|Ministry|Party|Council|Agency|Committee|Commission|Office|Bureau|Union|Association|Organization|Organisation|Institute|University|Corporation|Company|Bank|Fund|Court|Parliament|Assembly|Congress|Senate|Army|Navy|Forces|Command|Foundation|Service|Times|Post|News';
const ORG_RUN = new RegExp(
  `(?:(?:${NAME_WORD}|\\p{Lu}\\p{Ll}*s['’]|\\p{Lu}{2,}|(?:\\p{Lu}\\.){2,})[ \\u00a0]+)*(?:${ORG_HEADS})(?:[ \\u00a0]+(?:of|for)(?:[ \\u00a0]+the)?(?:[ \\u00a0]+${NAME_WORD})+)?`,
  'gu',
);

/** compromise's tags for words that are names of someone or somewhere, not words of the language. */
const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person', 'Honorific', 'Place', 'City', 'Country', 'Region', 'Organization', 'Company', 'ProperNoun']);
let lexicon: Record<string, string | string[]> | null = null;
function lexiconTags(word: string): string[] {
  lexicon ??= (nlp as unknown as { model(): { one: { lexicon: Record<string, string | string[]> } } }).model().one.lexicon;
  const tags = lexicon[word.toLowerCase()];
  return tags === undefined ? [] : Array.isArray(tags) ? tags : [tags];
}
/** A word of the dictionary that is not a name: "Encounter", "Following", "State". */
function isCommonWord(word: string): boolean {
  if (TITLE_WORDS.has(word.toLowerCase())) return true;
  const tags = lexiconTags(word);
  return tags.length > 0 && !tags.some((t) => NAME_TAGS.has(t));
}
const isFirstName = (word: string) => lexiconTags(word).some((t) => t === 'FirstName' || t === 'MaleName' || t === 'FemaleName');

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A name as written, without what clings to it: "#Pyongyang", "Kim,”", "Kim Jong Un’s", "Asia-". */
function clean(name: string): string {
  return name
    .replace(/^[#@\s“"‘'([]+/u, '')
    .replace(/['’]s$/u, '')
    .replace(/[\s,.;:!?”"’')\]\-–—]+$/u, (tail) => (/^\.$/.test(tail) && /\b\p{Lu}$/u.test(name.slice(0, -1)) ? tail : ''))
    .replace(/\s+/gu, ' ')
    .trim();
}

const words = (name: string) => name.split(' ');

/** A person's name without the titles before it and the common words after it; '' if none is left. */
function personName(raw: string, sure: boolean): string {
  const cleaned = clean(raw);
  // compromise may run a name across punctuation: “Ellen Fetter?” Rothman” is two people or none.
  if (/[^\p{L}\p{M}\s.'’-]/u.test(cleaned)) return '';
  // A name starts with a capital ("lois", "mark" are words compromise took for names), and no word of it is
  // an abbreviation with inner dots ("Ph.D.").
  if (!/^\p{Lu}/u.test(cleaned) || /\.\p{L}/u.test(cleaned)) return '';
  let parts = words(cleaned);
  while (parts.length && TITLE_WORDS.has(parts[0].toLowerCase())) parts = parts.slice(1);
  while (parts.length && (parts[0] === 'of' || parts[0] === 'State')) parts = parts.slice(1);
  if (!sure) {
    // "Republican Phil Bryant", the headline's "Kim Encounter": words of the language around a name (but
    // "Christian Paul" keeps its first name).
    while (parts.length > 2 && isCommonWord(parts[0])) parts = parts.slice(1);
    while (parts.length && isCommonWord(parts[parts.length - 1])) parts = parts.slice(0, -1);
  }
  if (!parts.length || parts.every((p) => isCommonWord(p) || /^\p{Lu}\.$/u.test(p))) return '';
  return parts.join(' ');
}

function findPeople(text: string, doc: ReturnType<typeof nlp>): Found[] {
  const found: Found[] = [];
  for (const match of text.matchAll(TITLED)) {
    const name = personName(match[1], true);
    if (name) found.push({ type: 'person', name, sure: true });
  }
  // A capitalised run that opens with a known first name: "Mike Pompeo", which compromise reads as a place.
  for (const match of text.matchAll(new RegExp(NAME_RUN, 'gu'))) {
    const parts = words(clean(match[0]));
    const first = parts.findIndex(isFirstName);
    if (first < 0 || first === parts.length - 1) continue;
    const name = personName(parts.slice(first).join(' '), false);
    if (words(name).length > 1) found.push({ type: 'person', name, sure: false });
  }
  for (const person of doc.people().out('array') as string[]) {
    const name = personName(person, false);
    if (name) found.push({ type: 'person', name, sure: false });
  }
  return found;
}

/** Small words that may stand inside the name of a place or an organisation ("Bank of England"). */
const JOINERS = new Set(['of', 'the', 'and', 'for', 'on', 'de', 'du', 'des', 'la', 'le', 'el', 'al', 'del', 'di', 'da', 'van', 'von', 'bin']);
/** Whether a run holds a lower-case word that is no joiner: "US state of Louisiana", "Obama administration". */
const hasLowerCaseWord = (name: string) => words(name).some((w) => /^\p{Ll}/u.test(w) && !JOINERS.has(w));

/** "Ont", "Que", "Las": a short word is a place only as an abbreviation in capitals ("UK"). */
function isDoubtfulShortPlace(name: string): boolean {
  return name.length <= 3 && !/^\p{Lu}+$/u.test(name);
}

function findPlaces(doc: ReturnType<typeof nlp>): Found[] {
  const found: Found[] = [];
  for (const raw of doc.places().out('array') as string[]) {
    // "US-North Korea" and "Seoul, South Korea," name two places each.
    for (const part of raw.split(/,|(?<=\p{L})-(?=\p{Lu})/u)) {
      const name = clean(part);
      if (!name || /^\p{Ll}/u.test(name) || hasLowerCaseWord(name) || words(name).every(isCommonWord) || isDoubtfulShortPlace(name)) continue;
      found.push({ type: 'place', name: COUNTRY_FORMS[name] ?? name, sure: false });
    }
  }
  return found;
}

function findOrganisations(text: string, doc: ReturnType<typeof nlp>): Found[] {
  const found: Found[] = [];
  for (const match of text.matchAll(ORG_RUN)) {
    const name = clean(match[0]);
    if (words(name).length > 1 && !/^(?:The|A|An)$/u.test(words(name)[0])) found.push({ type: 'organisation', name, sure: true });
  }
  for (const raw of doc.organizations().out('array') as string[]) {
    const name = clean(raw);
    if (!name || hasLowerCaseWord(name)) continue;
    if (COUNTRY_FORMS[name]) found.push({ type: 'place', name: COUNTRY_FORMS[name], sure: true });
    else if (!words(name).every(isCommonWord)) found.push({ type: 'organisation', name, sure: false });
  }
  return found;
}

/** The forms a full name may be shortened to: the first word ("Kim" of Kim Jong Un), the last ("Miranda" of
 * Luis de Miranda), and the family name with its particle ("bin Laden") and without an "al-" ("Bashir"). */
function shortForms(name: string): string[] {
  const parts = words(name).filter((w) => !/^\p{Lu}\.$/u.test(w));
  if (parts.length < 2) return [];
  const particle = parts.findLastIndex((w, i) => i > 0 && i < parts.length - 1 && JOINERS.has(w));
  const family = parts.slice(particle > 0 ? particle : -1).join(' ');
  return [...new Set([parts[0], family, family.replace(/^(?:al|el|as|ad|ash)-/u, ''), parts.at(-1)!])];
}

interface Group {
  type: NameType;
  name: string;
  forms: Set<string>;
  ambiguousWith: string[];
}

/** Puts the forms of one name together: the longest form names the group; a form made of some of the words
 * of exactly one longer name joins it; one that fits several stands alone, marked ambiguous. */
function group(found: Found[]): Group[] {
  const byType = new Map<NameType, Map<string, string>>();
  for (const { type, name } of found) {
    const names = byType.get(type) ?? new Map<string, string>();
    if (!names.has(normal(name))) names.set(normal(name), name);
    byType.set(type, names);
  }
  const groups: Group[] = [];
  for (const [type, names] of byType) {
    const forms = [...names.values()].sort((a, b) => words(b).length - words(a).length || b.length - a.length);
    const full: Group[] = [];
    for (const form of forms) {
      const formWords = words(form).filter((w) => !/^\p{Lu}\.$/u.test(w)).map(normal);
      const fits = full.filter((g) => {
        const groupWords = words(g.name).map(normal);
        if (type !== 'person') return false;
        // "Pompeo" fits "Mike Pompeo" (last word) and "Kim" fits "Kim Jong Un" (family name first);
        // "Donald Trump" fits "Donald J. Trump" (the same words, an initial left out).
        if (formWords.length === 1) return shortForms(g.name).some((f) => normal(f) === formWords[0]);
        let at = 0;
        for (const w of groupWords) if (w === formWords[at]) at++;
        return at === formWords.length;
      });
      if (fits.length === 1) fits[0].forms.add(form);
      else {
        const made: Group = { type, name: form, forms: new Set([form]), ambiguousWith: fits.map((g) => g.name).sort() };
        if (fits.length === 0) full.push(made);
        else groups.push(made);
      }
    }
    // A person named in full may be named by one word of it later on: "Pompeo", "Kim", "Moon".
    if (type === 'person') {
      const known = new Set(forms.map(normal));
      const byShortForm = new Map<string, Group[]>();
      for (const g of full) {
        for (const part of shortForms(g.name)) {
          if (known.has(normal(part)) || isCommonWord(part)) continue;
          byShortForm.set(part, [...(byShortForm.get(part) ?? []), g]);
        }
      }
      for (const [form, fits] of byShortForm) {
        if (fits.length === 1) fits[0].forms.add(form);
        else groups.push({ type, name: form, forms: new Set([form]), ambiguousWith: fits.map((g) => g.name).sort() });
      }
    }
    groups.push(...full);
  }
  return groups;
}

/** Every place a group's forms occur as whole words, the longest form first, no place counted twice. */
function locate(text: string, groups: Group[]): Map<Group, NameSuggestion['mentions']> {
  const taken: [number, number][] = [];
  const mentions = new Map<Group, NameSuggestion['mentions']>(groups.map((g) => [g, []]));
  const forms = groups
    .flatMap((g) => [...g.forms, ...Object.keys(COUNTRY_FORMS).filter((k) => g.type === 'place' && COUNTRY_FORMS[k] === g.name)].map((form) => ({ g, form })))
    .sort((a, b) => b.form.length - a.form.length);
  for (const { g, form } of forms) {
    const pattern = new RegExp(`(?<![${LETTER}\\d])${escape(form).replace(/ /g, '[ \\u00a0]+')}(?![${LETTER}\\d])`, 'gu');
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (taken.some(([s, e]) => start < e && s < end)) continue;
      taken.push([start, end]);
      mentions.get(g)!.push({ start, end, text: match[0] });
    }
  }
  for (const list of mentions.values()) list.sort((a, b) => a.start - b.start);
  return mentions;
}

function suggestNames(text: string): NameSuggestion[] {
  const doc = nlp(text);
  const people = findPeople(text, doc);
  const groups = group([...people, ...findPlaces(doc), ...findOrganisations(text, doc)]);
  const mentions = locate(text, groups);
  const suggestions: NameSuggestion[] = [];
  for (const g of groups) {
    const spans = mentions.get(g)!;
    // A place or organisation only named inside a person's name ("State" in "Secretary of State") is none.
    if (spans.length === 0) continue;
    suggestions.push({
      key: suggestionKey(g.type, g.name),
      type: g.type,
      name: g.name,
      variants: [...new Set(spans.map((m) => m.text.replace(/\s+/gu, ' ')))].filter((f) => f !== g.name),
      mentions: spans,
      ambiguousWith: g.ambiguousWith,
      entityId: null,
      status: 'new',
    });
  }
  const order: Record<NameType, number> = { person: 0, organisation: 1, place: 2 };
  return suggestions.sort((a, b) => order[a.type] - order[b.type] || b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
}

/** The sentences of a text, to name an event by the one its date is in; an abbreviation ("U.S.", "Mr.") ends none. */
function sentences(text: string): { end: number; sentence: string }[] {
  const out: { end: number; sentence: string }[] = [];
  let sentence = '';
  for (const { segment, index } of new Intl.Segmenter('en', { granularity: 'sentence' }).segment(text)) {
    sentence += segment;
    if (/(?:(?<![\p{L}])\p{Lu}\.)+\s*$|(?<![\p{L}])(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Prof|No)\.\s*$/u.test(segment)) continue;
    out.push({ end: index + segment.length, sentence: sentence.trim() });
    sentence = '';
  }
  if (sentence) out.push({ end: text.length, sentence: sentence.trim() });
  return out;
}

/** The sentence a span starts in, from the text's sentences (segmented once, not once per date). */
function sentenceAt(list: { end: number; sentence: string }[], start: number): string {
  let low = 0;
  let high = list.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid].end > start) high = mid;
    else low = mid + 1;
  }
  return list[low]?.sentence ?? '';
}

const pad = (n: number) => String(n).padStart(2, '0');

function suggestDates(text: string, publishedAt: string | null): DateSuggestion[] {
  const reference = publishedAt ? new Date(`${publishedAt.slice(0, 10).padEnd(10, '-01').replace(/-$/, '')}T12:00:00Z`) : null;
  const suggestions: DateSuggestion[] = [];
  let segmented: { end: number; sentence: string }[] | null = null;
  for (const result of chrono.parse(text, reference ?? new Date(), { forwardDate: false })) {
    const c = result.start;
    const certain = (unit: Parameters<typeof c.isCertain>[0]) => c.isCertain(unit);
    // Times of day alone ("in the evening") are no date.
    if (!certain('year') && !certain('month') && !certain('day') && !certain('weekday')) continue;
    const span = { start: result.index, end: result.index + result.text.replace(/[\s,.;:]+$/u, '').length, text: result.text.replace(/[\s,.;:]+$/u, '') };
    const year = c.get('year')!;
    const month = c.get('month')!;
    const day = c.get('day')!;
    // What is not written comes from the article's date, and only from it: without one, it stays unknown.
    const resolved = certain('year') || reference !== null;
    const date = !resolved
      ? null
      : certain('day') || certain('weekday')
        ? `${year}-${pad(month)}-${pad(day)}`
        : certain('month')
          ? `${year}-${pad(month)}`
          : `${year}`;
    suggestions.push({ key: `date:${span.start}`, span, date, sentence: sentenceAt((segmented ??= sentences(text)), span.start), entityId: null, status: 'new' });
  }
  return suggestions;
}

/** What the core finds in an article's text, before anything the library knows or the user decided. */
export function findSuggestions(text: string, publishedAt: string | null): Suggestions {
  return { names: suggestNames(text), dates: suggestDates(text, publishedAt), datesResolved: publishedAt !== null };
}

/** Every suggestion for an article's text, with the library's entities and the user's decisions. */
export function suggest(
  text: string,
  options: { publishedAt: string | null; entities?: Entity[]; decisions?: SuggestionDecisions },
): Suggestions {
  return withDecisions(findSuggestions(text, options.publishedAt), options.entities ?? [], options.decisions ?? {});
}
