// The overview: how the fleet is doing now, each number a link to the list it counts.
import { duration, el, getJson, link, list, throttled } from './dom.js';

function searchHref(q) {
  return `#/search?${new URLSearchParams({ q, sort: 'recent' })}`;
}

function tile(label, value, href, note) {
  const item = el('li', null, 'tile');
  const a = link(href, null, 'tile-link');
  a.append(el('span', value, 'tile-value'), el('span', label, 'tile-label'));
  if (note) {
    a.append(el('span', note, 'tile-note'));
  }
  item.append(a);
  return item;
}

function tiles(o) {
  const hosts = o.hosts ?? {};
  const incidents = o.incidents ?? {};
  const median = incidents.medianTimeToResolve7dSeconds;
  return [
    tile('hosts reporting', hosts.reporting ?? 0, '#/fleet', `of ${hosts.known ?? 0} known`),
    tile('silent', hosts.silent ?? 0, '#/fleet?state=silent', 'stopped reporting'),
    tile('hanging now', hosts.hangingNow ?? 0, '#/fleet?state=hanging', 'with an open incident'),
    tile('in Resource Saver', hosts.resourceSaverNow ?? 0, '#/fleet?state=resource-saver'),
    tile('at risk', hosts.atRisk ?? 0, '#/fleet?atRisk=true', 'match a known cause, no hang yet'),
    tile('incidents in 24 h', incidents.last24h ?? 0, searchHref('since:24h'), `${incidents.open ?? 0} open now`),
    tile('median time to resolve', median === null || median === undefined ? 'none resolved' : duration(median),
      searchHref('status:resolved since:7d'), 'over 7 days'),
  ];
}

function causes(o) {
  const items = list(o.topCauses);
  if (items.length === 0) {
    return [el('p', 'No incident in the last 7 days.')];
  }
  const ol = el('ol', null, 'causes');
  for (const cause of items) {
    const li = el('li');
    li.append(link(searchHref(`rule:${cause.rule} since:7d`), cause.title || cause.rule), ' ',
      el('span', `${cause.rule} · ${cause.count7d} in 7 days`, 'rule'));
    ol.append(li);
  }
  return [ol];
}

export function overviewView(container) {
  const grid = el('ul', null, 'tiles');
  const top = el('section', null, 'top-causes');
  container.replaceChildren(el('h2', 'Overview'), grid, top);
  let mine = 0;
  const load = async () => {
    const asked = ++mine;
    try {
      const o = await getJson('/api/overview');
      if (asked === mine) {
        grid.replaceChildren(...tiles(o));
        top.replaceChildren(el('h2', 'Top causes, last 7 days'), ...causes(o));
      }
    } catch (error) {
      if (asked === mine) {
        grid.replaceChildren(el('li', `The overview is not available: ${error.message}`, 'error'));
      }
    }
  };
  load();
  const later = throttled(load);
  return { changed: (type) => (['incident', 'host', 'resync'].includes(type) ? later() : undefined) };
}
