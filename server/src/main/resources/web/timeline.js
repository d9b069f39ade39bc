// The picture of a window of one host's life, drawn as SVG: Resource Saver and engine-down periods
// as hatched bands with their names on them, memory and page cache (and PSI io) as lines, reclaim
// steps and hang signals as shaped markers, incidents as spans that link to their page. Colour never
// carries meaning alone: each thing has its own pattern, dash or shape, a text label or a <title>,
// and a legend.
import { el, formatTime, incidentHref, list } from './dom.js';

const NS = 'http://www.w3.org/2000/svg';
const W = 1000;
const PLOT = { left: 64, right: 936, top: 24, bottom: 196 };
const MARK_Y = 208;
const SPAN = { top: 226, height: 22 };
const AXIS_Y = 276;
const H = 290;
// Incidents that overlap go on lanes one below the other; past the last lane they share it.
const LANE = SPAN.height + 4;
const MAX_LANES = 4;
const HANG_KINDS = new Set(['hung_task', 'io_stall', 'apt_stall', 'freeze']);
const LINES = [
  { key: 'memAvailableBytes', name: 'memory available', cls: 'line mem', axis: 'bytes' },
  { key: 'pageCacheBytes', name: 'page cache', cls: 'line cache', axis: 'bytes' },
  { key: 'psiIoAvg10', name: 'PSI io (avg10, % on the right axis)', cls: 'line psi', axis: 'percent' },
];
const BAND_NAMES = { 'resource-saver': 'Resource Saver', 'engine-down': 'engine down' };
let drawn = 0;

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    node.setAttribute(name, String(value));
  }
  if (text !== undefined) {
    node.textContent = String(text);
  }
  return node;
}

function millis(value) {
  return typeof value === 'number' ? value : new Date(value).getTime();
}

function patterns(uid) {
  const defs = svg('defs');
  const hatch = svg('pattern', { id: `${uid}-rs`, width: 8, height: 8, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
  hatch.append(svg('rect', { width: 8, height: 8, class: 'band-fill rs' }), svg('line', { x1: 0, y1: 0, x2: 0, y2: 8, class: 'hatch rs' }));
  const cross = svg('pattern', { id: `${uid}-down`, width: 8, height: 8, patternUnits: 'userSpaceOnUse' });
  cross.append(svg('rect', { width: 8, height: 8, class: 'band-fill down' }),
    svg('path', { d: 'M0 0L8 8M8 0L0 8', class: 'hatch down' }));
  defs.append(hatch, cross);
  return defs;
}

// The shape of a marker: a downward triangle for a hang signal, a circle for reclaim, a diamond
// for anything else (probes, the docker CLI).
function markerShape(kind, x, y) {
  if (HANG_KINDS.has(kind)) {
    return svg('path', { d: `M${x - 6} ${y - 6}L${x + 6} ${y - 6}L${x} ${y + 5}Z`, class: 'shape hang' });
  }
  if (kind === 'reclaim') {
    return svg('circle', { cx: x, cy: y, r: 5, class: 'shape reclaim' });
  }
  return svg('path', { d: `M${x} ${y - 6}L${x + 6} ${y}L${x} ${y + 6}L${x - 6} ${y}Z`, class: 'shape other' });
}

function gib(bytes) {
  return `${Math.round((bytes / 2 ** 30) * 10) / 10} GiB`;
}

function clockLabel(ms, spanMs) {
  const date = new Date(ms);
  const time = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return spanMs > 20 * 3600 * 1000 ? `${date.toLocaleDateString([], { day: 'numeric', month: 'short' })} ${time}` : time;
}

function scales(data) {
  const from = millis(data.from);
  const to = Math.max(millis(data.to), from + 1);
  const x = (t) => PLOT.left + ((Math.min(Math.max(millis(t), from), to) - from) / (to - from)) * (PLOT.right - PLOT.left);
  let max = 0;
  for (const line of LINES.filter((l) => l.axis === 'bytes')) {
    for (const [, value] of list(data.series?.[line.key])) {
      max = Math.max(max, Number(value) || 0);
    }
  }
  max = max > 0 ? max * 1.1 : 1;
  const y = (v, axis) => {
    const share = axis === 'percent' ? Math.min(Number(v), 100) / 100 : Number(v) / max;
    return PLOT.bottom - share * (PLOT.bottom - PLOT.top);
  };
  return { from, to, x, y, max };
}

function axes(s, hasBytes, hasPercent, extra) {
  const group = svg('g', { class: 'axes' });
  group.append(svg('rect', { x: PLOT.left, y: PLOT.top, width: PLOT.right - PLOT.left, height: PLOT.bottom - PLOT.top, class: 'frame' }));
  for (let i = 0; i <= 4; i++) {
    const t = s.from + ((s.to - s.from) * i) / 4;
    const x = s.x(t);
    group.append(svg('line', { x1: x, y1: PLOT.bottom, x2: x, y2: SPAN.top + SPAN.height + extra, class: 'tick' }));
    group.append(svg('text', { x, y: AXIS_Y + extra, 'text-anchor': i === 0 ? 'start' : i === 4 ? 'end' : 'middle', class: 'axis-label' }, clockLabel(t, s.to - s.from)));
  }
  if (hasBytes) {
    for (const share of [0, 0.5, 1]) {
      const v = (s.max / 1.1) * share;
      group.append(svg('text', { x: PLOT.left - 6, y: s.y(v, 'bytes') + 4, 'text-anchor': 'end', class: 'axis-label' }, gib(v)));
    }
  }
  if (hasPercent) {
    for (const v of [0, 50, 100]) {
      group.append(svg('text', { x: PLOT.right + 6, y: s.y(v, 'percent') + 4, class: 'axis-label' }, `${v} %`));
    }
  }
  return group;
}

// Where a label of a thing from x1 to x2 goes: after its start, or, near the right edge, ending at
// its end, so it stays inside the picture. About 7 units a character at the labels' size.
function labelAt(x1, x2, text) {
  if (x1 + 4 + text.length * 7 <= PLOT.right) {
    return { x: x1 + 4 };
  }
  return { x: Math.max(Math.min(x2, PLOT.right) - 4, PLOT.left + 4), 'text-anchor': 'end' };
}

function bands(data, s, uid) {
  const group = svg('g', { class: 'bands' });
  for (const band of list(data.bands)) {
    const x1 = s.x(band.from);
    const x2 = s.x(band.to ?? s.to);
    const name = BAND_NAMES[band.kind] ?? String(band.kind);
    const g = svg('g', { class: `band ${band.kind === 'engine-down' ? 'down' : 'rs'}`, 'data-kind': String(band.kind) });
    const fill = band.kind === 'engine-down' ? `url(#${uid}-down)` : `url(#${uid}-rs)`;
    g.append(svg('title', {}, `${name} from ${formatTime(band.from)} to ${band.to ? formatTime(band.to) : 'now'}${band.label ? `: ${band.label}` : ''}`));
    g.append(svg('rect', { x: x1, y: PLOT.top, width: Math.max(x2 - x1, 2), height: PLOT.bottom - PLOT.top, fill }));
    g.append(svg('text', { ...labelAt(x1, x2, name), y: PLOT.top + (band.kind === 'engine-down' ? 28 : 14), class: 'band-label' }, name));
    group.append(g);
  }
  return group;
}

function lines(data, s) {
  const group = svg('g', { class: 'lines' });
  for (const line of LINES) {
    const points = list(data.series?.[line.key]);
    let d = '';
    let pen = 'M';
    for (const [t, v] of points) {
      if (v === null || v === undefined) {
        pen = 'M';
        continue;
      }
      d += `${pen}${s.x(t).toFixed(1)} ${s.y(v, line.axis).toFixed(1)}`;
      pen = 'L';
    }
    if (d) {
      const path = svg('path', { d, class: line.cls, 'data-series': line.key });
      path.append(svg('title', {}, line.name));
      group.append(path);
    }
  }
  return group;
}

function markers(data, s) {
  const group = svg('g', { class: 'markers' });
  for (const marker of list(data.markers)) {
    const x = s.x(marker.at);
    const g = svg('g', { class: 'marker', 'data-kind': String(marker.kind) });
    g.append(svg('title', {}, `${marker.kind} at ${formatTime(marker.at)}: ${marker.text ?? ''}`));
    g.append(svg('line', { x1: x, y1: PLOT.top, x2: x, y2: PLOT.bottom, class: 'marker-rule' }));
    g.append(markerShape(marker.kind, x, MARK_Y));
    group.append(g);
  }
  return group;
}

// Each incident's bar and label, on the first lane where neither touches another's (a host often
// has several incidents open at once, all running to now).
function placedSpans(data, s) {
  const placed = list(data.incidents).map((incident) => {
    const x1 = s.x(incident.from);
    const x2 = s.x(incident.to ?? s.to);
    const label = `incident: ${incident.rule}`;
    const at = labelAt(x1, x2, label);
    const labelStart = at['text-anchor'] === 'end' ? at.x - label.length * 7 : at.x;
    return { incident, x1, x2, label, at, left: Math.min(x1, labelStart), right: Math.max(x2, labelStart + label.length * 7) };
  }).sort((a, b) => a.left - b.left);
  const ends = [];
  for (const span of placed) {
    let lane = ends.findIndex((end) => end < span.left);
    if (lane < 0) {
      lane = Math.min(ends.length, MAX_LANES - 1);
    }
    ends[lane] = Math.max(ends[lane] ?? -Infinity, span.right);
    span.lane = lane;
  }
  return placed;
}

function spans(placed) {
  const group = svg('g', { class: 'spans' });
  for (const { incident, x1, x2, label, at, lane } of placed) {
    const top = SPAN.top + lane * LANE;
    const a = svg('a', { href: incidentHref(incident.id), class: 'span', 'data-id': String(incident.id) });
    a.append(svg('title', {}, `${incident.title} (${incident.rule}), ${formatTime(incident.from)} to ${incident.to ? formatTime(incident.to) : 'still open'}`));
    a.append(svg('rect', { x: x1, y: top, width: Math.max(x2 - x1, 4), height: SPAN.height, class: `span-bar ${incident.severity ?? ''}` }));
    a.append(svg('text', { ...at, y: top + 15, class: 'span-label' }, label));
    group.append(a);
  }
  return group;
}

function swatch(kind, uid) {
  const box = svg('svg', { viewBox: '0 0 24 14', width: 24, height: 14, 'aria-hidden': 'true' });
  if (kind === 'rs' || kind === 'down') {
    box.append(svg('rect', { width: 24, height: 14, fill: `url(#${uid}-${kind})`, class: `band ${kind}` }));
  } else if (kind.startsWith('line')) {
    box.append(svg('path', { d: 'M0 7L24 7', class: kind }));
  } else if (kind === 'span') {
    box.append(svg('rect', { y: 2, width: 24, height: 10, class: 'span-bar' }));
  } else {
    box.append(markerShape(kind, 12, 7));
  }
  return box;
}

// The legend names what this picture holds.
function legend(uid, data) {
  const items = [];
  const bandKinds = new Set(list(data.bands).map((band) => band.kind));
  if (bandKinds.has('resource-saver')) {
    items.push(['rs', 'Resource Saver (hatched band)']);
  }
  if (bandKinds.has('engine-down')) {
    items.push(['down', 'engine down (cross-hatched band)']);
  }
  for (const line of LINES) {
    if (list(data.series?.[line.key]).some(([, v]) => v !== null && v !== undefined)) {
      items.push([line.cls, line.name]);
    }
  }
  const markerKinds = list(data.markers).map((marker) => String(marker.kind));
  if (markerKinds.includes('reclaim')) {
    items.push(['reclaim', 'reclaim step (circle)']);
  }
  if (markerKinds.some((kind) => HANG_KINDS.has(kind))) {
    items.push(['hung_task', 'hang signal (triangle)']);
  }
  if (markerKinds.some((kind) => kind !== 'reclaim' && !HANG_KINDS.has(kind))) {
    items.push(['docker_cli', 'probe, docker CLI or other event (diamond)']);
  }
  if (list(data.incidents).length > 0) {
    items.push(['span', 'incident (bar, links to it)']);
  }
  const ul = el('ul', null, 'legend');
  for (const [kind, text] of items) {
    const li = el('li');
    li.append(swatch(kind, uid), el('span', text));
    ul.append(li);
  }
  return ul;
}

// The events of the window as a list, so what each marker says can be read (and copied) as text.
function eventList(data) {
  const all = list(data.markers);
  const details = el('details', null, 'timeline-events');
  details.append(el('summary', `${all.length} ${all.length === 1 ? 'event' : 'events'} in this window`));
  const items = el('ul', null, 'scroll');
  for (const marker of all) {
    const li = el('li');
    li.append(el('span', formatTime(marker.at), 'ts'), ' ', el('span', marker.kind, 'kind'), ' ', el('span', marker.text ?? ''));
    items.append(li);
  }
  details.append(items);
  return details;
}

// A figure: the picture of `data` ({from, to, series, bands, markers, incidents}), its legend and
// its events as text; `what` names it for screen readers ("dev-anna, last 24 h").
export function timeline(data, what) {
  const uid = `tl${++drawn}`;
  const s = scales(data);
  const title = `Timeline of ${what}: ${list(data.bands).length} bands, ${list(data.markers).length} events, ${list(data.incidents).length} incidents`;
  const placed = placedSpans(data, s);
  const extra = Math.max(0, ...placed.map((span) => span.lane)) * LANE;
  const picture = svg('svg', { viewBox: `0 0 ${W} ${H + extra}`, role: 'img', 'aria-labelledby': `${uid}-title`, class: 'timeline-svg' });
  const hasPercent = list(data.series?.psiIoAvg10).some(([, v]) => v !== null && v !== undefined);
  picture.append(svg('title', { id: `${uid}-title` }, title), patterns(uid), bands(data, s, uid),
    axes(s, s.max > 1, hasPercent, extra), lines(data, s), markers(data, s), spans(placed));
  const figure = el('figure', null, 'timeline');
  const scroller = el('div', null, 'timeline-scroll');
  scroller.append(picture);
  figure.append(scroller, legend(uid, data), eventList(data));
  return figure;
}
