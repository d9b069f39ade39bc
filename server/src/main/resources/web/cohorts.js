// Cohorts and versions: hosts grouped by WSL, Docker Desktop, reclaim mode, Resource Saver and
// cgroup layout, with how often they hang and whether a fix exists; then what mitigations did.
import { cell, el, getJson, list, scrollingTable, throttled } from './dom.js';
import { issueLink } from './issues.js';

const HEADINGS = ['WSL', 'Docker Desktop', 'Reclaim', 'Resource Saver', 'cgroup', 'Hosts', 'With incidents',
  'At risk', 'Hang rate', 'Fix'];
const FIX_WORDS = { fixed: 'fixed', upgrade: 'upgrade', 'none-known': 'no fix known' };
const MITIGATION_HEADINGS = ['Change', 'Hosts', 'Before', 'After'];

function percent(rate) {
  const value = Number(rate);
  return Number.isFinite(value) ? `${Math.round(value * 1000) / 10} %` : '';
}

function issueUrl(id) {
  const match = /^([\w.-]+)\/([\w.-]+)#(\d+)$/.exec(String(id ?? ''));
  return match ? `https://github.com/${match[1]}/${match[2]}/issues/${match[3]}` : null;
}

function fixCell(fix) {
  const td = cell();
  if (!fix) {
    return td;
  }
  td.append(el('span', FIX_WORDS[fix.status] ?? String(fix.status), `badge fix-${fix.status}`), ' ', el('span', fix.text ?? ''));
  if (fix.issue) {
    td.append(' ', issueLink(fix.issue, issueUrl(fix.issue)));
  }
  return td;
}

function cohortRow(c) {
  const tr = el('tr');
  tr.dataset.key = String(c.key ?? '');
  const rs = c.resourceSaver === true ? 'on' : c.resourceSaver === false ? 'off' : String(c.resourceSaver ?? 'unknown');
  tr.append(cell(c.wsl ?? ''), cell(c.dockerDesktop ?? ''), cell(c.reclaim ?? ''), cell(rs), cell(c.cgroup ?? ''),
    cell(String(c.hosts ?? 0)), cell(String(c.hostsWithIncidents ?? 0)), cell(String(c.hostsAtRisk ?? 0)),
    cell(percent(c.rate)), fixCell(c.fix));
  return tr;
}

function perDay(hangs, days, rate) {
  const d = Number(days) || 0;
  return d > 0 ? `${hangs} hangs in ${Math.round(d * 10) / 10} host-days (${Math.round(Number(rate) * 100) / 100} a day)` : 'not observed';
}

function mitigationRow(m) {
  const tr = el('tr');
  tr.append(cell(m.kind), cell(String(m.hosts ?? 0)), cell(perDay(m.hangsBefore, m.daysBefore, m.rateBefore)),
    cell(perDay(m.hangsAfter, m.daysAfter, m.rateAfter)));
  return tr;
}

export function cohortsView(container) {
  const status = el('p', 'Loading cohorts…', 'view-status');
  status.setAttribute('role', 'status');
  const cohorts = scrollingTable('cohorts', HEADINGS);
  const mitigations = scrollingTable('mitigations', MITIGATION_HEADINGS);
  const mitigationNote = el('p', null, 'rule');
  container.replaceChildren(el('h2', 'Cohorts and versions'), status, cohorts,
    el('h2', 'Mitigations: hangs before and after'), mitigationNote, mitigations);
  const load = async () => {
    try {
      const answer = await getJson('/api/cohorts');
      const rows = list(answer.cohorts);
      cohorts.querySelector('tbody').replaceChildren(...rows.map(cohortRow));
      status.textContent = `${rows.length} ${rows.length === 1 ? 'cohort' : 'cohorts'}; hang rate is the share of its hosts with an incident.`;
      status.classList.remove('error');
      const changes = list(answer.mitigations);
      mitigations.querySelector('tbody').replaceChildren(...changes.map(mitigationRow));
      mitigationNote.textContent = changes.length === 0 ? 'No host has made a change that should prevent hangs yet.' : '';
    } catch (error) {
      status.textContent = error.message;
      status.classList.add('error');
    }
  };
  load();
  const later = throttled(load, 5000);
  return { changed: (type) => (['host', 'resync'].includes(type) ? later() : undefined) };
}
