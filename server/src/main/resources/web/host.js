// A host's page: the picture of the chosen window beside its open incidents, versions and known
// issues.
import { el, field, getJson, hostRowLabel, incidentHref, link, list, option, throttled, timeEl } from './dom.js';
import { riskBlock, stateBadge } from './fleet.js';
import { issueWithVerdict } from './issues.js';
import { timeline } from './timeline.js';

const WINDOWS = [['15m', 'last 15 min'], ['1h', 'last hour'], ['6h', 'last 6 h'], ['24h', 'last 24 h']];

function versions(row, context) {
  const v = row.versions ?? {};
  const facts = [['WSL', v.wsl], ['Kernel', v.kernel], ['Docker Desktop', v.dockerDesktop], ['Windows', v.windows],
    ['autoMemoryReclaim', row.reclaimMode], ['cgroup', row.cgroupLayout],
    ['Resource Saver', row.resourceSaverEnabled === true ? 'on' : row.resourceSaverEnabled === false ? 'off' : null],
    ['systemd', context?.systemd === true ? 'yes' : context?.systemd === false ? 'no' : null]];
  const dl = el('dl', null, 'facts');
  for (const [name, value] of facts) {
    dl.append(el('dt', name), el('dd', value ?? 'unknown'));
  }
  return dl;
}

function openIncidents(incidents) {
  if (incidents.length === 0) {
    return el('p', 'No open incident.');
  }
  const ul = el('ul', null, 'open-incidents');
  for (const incident of incidents) {
    const li = el('li');
    li.append(link(incidentHref(incident.id), incident.title), ' ', el('span', `${incident.rule} · opened `, 'rule'),
      timeEl(incident.openedAt));
    ul.append(li);
  }
  return ul;
}

function side(answer) {
  const aside = el('aside', null, 'host-side');
  const issues = el('ul', null, 'issue-list');
  issues.append(...list(answer.knownIssues).map((issue) => issueWithVerdict(issue, issue.verdicts)));
  aside.append(el('h3', 'Open incidents'), openIncidents(list(answer.openIncidents)), el('h3', 'Versions'),
    versions(answer.host ?? {}, answer.context), el('h3', 'Known issues'),
    list(answer.knownIssues).length > 0 ? issues : el('p', 'None known for this host.'));
  return aside;
}

function heading(row) {
  const head = el('div', null, 'host-head');
  const name = el('h2', hostRowLabel(row));
  head.append(name, stateBadge(row.state));
  if (hostRowLabel(row) !== String(row.host)) {
    head.append(el('span', `host id ${row.host}`, 'rule'));
  }
  head.append(el('span', 'last seen ', 'rule'), timeEl(row.lastSeen));
  const risk = riskBlock(row);
  return risk ? [head, risk] : [head];
}

export function hostView(container, params, id) {
  let span = params.get('window') ?? '24h';
  const [label, select] = field('window', 'Window', 'select');
  select.append(...WINDOWS.map(([value, text]) => option(value, text)));
  if (!WINDOWS.some(([value]) => value === span)) {
    select.append(option(span, span));
  }
  select.value = span;
  const controls = el('form', null, 'filters');
  controls.append(label, select);
  const head = el('div');
  const body = el('div', null, 'host-body');
  const status = el('p', `Loading ${id}…`, 'view-status');
  status.setAttribute('role', 'status');
  container.replaceChildren(head, controls, status, body);
  let mine = 0;
  const load = async () => {
    const asked = ++mine;
    try {
      const answer = await getJson(`/api/hosts/${encodeURIComponent(id)}?window=${encodeURIComponent(span)}`);
      if (asked !== mine) {
        return;
      }
      const row = answer.host ?? { host: id };
      head.replaceChildren(...heading(row));
      const what = `${hostRowLabel(row)}, ${WINDOWS.find(([value]) => value === span)?.[1] ?? span}`;
      body.replaceChildren(timeline(answer.timeline ?? {}, what), side(answer));
      status.textContent = '';
      status.classList.remove('error');
    } catch (error) {
      if (asked === mine) {
        status.textContent = error.message;
        status.classList.add('error');
      }
    }
  };
  select.addEventListener('change', () => {
    span = select.value;
    window.history.replaceState(null, '', `#/hosts/${encodeURIComponent(id)}?window=${encodeURIComponent(span)}`);
    load();
  });
  load();
  const later = throttled(load, 1000);
  const mineToo = (data) => data && (data.host === id);
  return {
    changed: (type, data) => {
      if (type === 'resync' || ((type === 'host' || type === 'incident') && mineToo(data))) {
        later();
      }
    },
  };
}
