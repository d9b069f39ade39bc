// What the status line says a list is.
import { plural } from './dom.js';

const STATUS_WORDS = { open: 'open', resolved: 'resolved' };

function either(values) {
  return values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}

// "all 3 open incidents of dev-anna opened in the last 24h": what filters alone select.
function filtered(total, filters, hostNames) {
  const statuses = (filters.status ?? []).map((status) => STATUS_WORDS[status] ?? status);
  const kind = `${statuses.length > 0 ? `${either(statuses)} ` : ''}${total === 1 ? 'incident' : 'incidents'}`;
  const parts = [total === 0 ? `No ${kind}` : total === 1 ? `The only ${kind}` : `All ${total} ${kind}`];
  if (filters.host) {
    parts.push(`of ${either(filters.host.map((host) => hostNames.get(host) ?? host))}`);
  }
  if (filters.rule) {
    parts.push(`explained by rule ${either(filters.rule)}`);
  }
  if (filters.since) {
    parts.push(`opened in the last ${filters.since[0]}`);
  }
  return parts.join(' ');
}

// The status line of a search result. `hostNames` maps host ids to the names shown for them.
export function searchSummary(result, sort, hostNames) {
  const shown = result.hits.length < result.total ? `; showing the first ${result.hits.length}` : '';
  const selection = result.selection ?? { words: result.query, filters: {} };
  if (!selection.words || selection.words.trim() === '') {
    return `${filtered(result.total, selection.filters ?? {}, hostNames)}, newest first${shown}`;
  }
  let total = result.totalExact === false ? `At least ${result.total}` : String(result.total);
  if (result.total === 0) {
    total = 'No';
  }
  const head = `${total} ${result.total === 1 ? 'incident matches' : 'incidents match'} “${result.query}”`;
  let order = '';
  if (sort === 'recent') {
    order = ', newest first';
  } else if (result.ordering === 'recent') {
    // The server falls back to newest first when every word is in nearly every incident.
    order = ', newest first (these words are in nearly every incident; add a rarer one to rank by relevance)';
  }
  return `${head}${order}${shown}`;
}

// The status line of the newest incidents, `limit` of them asked for.
export function recentSummary(count, limit) {
  let what = `The ${plural(count, 'most recent incident')}`;
  if (count < limit) {
    what = count === 1 ? 'The only incident' : `All ${count} incidents`;
  }
  return `${what}, newest first, updated live`;
}
