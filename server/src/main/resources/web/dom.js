// Small helpers shared by the dashboard's scripts. Incidents carry text from logs, which whoever can
// write a log line controls: every value goes into the page through textContent or a DOM property,
// never parsed as HTML.

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

export function list(value) {
  return Array.isArray(value) ? value : [];
}

export function formatTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso ?? '') : date.toLocaleString();
}

// "1 incident", "2 incidents"; `many` defaults to `one` + "s".
export function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

// A host as people know it: the host name the collector reported, else the host id (which may be a
// hash of the machine id).
export function hostLabel(incident) {
  const name = incident?.context?.hostName;
  return typeof name === 'string' && name.trim() !== '' ? name : String(incident?.host ?? '');
}

export async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(typeof body.error === 'string' ? body.error : `HTTP ${response.status}`);
    error.status = response.status;
    error.body = body;
    throw error;
  }
  return body;
}
