// The incident table, updated in place: rows are keyed by incident id, and a cell is rebuilt only
// when what it shows changed, so an open panel (evidence, similar incidents, version notes) stays
// open, and keeps its scroll, across refreshes.
import { el, formatTime, getJson, hostHref, hostLabel, incidentHref, link, list } from './dom.js';
import { fragment, issueLink, versionVerdict } from './issues.js';

function timeCell(hit) {
  const cell = el('td');
  const time = el('time', formatTime(hit.incident.openedAt));
  time.dateTime = String(hit.incident.openedAt ?? '');
  cell.append(time);
  return cell;
}

function hostCell(hit) {
  const cell = el('td', null, 'host');
  const name = link(hostHref(hit.incident.host), hostLabel(hit.incident));
  if (name.textContent !== String(hit.incident.host)) {
    name.title = `host id ${hit.incident.host}`;
  }
  cell.append(name);
  return cell;
}

function evidencePanel(evidence) {
  const details = el('details', null, 'evidence-panel');
  details.dataset.panel = 'evidence';
  details.append(el('summary', `${evidence.length} evidence`));
  const items = el('ul', null, 'evidence scroll');
  for (const item of evidence) {
    const entry = el('li');
    entry.append(el('span', formatTime(item.ts), 'ts'), ' ', el('span', item.summary));
    if (item.line) {
      entry.append(el('code', item.line));
    }
    items.append(entry);
  }
  details.append(items);
  return details;
}

function similarPanel(incident) {
  const details = el('details', null, 'similar');
  details.dataset.panel = 'similar';
  details.append(el('summary', 'Similar incidents'));
  const items = el('ul', null, 'scroll');
  details.append(items);
  details.addEventListener('toggle', async () => {
    if (!details.open || items.childElementCount > 0) {
      return;
    }
    try {
      const hits = await getJson(`/api/incidents/${encodeURIComponent(incident.id)}/similar?limit=5`);
      if (hits.length === 0) {
        items.append(el('li', 'None yet.'));
      }
      for (const hit of hits) {
        const other = hit.incident;
        const item = el('li', `${formatTime(other.openedAt)} · ${hostLabel(other)} · `);
        item.append(link(incidentHref(other.id), other.title));
        items.append(item);
      }
    } catch (error) {
      items.append(el('li', error.message));
    }
  });
  return details;
}

function incidentCell(hit) {
  const incident = hit.incident;
  const cell = el('td');
  const title = el('div', null, 'title');
  title.append(link(incidentHref(incident.id), incident.title));
  cell.append(title);
  cell.append(el('div', `${incident.rule} · ${incident.severity}`, 'rule'));
  cell.append(...list(hit.highlights).map(fragment));
  const evidence = list(incident.evidence);
  if (evidence.length > 0) {
    cell.append(evidencePanel(evidence));
  }
  cell.append(similarPanel(incident));
  return cell;
}

function statusCell(hit) {
  const open = hit.incident.status === 'OPEN';
  const cell = el('td');
  cell.append(el('span', open ? 'open' : 'resolved', open ? 'badge open' : 'badge resolved'));
  return cell;
}

// The reasons are on the page, not in a tooltip: they are why to trust (or doubt) the number.
function confidenceCell(hit) {
  const value = Number(hit.incident.confidence);
  const cell = el('td', null, 'confidence');
  cell.append(el('div', Number.isFinite(value) ? `${Math.round(value * 100)} %` : '', 'percent'));
  const reasons = list(hit.incident.confidenceReasons);
  if (reasons.length > 0) {
    const items = el('ul', null, 'reasons');
    items.append(...reasons.map((reason) => el('li', reason)));
    cell.append(items);
  }
  // A probable cause says what was not seen that would confirm it.
  const missing = list(hit.incident.missingEvidence);
  if (missing.length > 0) {
    cell.append(el('div', 'probable, to confirm:', 'probable'));
    const items = el('ul', null, 'missing');
    items.append(...missing.map((line) => el('li', line)));
    cell.append(items);
  }
  return cell;
}

// With search hits, each known issue comes with what the host's versions mean for it.
function issuesCell(hit) {
  const cell = el('td', null, 'issues');
  const issues = list(hit.issues).length > 0 ? hit.issues : list(hit.incident.knownIssues);
  for (const issue of issues) {
    const block = el('div', null, 'issue-ref');
    block.append(issueLink(issue.id, issue.url), ...versionVerdict(issue.versionNotes, `notes:${issue.id}`));
    cell.append(block);
  }
  return cell;
}

// Each cell with the data it shows: the cell is rebuilt only when that data changed.
const CELLS = [
  [timeCell, (hit) => [hit.incident.openedAt]],
  [hostCell, (hit) => [hit.incident.host, hostLabel(hit.incident)]],
  [incidentCell, (hit) => {
    const i = hit.incident;
    return [i.id, i.title, i.rule, i.severity, hit.highlights, i.evidence];
  }],
  [statusCell, (hit) => [hit.incident.status]],
  [confidenceCell, (hit) => [hit.incident.confidence, hit.incident.confidenceReasons, hit.incident.missingEvidence]],
  [(hit) => el('td', hit.incident.remediation ?? '', 'remediation'), (hit) => [hit.incident.remediation]],
  [issuesCell, (hit) => [hit.issues, hit.incident.knownIssues]],
];

// The panels of a rebuilt cell open where they were open; similar incidents, fetched once, move
// over as they are; scroll positions are put back once the new cell is in the page.
function replaceKeepingPanels(old, fresh) {
  const scrolls = [];
  for (const panel of fresh.querySelectorAll('details[data-panel]')) {
    const before = [...old.querySelectorAll('details[data-panel]')]
      .find((candidate) => candidate.dataset.panel === panel.dataset.panel);
    if (!before) {
      continue;
    }
    if (panel.dataset.panel === 'similar') {
      panel.replaceWith(before);
    } else if (before.open) {
      panel.open = true;
      const scroller = before.querySelector('.scroll');
      if (scroller) {
        scrolls.push([panel.querySelector('.scroll'), scroller.scrollTop]);
      }
    }
  }
  old.replaceWith(fresh);
  for (const [scroller, top] of scrolls) {
    if (scroller) {
      scroller.scrollTop = top;
    }
  }
}

function updateRow(tr, hit) {
  CELLS.forEach(([build, data], i) => {
    const key = JSON.stringify(data(hit));
    const old = tr.cells[i];
    if (old && old.dataset.key === key) {
      return;
    }
    const fresh = build(hit);
    fresh.dataset.key = key;
    if (old) {
      replaceKeepingPanels(old, fresh);
    } else {
      tr.append(fresh);
    }
  });
}

// Makes `tbody` show `hits` in their order: rows of incidents still listed stay (only what changed
// in them is rebuilt), new ones are inserted, the others removed. A row already in place is not
// moved, since moving an element resets the scroll inside it.
export function updateRows(tbody, hits) {
  const rows = new Map([...tbody.rows].map((tr) => [tr.dataset.id, tr]));
  const wanted = new Set(hits.map((hit) => String(hit.incident.id)));
  for (const [id, tr] of rows) {
    if (!wanted.has(id)) {
      tr.remove();
    }
  }
  hits.forEach((hit, position) => {
    const id = String(hit.incident.id);
    let tr = rows.get(id);
    if (!tr) {
      tr = el('tr');
      tr.dataset.id = id;
    }
    updateRow(tr, hit);
    const here = tbody.rows[position] ?? null;
    if (here !== tr) {
      tbody.insertBefore(tr, here);
    }
  });
}
