// An incident's page: its evidence on a timeline around the onset, why it is believed, the known
// issues with one verdict each, the remediation, similar incidents and its lifecycle.
import { el, formatTime, getJson, hostHref, hostLabel, incidentHref, link, list, timeEl } from './dom.js';
import { issueWithVerdict } from './issues.js';
import { lifecycleSection } from './lifecycle.js';
import { timeline } from './timeline.js';

// How much of the time before the first and after the last evidence the picture shows.
const MARGIN_MS = 10 * 60 * 1000;

function ms(iso) {
  return new Date(iso).getTime();
}

// The window around the incident, from its own evidence; the host's history fills in what it kept
// of that window (bands, memory lines, other events).
function incidentTimeline(incident, host) {
  const times = [incident.onset, incident.openedAt, incident.updatedAt, incident.resolvedAt,
    ...list(incident.evidence).map((item) => item.ts)].filter(Boolean).map(ms).filter(Number.isFinite);
  const from = Math.min(...times) - MARGIN_MS;
  const to = Math.max(...times) + MARGIN_MS;
  const data = {
    from, to, series: {}, bands: [],
    markers: list(incident.evidence).map((item) => ({ kind: item.type, at: item.ts, text: item.summary })),
    incidents: [{ id: incident.id, rule: incident.rule, title: incident.title, severity: incident.severity,
      from: incident.onset ?? incident.openedAt, to: incident.resolvedAt ?? null }],
  };
  const kept = host?.timeline;
  if (kept && ms(kept.from) < to && ms(kept.to) > from) {
    const inside = (t) => ms(t) >= from && ms(t) <= to;
    for (const [key, points] of Object.entries(kept.series ?? {})) {
      data.series[key] = list(points).filter(([t]) => t >= from && t <= to);
    }
    data.bands = list(kept.bands).filter((band) => ms(band.from) < to && (!band.to || ms(band.to) > from));
    const seen = new Set(data.markers.map((m) => `${m.kind}@${ms(m.at)}`));
    data.markers.push(...list(kept.markers).filter((m) => inside(m.at) && !seen.has(`${m.kind}@${ms(m.at)}`)));
  }
  return data;
}

function evidenceList(incident) {
  const ol = el('ol', null, 'evidence');
  for (const item of list(incident.evidence)) {
    const li = el('li');
    li.append(el('span', formatTime(item.ts), 'ts'), ' ', el('span', item.type, 'kind'), ' ', el('span', item.summary));
    if (item.line) {
      li.append(el('code', item.line));
    }
    ol.append(li);
  }
  return ol;
}

function confidence(incident) {
  const block = el('div', null, 'confidence');
  const value = Number(incident.confidence);
  block.append(el('p', Number.isFinite(value) ? `Confidence ${Math.round(value * 100)} %, because:` : 'Why:'));
  const reasons = el('ul', null, 'reasons');
  reasons.append(...list(incident.confidenceReasons).map((reason) => el('li', reason)));
  block.append(reasons);
  const missing = list(incident.missingEvidence);
  if (missing.length > 0) {
    const ul = el('ul', null, 'missing');
    ul.append(...missing.map((line) => el('li', line)));
    block.append(el('p', 'Probable; not seen, which would confirm it:', 'probable'), ul);
  }
  return block;
}

function heading(incident) {
  const head = el('div', null, 'incident-head');
  const open = incident.status === 'OPEN';
  head.append(el('h2', incident.title), el('span', open ? 'open' : 'resolved', open ? 'badge open' : 'badge resolved'));
  const meta = el('p', null, 'rule');
  meta.append(`${incident.rule} · ${incident.severity} · `, link(hostHref(incident.host), hostLabel(incident)),
    ' · began ', timeEl(incident.onset ?? incident.openedAt));
  if (incident.resolvedAt) {
    meta.append(' · resolved ', timeEl(incident.resolvedAt));
  }
  return [head, meta];
}

async function optional(url) {
  try {
    return await getJson(url);
  } catch {
    return null;
  }
}

async function similar(id, into) {
  const hits = await optional(`/api/incidents/${encodeURIComponent(id)}/similar?limit=5`);
  const items = list(hits).map((hit) => {
    const li = el('li', `${formatTime(hit.incident.openedAt)} · ${hostLabel(hit.incident)} · `);
    li.append(link(incidentHref(hit.incident.id), hit.incident.title));
    return li;
  });
  into.replaceChildren(...(items.length > 0 ? items : [el('li', 'None yet.')]));
}

async function knownIssues(id, into) {
  const hits = list(await optional(`/api/incidents/${encodeURIComponent(id)}/issues`));
  into.replaceChildren(...(hits.length > 0 ? hits.map((hit) => issueWithVerdict(hit, hit.versionNotes))
    : [el('li', 'No known issue matches it.')]));
}

export function incidentView(container, params, id) {
  const status = el('p', 'Loading the incident…', 'view-status');
  status.setAttribute('role', 'status');
  const main = el('div', null, 'incident-main');
  const lifecycle = lifecycleSection(id);
  container.replaceChildren(status, main, lifecycle.node);
  const issues = el('ul', null, 'issue-list');
  const alike = el('ul', null, 'similar-list');
  const load = async () => {
    try {
      const incident = await getJson(`/api/incidents/${encodeURIComponent(id)}`);
      const host = await optional(`/api/hosts/${encodeURIComponent(incident.host)}?window=24h`);
      main.replaceChildren(...heading(incident),
        timeline(incidentTimeline(incident, host), `incident ${incident.title}`),
        el('h3', 'Evidence'), evidenceList(incident), el('h3', 'Why stallwatch thinks so'), confidence(incident),
        el('h3', 'What to do'), el('p', incident.remediation ?? 'No remediation known.', 'remediation'),
        el('h3', 'Known issues'), issues, el('h3', 'Similar incidents'), alike);
      status.textContent = '';
      knownIssues(id, issues);
      similar(id, alike);
    } catch (error) {
      status.textContent = error.message;
      status.classList.add('error');
    }
  };
  load();
  return {
    changed: (type, data) => {
      if (type === 'resync' || (type === 'incident' && data?.id === id)) {
        load();
        lifecycle.reload();
      } else if (type === 'action' && data?.incidentId === id) {
        lifecycle.reload();
      }
    },
  };
}
