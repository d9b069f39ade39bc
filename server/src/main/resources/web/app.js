// The stallwatch dashboard: the newest incidents, or a search, refreshed every few seconds. Rows
// are updated in place (rows.js), so what a reader opened stays open.
import { el, getJson, hostLabel, list } from './dom.js';
import { emptyState } from './empty.js';
import { knownIssue } from './issues.js';
import { updateRows } from './rows.js';
import { recentSummary, searchSummary } from './summary.js';

const REFRESH_MS = 5000;
const LIMIT = 100;
const FILTER_FACETS = { rule: 'rule', host: 'host', status: 'status' };
const FACET_NAMES = {
  rule: 'Rule', host: 'Host', status: 'Status', wslVersion: 'WSL', dockerDesktopVersion: 'Docker Desktop',
  reclaimMode: 'autoMemoryReclaim',
};

let query = '';
let sort = 'relevance';
let timer = null;
// Each refresh gets a number; a slower, older answer must not overwrite a newer one.
let generation = 0;

function hostNames(hits) {
  return new Map(hits.map((hit) => [String(hit.incident.host), hostLabel(hit.incident)]));
}

// Rebuilt only when the issues changed, so an open disclosure in them stays open across refreshes.
function renderKnown(hits) {
  const known = document.getElementById('known-list');
  const key = JSON.stringify(hits);
  if (known.dataset.key !== key) {
    known.replaceChildren(...hits.map(knownIssue));
    known.dataset.key = key;
  }
  document.getElementById('known').hidden = hits.length === 0;
}

function facetButton(dim, value, label) {
  const button = el('button', label, 'facet-value');
  button.type = 'button';
  button.dataset.filter = `${FILTER_FACETS[dim]}:${value.value}`;
  button.addEventListener('click', () => {
    const input = document.getElementById('q');
    input.value = `${input.value.trim()} ${button.dataset.filter}`.trim();
    show(input.value);
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
  document.getElementById('facet-list').replaceChildren(...lists);
  document.getElementById('facets').hidden = lists.length === 0;
}

function render(hits, summary) {
  updateRows(document.querySelector('#incidents tbody'), hits);
  const status = document.getElementById('status');
  status.textContent = summary;
  status.classList.remove('error');
  // Counts answers shown, so a reader (or a test) can tell that a refresh happened.
  status.dataset.refreshes = String(Number(status.dataset.refreshes ?? 0) + 1);
}

function showError(error) {
  // A refused search has no results; a failed refresh keeps showing the last good list.
  if (error.status === 400) {
    updateRows(document.querySelector('#incidents tbody'), []);
    renderKnown([]);
    renderFacets({}, new Map());
  }
  const status = document.getElementById('status');
  status.textContent = error.message;
  status.classList.add('error');
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

// With no incident at all, the table gives way to what the server's health says about why.
function showTable(shown) {
  document.getElementById('incidents').hidden = !shown;
  if (shown) {
    document.getElementById('empty').hidden = true;
  }
}

function showEmpty(nodes) {
  const section = document.getElementById('empty');
  section.replaceChildren(...nodes);
  section.hidden = false;
  showTable(false);
}

async function refreshRecent(mine) {
  const incidents = await getJson(`/api/incidents?limit=${LIMIT}`);
  if (incidents.length === 0) {
    const nodes = await emptyState();
    if (mine === generation) {
      showEmpty(nodes);
      renderKnown([]);
      renderFacets({}, new Map());
      render([], `No incidents yet; checked every ${REFRESH_MS / 1000} s.`);
    }
    return;
  }
  if (mine === generation) {
    showTable(true);
    renderKnown([]);
    renderFacets({}, new Map());
    render(incidents.map((incident) => ({ incident })),
      recentSummary(incidents.length, LIMIT, REFRESH_MS / 1000));
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

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(async () => {
    await refresh();
    schedule();
  }, REFRESH_MS);
}

function show(newQuery) {
  query = newQuery;
  sort = document.getElementById('sort').value;
  // Keep the search in the address, so it can be bookmarked, shared and reloaded.
  const url = new URL(window.location.href);
  if (query) {
    url.searchParams.set('q', query);
    url.searchParams.set('sort', sort);
  } else {
    url.searchParams.delete('q');
    url.searchParams.delete('sort');
  }
  window.history.replaceState(null, '', url);
  refresh();
  schedule();
}

function start() {
  const input = document.getElementById('q');
  document.getElementById('search').addEventListener('submit', (event) => {
    event.preventDefault();
    show(input.value.trim());
  });
  document.getElementById('recent').addEventListener('click', () => {
    input.value = '';
    show('');
  });
  const params = new URLSearchParams(window.location.search);
  input.value = params.get('q') ?? '';
  document.getElementById('sort').value = params.get('sort') === 'recent' ? 'recent' : 'relevance';
  show(input.value.trim());
}

// Module scripts run after the document is parsed.
start();
