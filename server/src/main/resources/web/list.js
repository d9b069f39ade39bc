// The incident list: the newest incidents, or a search, kept current by the event stream. Rows are
// updated in place (rows.js), so what a reader opened stays open.
import { el, getJson, hostLabel, list } from './dom.js';
import { emptyState } from './empty.js';
import { knownIssue } from './issues.js';
import { updateRows } from './rows.js';
import { recentSummary, searchSummary } from './summary.js';

const LIMIT = 100;
// A search is asked again this long after the last change the stream told of, so a burst of
// changes costs one search.
const SEARCH_DEBOUNCE_MS = 700;
const FILTER_FACETS = { rule: 'rule', host: 'host', status: 'status' };
const FACET_NAMES = {
  rule: 'Rule', host: 'Host', status: 'Status', wslVersion: 'WSL', dockerDesktopVersion: 'Docker Desktop',
  reclaimMode: 'autoMemoryReclaim',
};

let query = '';
let sort = 'relevance';
// The newest incidents shown while there is no search, merged with those the stream sends.
let recent = [];
let debounce = null;
// Each refresh gets a number; a slower, older answer must not overwrite a newer one.
let generation = 0;

function byId(id) {
  return document.getElementById(id);
}

function hostNames(hits) {
  return new Map(hits.map((hit) => [String(hit.incident.host), hostLabel(hit.incident)]));
}

// Rebuilt only when the issues changed, so an open disclosure in them stays open across refreshes.
function renderKnown(hits) {
  const known = byId('known-list');
  const key = JSON.stringify(hits);
  if (known.dataset.key !== key) {
    known.replaceChildren(...hits.map(knownIssue));
    known.dataset.key = key;
  }
  byId('known').hidden = hits.length === 0;
}

function facetButton(dim, value, label) {
  const button = el('button', label, 'facet-value');
  button.type = 'button';
  button.dataset.filter = `${FILTER_FACETS[dim]}:${value.value}`;
  button.addEventListener('click', () => {
    const input = byId('q');
    input.value = `${input.value.trim()} ${button.dataset.filter}`.trim();
    search(input.value, byId('sort').value);
  });
  return button;
}

function renderFacets(facets, names) {
  const lists = [];
  for (const [dim, values] of Object.entries(facets ?? {})) {
    if (list(values).length === 0) {
      continue;
    }
    const items = el('ul');
    for (const value of values) {
      const shown = dim === 'host' ? (names.get(String(value.value)) ?? value.value) : value.value;
      const label = `${shown} (${value.count})`;
      const item = el('li');
      item.append(FILTER_FACETS[dim] ? facetButton(dim, value, label) : el('span', label));
      items.append(item);
    }
    lists.push(el('h3', FACET_NAMES[dim] ?? dim), items);
  }
  byId('facet-list').replaceChildren(...lists);
  byId('facets').hidden = lists.length === 0;
}

function render(hits, summary) {
  updateRows(document.querySelector('#incidents tbody'), hits);
  const status = byId('status');
  status.textContent = summary;
  status.classList.remove('error');
  // Counts answers shown, so a reader (or a test) can tell that the list was brought up to date.
  status.dataset.refreshes = String(Number(status.dataset.refreshes ?? 0) + 1);
}

function showError(error) {
  // A refused search has no results; a failed refresh keeps showing the last good list.
  if (error.status === 400) {
    updateRows(document.querySelector('#incidents tbody'), []);
    renderKnown([]);
    renderFacets({}, new Map());
  }
  const status = byId('status');
  status.textContent = error.message;
  status.classList.add('error');
}

// With no incident at all, the table gives way to what the server's health says about why.
function showTable(shown) {
  byId('incidents').hidden = !shown;
  if (shown) {
    byId('empty').hidden = true;
  }
}

function showEmpty(nodes) {
  const section = byId('empty');
  section.replaceChildren(...nodes);
  section.hidden = false;
  showTable(false);
}

async function refreshSearch(mine) {
  const params = new URLSearchParams({ q: query, limit: String(LIMIT), sort });
  const result = await getJson(`/api/search?${params}`);
  if (mine === generation) {
    showTable(true);
    const names = hostNames(result.hits);
    renderKnown(list(result.knownIssues));
    renderFacets(result.facets, names);
    render(result.hits, searchSummary(result, sort, names));
  }
}

function showRecent() {
  showTable(true);
  renderKnown([]);
  renderFacets({}, new Map());
  render(recent.map((incident) => ({ incident })), recentSummary(recent.length, LIMIT));
}

async function refreshRecent(mine) {
  const incidents = await getJson(`/api/incidents?limit=${LIMIT}`);
  if (mine !== generation) {
    return;
  }
  recent = incidents;
  if (incidents.length > 0) {
    showRecent();
    return;
  }
  const nodes = await emptyState();
  if (mine === generation && recent.length === 0) {
    showEmpty(nodes);
    renderKnown([]);
    renderFacets({}, new Map());
    render([], 'No incidents yet; new ones appear here as they are opened.');
  }
}

async function refresh() {
  const mine = ++generation;
  try {
    await (query ? refreshSearch(mine) : refreshRecent(mine));
  } catch (error) {
    if (mine === generation) {
      showError(error);
    }
  }
}

function openedAt(incident) {
  return String(incident.openedAt ?? '');
}

// An incident the stream sent, put in the newest list in its place (or updated where it is).
function mergeRecent(incident) {
  const others = recent.filter((shown) => shown.id !== incident.id);
  recent = [incident, ...others]
    .sort((a, b) => openedAt(b).localeCompare(openedAt(a)))
    .slice(0, LIMIT);
  generation++;
  showRecent();
}

// Shows the list for `newQuery` (the newest incidents when empty), ordered by `newSort`.
export function showList(newQuery, newSort) {
  query = newQuery ?? '';
  sort = newSort === 'recent' ? 'recent' : 'relevance';
  byId('q').value = query;
  byId('sort').value = sort;
  byId('incident-list').hidden = false;
  refresh();
}

export function hideList() {
  byId('incident-list').hidden = true;
  clearTimeout(debounce);
}

// Runs a search by changing the address, so it can be bookmarked, shared and reloaded.
export function search(text, order) {
  const params = new URLSearchParams();
  if (text.trim()) {
    params.set('q', text.trim());
    params.set('sort', order);
  }
  const hash = `#/search${params.size > 0 ? `?${params}` : ''}`;
  if (window.location.hash === hash) {
    refresh();
  } else {
    window.location.hash = hash;
  }
}

// What the stream says changed: an incident goes into the newest list at once; a search is asked
// again; a resync reloads either.
export function listChanged(type, data) {
  if (byId('incident-list').hidden) {
    return;
  }
  if (type === 'incident' && !query && data && data.id) {
    mergeRecent(data);
    return;
  }
  if (type === 'incident' || type === 'resync') {
    clearTimeout(debounce);
    debounce = setTimeout(refresh, type === 'resync' ? 0 : SEARCH_DEBOUNCE_MS);
  }
}

export function startList() {
  const input = byId('q');
  byId('search').addEventListener('submit', (event) => {
    event.preventDefault();
    search(input.value, byId('sort').value);
  });
  byId('recent').addEventListener('click', () => search('', 'relevance'));
}
