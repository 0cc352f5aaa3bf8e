// The timeline: events and dated annotations on a time axis that zooms (buttons, + and −, Ctrl+wheel),
// filtered by entity and tag. Items are links in time order, so Tab walks through time; each opens its
// passage (an annotation) or its page (an event).
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type WheelEvent } from 'react';
import type { Timeline, TimelineItem } from '../../../../shared/api';
import { useCommands } from '../../hooks/use-commands';
import { useLibrary } from '../../hooks/use-library';
import { hrefs, navigate } from '../../hooks/use-route';
import { call } from '../../lib/dossier';
import { EntitySelect } from '../entities/EntitySelect';

const DAY = 86_400_000;
const MIN_PX_PER_DAY = 0.02;
const MAX_PX_PER_DAY = 400;
const ITEM_WIDTH = 220;
const LANE_HEIGHT = 58;
const MARGIN = 24;

/** The first and the last day a partial date covers: 2018-07 is 1 to 31 July. */
function span(date: string): [number, number] {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  const start = Date.UTC(y, (m ?? 1) - 1, d ?? 1);
  const end = d ? start : m ? Date.UTC(y, m, 1) - DAY : Date.UTC(y + 1, 0, 1) - DAY;
  return [start, end];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function formatDay(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return [d, m ? MONTHS[m - 1] : null, y].filter(Boolean).join(' ');
}

/** Marks on the axis, as fine as the zoom allows: years, then months, then days. */
function ticks(from: number, to: number, pxPerDay: number): { at: number; label: string; major: boolean }[] {
  const out: { at: number; label: string; major: boolean }[] = [];
  const first = new Date(from);
  const months = pxPerDay * 30 >= 48;
  const days = pxPerDay >= 36;
  const yearStep = Math.max(1, Math.ceil(70 / (pxPerDay * 365)));
  for (let t = Date.UTC(first.getUTCFullYear(), 0, 1); t <= to; ) {
    const d = new Date(t);
    const y = d.getUTCFullYear();
    if (days) {
      out.push({ at: t, label: d.getUTCDate() === 1 ? `${MONTHS[d.getUTCMonth()]} ${y}` : String(d.getUTCDate()), major: d.getUTCDate() === 1 });
      t += DAY;
    } else if (months) {
      out.push({ at: t, label: d.getUTCMonth() === 0 ? String(y) : MONTHS[d.getUTCMonth()], major: d.getUTCMonth() === 0 });
      t = Date.UTC(y, d.getUTCMonth() + 1, 1);
    } else {
      if (y % yearStep === 0) out.push({ at: t, label: String(y), major: true });
      t = Date.UTC(y + 1, 0, 1);
    }
  }
  const shown = out.filter((tick) => tick.at >= from - DAY);
  // The first mark says the year, wherever the axis starts.
  if (shown[0] && !shown[0].major) {
    const d = new Date(shown[0].at);
    shown[0] = { ...shown[0], label: `${days ? `${d.getUTCDate()} ` : ''}${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`, major: true };
  }
  return shown;
}

/** Lanes before the items at one place are gathered under "+N more". */
const MAX_LANES = 6;
/** Room below the lanes for an opened "+N more" list (its CSS max-height, and a margin). */
const MORE_LIST_HEIGHT = 280;

type Placed = { item: TimelineItem; x: number; lane: number };
type Cluster = { x: number; items: TimelineItem[] };

/** Rows for the items so that no two overlap: each goes in the first lane free at its place; where all lanes
 * are taken, it joins the cluster of others there, shown as "+N more". */
function layout(items: TimelineItem[], xs: number[]): { placed: Placed[]; clusters: Cluster[] } {
  const ends: number[] = [];
  const placed: Placed[] = [];
  const clusters: Cluster[] = [];
  items.forEach((item, i) => {
    const x = xs[i];
    let lane = ends.findIndex((end) => end <= x);
    if (lane < 0 && ends.length < MAX_LANES) lane = ends.length;
    if (lane >= 0) {
      ends[lane] = x + ITEM_WIDTH + 8;
      placed.push({ item, x, lane });
      return;
    }
    const last = clusters.at(-1);
    if (last && x < last.x + ITEM_WIDTH + 8) last.items.push(item);
    else clusters.push({ x, items: [item] });
  });
  return { placed, clusters };
}

function itemHref(item: TimelineItem): string {
  return item.kind === 'event' ? hrefs.entity(item.id) : hrefs.article(item.article!.id, item.id);
}

/** One item: its extent in time (at this scale), its date, and its quote or name, as a link. */
function TimelineEntry({ item, scale }: { item: TimelineItem; scale: number | null }) {
  const [start] = span(item.date);
  const [, end] = span(item.endDate ?? item.date);
  return (
    <>
      {scale !== null && <span className="timeline-extent" aria-hidden="true" style={{ width: Math.max(4, ((end - start) / DAY + 1) * scale) }} />}
      <a href={itemHref(item)} title={item.kind === 'annotation' ? `${item.label}\n— ${item.article!.title}` : item.label}>
        <span className="timeline-date">
          {formatDay(item.date)}
          {item.endDate ? ` – ${formatDay(item.endDate)}` : ''}
          {item.kind === 'event' ? ' · event' : item.dateFrom === 'linked-event' ? ' · by its event' : ''}
        </span>
        <span className="timeline-label">{item.kind === 'annotation' ? `“${item.label}”` : item.label}</span>
      </a>
    </>
  );
}

export function TimelinePage({ entityId, tag }: { entityId: string | null; tag: string | null }) {
  const { entities, version } = useLibrary();
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pxPerDay, setPxPerDay] = useState<number | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ left: 0, width: 1200 });
  /** The instant to keep in the middle of the view when zooming. */
  const keepCentre = useRef<number | null>(null);

  useEffect(() => {
    let cancelled = false;
    call('timeline.get', { entityId: entityId ?? undefined, tag: tag ?? undefined })
      .then((t) => !cancelled && (setTimeline(t), setError(null)))
      .catch((err: Error) => !cancelled && setError(err.message));
    return () => {
      cancelled = true;
    };
  }, [entityId, tag, version]);

  const items = useMemo(() => timeline?.items ?? [], [timeline]);
  // The tag chosen stays a choice even when the entity chosen since has no annotation with it.
  const tags = [...new Set([...(tag ? [tag] : []), ...(timeline?.tags ?? [])])];
  const [from, to] = useMemo(() => {
    if (!items.length) return [0, 0];
    const spans = items.map((i) => [span(i.date)[0], span(i.endDate ?? i.date)[1]]);
    return [Math.min(...spans.map((s) => s[0])), Math.max(...spans.map((s) => s[1]))];
  }, [items]);

  const fit = () => {
    const width = (scroller.current?.clientWidth ?? 900) - 2 * MARGIN - ITEM_WIDTH;
    setPxPerDay(Math.min(MAX_PX_PER_DAY, Math.max(MIN_PX_PER_DAY, width / Math.max(1, (to - from) / DAY + 1))));
    if (scroller.current) setView({ left: 0, width: scroller.current.clientWidth });
    scroller.current?.scrollTo({ left: 0 });
  };
  // A new set of items starts fitted to the view.
  useLayoutEffect(() => {
    if (items.length) fit();
  }, [from, to]);

  const zoom = (factor: number) => {
    const el = scroller.current;
    if (!el || pxPerDay === null) return;
    keepCentre.current = from + ((el.scrollLeft + el.clientWidth / 2 - MARGIN) / pxPerDay) * DAY;
    setPxPerDay(Math.min(MAX_PX_PER_DAY, Math.max(MIN_PX_PER_DAY, pxPerDay * factor)));
  };
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || keepCentre.current === null || pxPerDay === null) return;
    el.scrollLeft = MARGIN + ((keepCentre.current - from) / DAY) * pxPerDay - el.clientWidth / 2;
    keepCentre.current = null;
    setView({ left: el.scrollLeft, width: el.clientWidth });
  }, [pxPerDay, from]);

  const commands = useMemo(
    () => [
      { id: 'timeline-zoom-in', group: 'view', title: 'Timeline: zoom in', shortcut: '+', run: () => zoom(2) },
      { id: 'timeline-zoom-out', group: 'view', title: 'Timeline: zoom out', shortcut: '−', run: () => zoom(0.5) },
      { id: 'timeline-fit', group: 'view', title: 'Timeline: fit everything', run: fit },
    ],
    [pxPerDay, from, to],
  );
  useCommands('timeline', commands);

  const setFilter = (next: { entityId?: string | null; tag?: string | null }) => {
    navigate(hrefs.timeline({ entityId: next.entityId !== undefined ? next.entityId : entityId, tag: next.tag !== undefined ? next.tag : tag }));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === '+' || event.key === '=') zoom(2);
    else if (event.key === '-' || event.key === '−') zoom(0.5);
    else return;
    event.preventDefault();
  };
  const onWheel = (event: WheelEvent<HTMLDivElement>) => {
    if (!event.ctrlKey) return;
    event.preventDefault();
    zoom(event.deltaY < 0 ? 1.25 : 0.8);
  };

  const scale = pxPerDay ?? 1;
  const { placed, clusters } = useMemo(() => layout(items, items.map((i) => MARGIN + ((span(i.date)[0] - from) / DAY) * scale)), [items, from, scale]);
  const laneCount = Math.max(1, ...placed.map((p) => p.lane + 1)) + (clusters.length ? 1 : 0);
  const width = MARGIN * 2 + ((to - from) / DAY + 1) * scale + ITEM_WIDTH;
  // Only what is on screen, and a screen either side, is drawn: thirty thousand links would not scroll.
  const near = (x: number) => x + ITEM_WIDTH >= view.left - view.width && x <= view.left + 2 * view.width;
  const entity = entities.find((e) => e.id === entityId);

  return (
    <main className="page timeline-page" aria-label="Timeline">
      <h1>Timeline{entity ? ` of ${entity.name}` : ''}</h1>
      <div className="filters">
        <label>
          Entity
          <EntitySelect value={entityId ?? ''} onChange={(id) => setFilter({ entityId: id || null })} none="All" />
        </label>
        <label>
          Tag
          <select value={tag ?? ''} onChange={(e) => setFilter({ tag: e.target.value || null })}>
            <option value="">All</option>
            {tags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <div className="toolbar">
          <button type="button" className="button" onClick={() => zoom(0.5)} aria-keyshortcuts="-" disabled={!items.length}>
            Zoom out
          </button>
          <button type="button" className="button" onClick={() => zoom(2)} aria-keyshortcuts="+" disabled={!items.length}>
            Zoom in
          </button>
          <button type="button" className="button" onClick={fit} disabled={!items.length}>
            Fit
          </button>
        </div>
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
      {timeline && items.length === 0 && (
        <p className="muted">Nothing dated yet. Give events a date, link annotations to them, or add the publication date of articles.</p>
      )}
      {timeline && timeline.undated > 0 && (
        <p className="muted">
          {timeline.undated} annotation{timeline.undated === 1 ? ' has' : 's have'} no date and {timeline.undated === 1 ? 'is' : 'are'} not shown: link{' '}
          {timeline.undated === 1 ? 'it' : 'them'} to a dated event, or add {timeline.undated === 1 ? 'its' : 'their'} article’s date.
        </p>
      )}
      {items.length > 0 && (
        <div
          className="timeline-scroll"
          ref={scroller}
          tabIndex={0}
          role="region"
          aria-label="Time axis: + and − zoom, Ctrl+wheel too"
          onKeyDown={onKeyDown}
          onWheel={onWheel}
          onScroll={(e) => {
            const el = e.currentTarget;
            if (Math.abs(el.scrollLeft - view.left) > el.clientWidth / 4 || el.clientWidth !== view.width) setView({ left: el.scrollLeft, width: el.clientWidth });
          }}
        >
          <div className="timeline-track" style={{ width, height: laneCount * LANE_HEIGHT + 40 + (clusters.length ? MORE_LIST_HEIGHT : 0) }}>
            <div className="timeline-axis" aria-hidden="true">
              {ticks(from, to, scale).map((tick) => (
                <span key={tick.at} className={tick.major ? 'tick major' : 'tick'} style={{ left: MARGIN + ((tick.at - from) / DAY) * scale }}>
                  {tick.label}
                </span>
              ))}
            </div>
            <ol className="timeline-items" aria-label="Events and annotations in time order">
              {placed.filter((p) => near(p.x)).map(({ item, x, lane }) => (
                <li key={`${item.kind}-${item.id}`} className={`timeline-item kind-${item.kind}`} style={{ left: x, top: 32 + lane * LANE_HEIGHT }}>
                  <TimelineEntry item={item} scale={scale} />
                </li>
              ))}
              {clusters.filter((c) => near(c.x)).map((cluster) => (
                <li key={`more-${cluster.x}`} className="timeline-item timeline-more" style={{ left: cluster.x, top: 32 + MAX_LANES * LANE_HEIGHT }}>
                  <details>
                    <summary>
                      +{cluster.items.length} more from {formatDay(cluster.items[0].date)}
                    </summary>
                    <ol>
                      {cluster.items.map((item) => (
                        <li key={`${item.kind}-${item.id}`}>
                          <TimelineEntry item={item} scale={null} />
                        </li>
                      ))}
                    </ol>
                  </details>
                </li>
              ))}
            </ol>
          </div>
        </div>
      )}
    </main>
  );
}
