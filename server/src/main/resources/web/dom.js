// Small helpers shared by the dashboard's scripts. Incidents carry text from logs, which whoever can
// write a log line controls: every value goes into the page through textContent or a DOM property,
// never parsed as HTML.

const TOKEN_KEY = 'stallwatch.token';

export function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  if (className) {
    node.className = className;
  }
  return node;
}

// A link inside the page (`#/hosts/ID`) or to a fixed address; the text is set as text.
export function link(href, text, className) {
  const node = el('a', text, className);
  node.href = href;
  return node;
}

// The page of a host or an incident; ids go into the address percent-encoded.
export function hostHref(id) {
  return `#/hosts/${encodeURIComponent(String(id ?? ''))}`;
}

export function incidentHref(id) {
  return `#/incidents/${encodeURIComponent(String(id ?? ''))}`;
}

export function list(value) {
  return Array.isArray(value) ? value : [];
}

export function formatTime(iso) {
  if (iso === undefined || iso === null || iso === '') {
    return '';
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
}

// "Dec 2, 16:35" in the reader's zone and language: short enough for a table column.
export function shortTime(iso) {
  const date = new Date(iso);
  if (iso === undefined || iso === null || Number.isNaN(date.getTime())) {
    return String(iso ?? '');
  }
  return date.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

// A <time> element showing `iso` in the reader's zone (`short` for a table), with the instant as
// its datetime and, when short, the full time as its tooltip.
export function timeEl(iso, short = false) {
  const node = el('time', short ? shortTime(iso) : formatTime(iso));
  node.dateTime = String(iso ?? '');
  if (short) {
    node.title = formatTime(iso);
  }
  return node;
}

// "1 incident", "2 incidents"; `many` defaults to `one` + "s".
export function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

// "45 s", "12 min", "3.5 h", "2 d": a length of time as people say it.
export function duration(seconds) {
  const s = Number(seconds);
  if (!Number.isFinite(s)) {
    return '';
  }
  if (s < 90) {
    return `${Math.round(s)} s`;
  }
  if (s < 90 * 60) {
    return `${Math.round(s / 60)} min`;
  }
  if (s < 48 * 3600) {
    return `${Math.round(s / 360) / 10} h`;
  }
  return `${Math.round(s / 8640) / 10} d`;
}

// A host as people know it: the host name the collector reported, else the host id (which may be a
// hash of the machine id).
export function hostLabel(incident) {
  const name = incident?.context?.hostName;
  return typeof name === 'string' && name.trim() !== '' ? name : String(incident?.host ?? '');
}

// A host row's name, else its id.
export function hostRowLabel(row) {
  const name = row?.hostName;
  return typeof name === 'string' && name.trim() !== '' ? name : String(row?.host ?? '');
}

// The token a reader gave for changes, kept for this tab only.
export function token() {
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function setToken(value) {
  if (value) {
    sessionStorage.setItem(TOKEN_KEY, value);
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
  }
}

function headers(extra) {
  const all = { Accept: 'application/json', ...extra };
  if (token()) {
    all.Authorization = `Bearer ${token()}`;
  }
  return all;
}

async function answer(response) {
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(typeof body.error === 'string' ? body.error : `HTTP ${response.status}`);
    error.status = response.status;
    error.body = body;
    throw error;
  }
  return body;
}

export async function getJson(url) {
  return answer(await fetch(url, { headers: headers() }));
}

// A change: `body` sent as JSON (the server refuses any other type for changes).
export async function sendJson(method, url, body) {
  const init = { method, headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
  }
  return answer(await fetch(url, init));
}

// A labelled input (or select) with an id; returns [label, field].
export function field(id, labelText, tag = 'input') {
  const label = el('label', labelText);
  label.htmlFor = id;
  const input = el(tag);
  input.id = id;
  input.name = id;
  return [label, input];
}

export function option(value, text) {
  const node = el('option', text);
  node.value = value;
  return node;
}

// A table whose rows scroll sideways on a narrow screen instead of widening the page.
export function scrollingTable(id, headings) {
  const table = el('table');
  table.id = id;
  const row = el('tr');
  for (const heading of headings) {
    const th = el('th', heading);
    th.scope = 'col';
    row.append(th);
  }
  const head = el('thead');
  head.append(row);
  table.append(head, el('tbody'));
  const wrap = el('div', null, 'table-scroll');
  wrap.append(table);
  return wrap;
}

export function cell(...content) {
  const td = el('td');
  td.append(...content.filter((part) => part !== null && part !== undefined));
  return td;
}

// `run`, called at most once per `ms` however often this is called: a fleet of hosts sends host
// events many times a second, and a view asks its route again once for a burst of them.
export function throttled(run, ms = 2000) {
  let timer = null;
  let last = 0;
  return () => {
    if (timer) {
      return;
    }
    const wait = Math.max(0, last + ms - Date.now());
    timer = setTimeout(() => {
      timer = null;
      last = Date.now();
      run();
    }, wait);
  };
}
