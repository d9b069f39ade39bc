// The stallwatch dashboard: a view per address (#/, #/fleet, #/cohorts, #/hosts/ID,
// #/incidents/ID, #/alerts, #/search?q=, #/me?host=ID), kept current by the event stream.
import { alertsView } from './alerts.js';
import { cohortsView } from './cohorts.js';
import { fleetView } from './fleet.js';
import { hostView } from './host.js';
import { incidentView } from './incident.js';
import { hideList, listChanged, showList, startList } from './list.js';
import { connectLive } from './live.js';
import { meView } from './me.js';
import { overviewView } from './overview.js';

// [address pattern, nav entry, the view (null: the incident list alone), whether the list shows]
const ROUTES = [
  [/^\/?$/, 'overview', overviewView, true],
  [/^\/search$/, 'search', null, true],
  [/^\/fleet$/, 'fleet', fleetView, false],
  [/^\/cohorts$/, 'cohorts', cohortsView, false],
  [/^\/hosts\/(.+)$/, 'fleet', hostView, false],
  [/^\/incidents\/(.+)$/, 'search', incidentView, false],
  [/^\/alerts$/, 'alerts', alertsView, false],
  [/^\/me$/, 'me', meView, false],
];

let current = null;

function parseHash() {
  const raw = window.location.hash.replace(/^#/, '') || '/';
  const at = raw.indexOf('?');
  return at < 0 ? { path: raw, params: new URLSearchParams() } : { path: raw.slice(0, at), params: new URLSearchParams(raw.slice(at + 1)) };
}

// An id from the address; one whose percent-encoding is broken is taken as written.
function decoded(part) {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function markNav(name) {
  for (const a of document.querySelectorAll('nav a[data-nav]')) {
    if (a.dataset.nav === name) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  }
}

function route() {
  const { path, params } = parseHash();
  const view = document.getElementById('view');
  const found = ROUTES.map(([pattern, ...rest]) => [pattern.exec(path), ...rest]).find(([match]) => match)
    ?? [null, null, null, false];
  const [match, nav, build, withList] = found;
  markNav(nav);
  current = null;
  if (!match) {
    view.replaceChildren();
    const p = document.createElement('p');
    p.className = 'error';
    p.textContent = `Nothing is at #${path}; the links above lead to every view.`;
    view.append(p);
  } else if (build) {
    current = build(view, params, match[1] === undefined ? undefined : decoded(match[1]));
  } else {
    view.replaceChildren();
  }
  view.hidden = !build && Boolean(match);
  if (withList) {
    showList(params.get('q') ?? '', params.get('sort') ?? 'relevance');
  } else {
    hideList();
  }
  window.scrollTo(0, 0);
}

function changed(type, data) {
  current?.changed?.(type, data);
  listChanged(type, data);
}

// An address from before the views (`/?q=...`) opens the same search.
function fromOldAddress() {
  const old = new URLSearchParams(window.location.search);
  if (old.has('q') && !window.location.hash) {
    const params = new URLSearchParams({ q: old.get('q'), sort: old.get('sort') ?? 'relevance' });
    window.history.replaceState(null, '', `/#/search?${params}`);
  }
}

function start() {
  fromOldAddress();
  startList();
  window.addEventListener('hashchange', route);
  route();
  connectLive(changed);
}

// Module scripts run after the document is parsed.
start();
