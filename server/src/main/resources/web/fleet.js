// The fleet: every host with its state, versions and risk, filtered and sorted by the server.
import { cell, el, field, getJson, hostHref, hostRowLabel, link, list, option, scrollingTable, throttled, timeEl } from './dom.js';

const STATES = [['', 'any state'], ['ok', 'ok'], ['resource-saver', 'Resource Saver'], ['hanging', 'hanging'], ['silent', 'silent']];
const SORTS = [['host', 'Host'], ['lastSeen', 'Last seen'], ['lastHangAt', 'Last hang'], ['hangs7d', 'Hangs 7 d']];
// How each order runs, for the column headings' aria-sort.
const DIRECTIONS = { host: 'ascending', lastSeen: 'descending', lastHangAt: 'descending', hangs7d: 'descending' };
const HEADINGS = ['Host', 'State', 'WSL', 'Kernel', 'Docker Desktop', 'Windows', 'Reclaim', 'cgroup',
  'Resource Saver', 'Last seen', 'Last hang', 'Hangs 7 d', 'Risk'];
const LIMIT = 500;

// A state as a word in a badge: the colour repeats what the word says.
export function stateBadge(state) {
  const words = { ok: 'ok', 'resource-saver': 'Resource Saver', hanging: 'hanging', silent: 'silent' };
  return el('span', words[state] ?? String(state ?? 'unknown'), `badge state-${state}`);
}

export function riskBlock(row) {
  if (!row.atRisk) {
    return null;
  }
  const block = el('div', null, 'risk');
  block.append(el('span', 'at risk', 'badge at-risk'));
  const reasons = el('ul', null, 'reasons');
  reasons.append(...list(row.riskReasons).map((reason) => el('li', reason)));
  block.append(reasons);
  return block;
}

function onOff(value) {
  return value === true ? 'on' : value === false ? 'off' : 'unknown';
}

function hostCell(row) {
  const a = link(hostHref(row.host), hostRowLabel(row));
  const td = cell(a);
  td.className = 'host';
  if (a.textContent !== String(row.host)) {
    td.append(el('div', row.host, 'rule'));
  }
  return td;
}

function rowOf(row) {
  const tr = el('tr');
  tr.dataset.host = String(row.host);
  const v = row.versions ?? {};
  tr.append(hostCell(row), cell(stateBadge(row.state)), cell(v.wsl ?? ''), cell(v.kernel ?? ''),
    cell(v.dockerDesktop ?? ''), cell(v.windows ?? ''), cell(row.reclaimMode ?? 'unknown'),
    cell(row.cgroupLayout ?? 'unknown'), cell(onOff(row.resourceSaverEnabled)), cell(timeEl(row.lastSeen, true)),
    cell(row.lastHangAt ? timeEl(row.lastHangAt, true) : 'never'), cell(String(row.hangs7d ?? 0)),
    cell(riskBlock(row)));
  return tr;
}

// The headings of the columns the server sorts by become buttons that choose that order.
function sortableHeadings(table, sortSelect) {
  const mark = () => {
    for (const th of table.querySelectorAll('th[data-sort]')) {
      if (th.dataset.sort === sortSelect.value) {
        th.setAttribute('aria-sort', DIRECTIONS[th.dataset.sort]);
      } else {
        th.removeAttribute('aria-sort');
      }
    }
  };
  for (const th of table.querySelectorAll('th')) {
    const sort = SORTS.find(([, label]) => label === th.textContent);
    if (!sort) {
      continue;
    }
    th.dataset.sort = sort[0];
    const button = el('button', th.textContent, 'sort');
    button.type = 'button';
    button.addEventListener('click', () => {
      sortSelect.value = sort[0];
      sortSelect.dispatchEvent(new Event('change'));
    });
    th.replaceChildren(button);
  }
  sortSelect.addEventListener('change', mark);
  mark();
}

function filters(params, apply) {
  const form = el('form', null, 'filters');
  form.setAttribute('role', 'search');
  const [stateLabel, state] = field('fleet-state', 'State', 'select');
  state.append(...STATES.map(([value, text]) => option(value, text)));
  state.value = params.get('state') ?? '';
  const [riskLabel, risk] = field('fleet-risk', 'At risk only');
  risk.type = 'checkbox';
  risk.checked = params.get('atRisk') === 'true';
  const [textLabel, text] = field('fleet-q', 'Host');
  text.type = 'search';
  text.value = params.get('q') ?? '';
  text.placeholder = 'part of a host name';
  const [sortLabel, sort] = field('fleet-sort', 'Order', 'select');
  sort.append(...SORTS.map(([value, label]) => option(value, label)));
  sort.value = params.get('sort') ?? 'host';
  const riskWrap = el('span', null, 'check');
  riskWrap.append(risk, riskLabel);
  form.append(stateLabel, state, riskWrap, textLabel, text, sortLabel, sort);
  const read = () => {
    const chosen = new URLSearchParams();
    if (state.value) chosen.set('state', state.value);
    if (risk.checked) chosen.set('atRisk', 'true');
    if (text.value.trim()) chosen.set('q', text.value.trim());
    if (sort.value !== 'host') chosen.set('sort', sort.value);
    apply(chosen);
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    read();
  });
  for (const input of [state, risk, sort]) {
    input.addEventListener('change', read);
  }
  text.addEventListener('input', read);
  return form;
}

export function fleetView(container, params) {
  let chosen = params;
  const status = el('p', 'Loading hosts…', 'view-status');
  status.setAttribute('role', 'status');
  const table = scrollingTable('fleet', HEADINGS);
  const tbody = table.querySelector('tbody');
  let mine = 0;
  const load = async () => {
    const asked = ++mine;
    const query = new URLSearchParams(chosen);
    query.set('limit', String(LIMIT));
    try {
      const rows = await getJson(`/api/hosts?${query}`);
      if (asked === mine) {
        tbody.replaceChildren(...list(rows).map(rowOf));
        status.textContent = rows.length === 0 ? 'No host matches these filters.' : `${rows.length} ${rows.length === 1 ? 'host' : 'hosts'}`;
        status.classList.remove('error');
      }
    } catch (error) {
      if (asked === mine) {
        status.textContent = error.message;
        status.classList.add('error');
      }
    }
  };
  const apply = (next) => {
    chosen = next;
    // The filters stay in the address (for a bookmark or a link), without redrawing the form.
    window.history.replaceState(null, '', `#/fleet${next.size > 0 ? `?${next}` : ''}`);
    load();
  };
  const form = filters(params, apply);
  sortableHeadings(table, form.querySelector('#fleet-sort'));
  container.replaceChildren(el('h2', 'Fleet'), form, status, table);
  load();
  const later = throttled(load);
  return { changed: (type) => (['host', 'incident', 'resync'].includes(type) ? later() : undefined) };
}
