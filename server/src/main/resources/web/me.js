// A developer's own machine: why it hangs (or that it is fine), its open incidents with the cause and
// the steps that fix it, and the way to its host page.
import { el, field, getJson, hostHref, hostRowLabel, incidentHref, link, list, throttled } from './dom.js';
import { riskBlock, stateBadge } from './fleet.js';
import { issueLink } from './issues.js';

function askForHost(container) {
  const form = el('form', null, 'filters');
  const [label, input] = field('me-host', 'Host id of this machine');
  const submit = el('button', 'Show');
  submit.type = 'submit';
  form.append(label, input, submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (input.value.trim()) {
      window.location.hash = `#/me?${new URLSearchParams({ host: input.value.trim() })}`;
    }
  });
  container.replaceChildren(el('h2', 'My machine'),
    el('p', '`stallwatch status` on the machine prints its host id and a link here.'), form);
}

function incidentBlock(incident) {
  const item = el('li', null, 'my-incident');
  const title = el('div', null, 'title');
  title.append(link(incidentHref(incident.id), incident.title));
  item.append(title, el('div', incident.rule, 'rule'));
  if (incident.remediation) {
    item.append(el('p', incident.remediation, 'remediation'));
  }
  const steps = list(incident.steps);
  if (steps.length > 0) {
    const ol = el('ol', null, 'steps');
    ol.append(...steps.map((step) => el('li', step)));
    item.append(el('div', 'What to change:'), ol);
  }
  const issues = list(incident.knownIssues);
  if (issues.length > 0) {
    const refs = el('div', 'Known issues: ', 'rule');
    issues.forEach((issue, i) => refs.append(i > 0 ? ', ' : '', issueLink(issue.id, issue.url)));
    item.append(refs);
  }
  return item;
}

export function meView(container, params) {
  const host = params.get('host');
  if (!host) {
    askForHost(container);
    return { changed: () => undefined };
  }
  const status = el('p', 'Loading this machine…', 'view-status');
  status.setAttribute('role', 'status');
  // Its own box: an answer that arrives after the reader moved on lands here, not in their view.
  const box = el('div');
  box.append(status);
  container.replaceChildren(box);
  const load = async () => {
    try {
      const me = await getJson(`/api/me?${new URLSearchParams({ host })}`);
      const row = me.host ?? { host };
      const head = el('div', null, 'host-head');
      head.append(el('h2', `My machine: ${hostRowLabel(row)}`), stateBadge(row.state));
      const incidents = el('ol', null, 'my-incidents');
      incidents.append(...list(me.openIncidents).map(incidentBlock));
      const more = el('p');
      more.append(link(hostHref(row.host ?? host), 'Its timeline and versions'));
      box.replaceChildren(head, el('p', me.summary, 'summary'), ...[riskBlock(row)].filter(Boolean),
        list(me.openIncidents).length > 0 ? incidents : el('p', 'No open incident.'), more);
    } catch (error) {
      status.textContent = error.message;
      status.classList.add('error');
      box.replaceChildren(status);
    }
  };
  load();
  const later = throttled(load, 1000);
  return {
    changed: (type, data) => {
      if (type === 'resync' || ((type === 'host' || type === 'incident') && data?.host === host)) {
        later();
      }
    },
  };
}
