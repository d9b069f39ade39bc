// Alerts and silences: every alert episode with its state (firing, resolved, silenced, suppressed
// and by what), and the silences, made and ended from here.
import { cell, el, field, getJson, hostHref, incidentHref, link, list, option, scrollingTable, sendJson, timeEl } from './dom.js';
import { submitChange, tokenField } from './lifecycle.js';

const STATES = [['', 'any state'], ['firing', 'firing'], ['resolved', 'resolved'], ['silenced', 'silenced'], ['suppressed', 'suppressed']];
const ALERT_HEADINGS = ['State', 'Host', 'Rule', 'Severity', 'Summary', 'Started', 'Ended', 'Why not sent', 'Action'];
const SILENCE_HEADINGS = ['State', 'Matches', 'From', 'Until', 'Comment', 'By', 'Action'];
const DURATIONS = [['1h', '1 hour'], ['4h', '4 hours'], ['1d', '1 day'], ['1w', '1 week'], ['resolved', 'until the alert resolves']];
const LIMIT = 500;

function why(alert) {
  const parts = [];
  if (list(alert.silencedBy).length > 0) {
    parts.push(el('div', `silenced by ${alert.silencedBy.join(', ')}`));
  }
  if (alert.suppressedBy) {
    const block = el('div', 'suppressed: explained by ');
    block.append(link(incidentHref(alert.suppressedBy.incidentId), alert.suppressedBy.rule ?? alert.suppressedBy.incidentId));
    parts.push(block);
  }
  return parts;
}

function alertRow(alert, silence) {
  const tr = el('tr');
  tr.dataset.fingerprint = String(alert.fingerprint);
  const summary = alert.incidentId ? link(incidentHref(alert.incidentId), alert.summary ?? alert.rule) : el('span', alert.summary ?? '');
  const button = el('button', 'Silence…', 'small');
  button.type = 'button';
  button.addEventListener('click', () => silence(alert));
  const hostCell = cell(link(hostHref(alert.host), alert.host));
  hostCell.className = 'host';
  tr.append(cell(el('span', alert.state, `badge alert-${alert.state}`)), hostCell,
    cell(alert.rule), cell(alert.severity), cell(summary), cell(timeEl(alert.startsAt, true)),
    cell(alert.endsAt ? timeEl(alert.endsAt, true) : 'still firing'), cell(...why(alert)), cell(button));
  return tr;
}

function matches(s) {
  const m = s.matchers ?? {};
  return [['host', m.host], ['rule', m.rule], ['cohort', m.cohort]].filter(([, v]) => v).map(([k, v]) => `${k} ${v}`).join(', ');
}

function silenceRow(s, expire) {
  const tr = el('tr');
  tr.dataset.id = String(s.id);
  const state = String(s.state ?? '').toLowerCase();
  let until = s.endsAt ? timeEl(s.endsAt, true) : 'for ever';
  if (s.untilResolved) {
    until = 'until the alert resolves';
  }
  const ended = state === 'expired' ? el('span', s.expiredBy ? `ended by ${s.expiredBy}` : 'ended', 'rule') : null;
  let action = null;
  if (state !== 'expired') {
    action = el('button', 'Expire', 'small');
    action.type = 'button';
    action.addEventListener('click', () => expire(s.id));
  }
  tr.append(cell(el('span', state, `badge silence-${state}`)), cell(matches(s)), cell(timeEl(s.startsAt, true)), cell(until),
    cell(s.comment ?? ''), cell(s.author ?? ''), cell(action, ended));
  return tr;
}

function silenceForm(done) {
  const form = el('form', null, 'change');
  form.id = 'silence-form';
  const host = field('silence-host', 'Host (id or pattern with *)');
  const rule = field('silence-rule', 'Rule (id or pattern with *)');
  const cohort = field('silence-cohort', 'Cohort (e.g. dd=4.42.0 reclaim=gradual)');
  const length = field('silence-for', 'For', 'select');
  length[1].append(...DURATIONS.map(([value, text]) => option(value, text)));
  const comment = field('silence-comment', 'Comment (why)');
  comment[1].required = true;
  const author = field('silence-author', 'Your name (optional)');
  const status = el('p', null, 'form-status');
  status.setAttribute('role', 'status');
  const submit = el('button', 'Create silence');
  submit.type = 'submit';
  for (const pair of [host, rule, cohort, length, comment, author]) {
    const row = el('div', null, 'field');
    row.append(...pair);
    form.append(row);
  }
  form.append(submit, status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {};
    for (const [key, [, input]] of [['host', host], ['rule', rule], ['cohort', cohort], ['comment', comment], ['author', author]]) {
      if (input.value.trim()) {
        body[key] = input.value.trim();
      }
    }
    if (length[1].value === 'resolved') {
      body.until = 'resolved';
    } else {
      body.duration = length[1].value;
    }
    if (await submitChange(status, () => sendJson('POST', '/api/silences', body))) {
      form.reset();
      done();
    }
  });
  const prefill = (alert) => {
    host[1].value = alert.host ?? '';
    rule[1].value = alert.rule ?? '';
    comment[1].focus();
  };
  return { form, prefill, status };
}

export function alertsView(container, params) {
  let state = params.get('state') ?? '';
  const [stateLabel, select] = field('alert-state', 'State', 'select');
  select.append(...STATES.map(([value, text]) => option(value, text)));
  select.value = state;
  const filters = el('form', null, 'filters');
  filters.append(stateLabel, select);
  const alertStatus = el('p', 'Loading alerts…', 'view-status');
  alertStatus.setAttribute('role', 'status');
  const alerts = scrollingTable('alerts', ALERT_HEADINGS);
  const silences = scrollingTable('silences', SILENCE_HEADINGS);
  const silenceStatus = el('p', null, 'view-status');
  const loadSilences = async () => {
    try {
      const rows = await getJson(`/api/silences?limit=${LIMIT}`);
      silences.querySelector('tbody').replaceChildren(...list(rows).map((s) => silenceRow(s, expire)));
      silenceStatus.textContent = rows.length === 0 ? 'No silence yet.' : '';
    } catch (error) {
      silenceStatus.textContent = error.message;
    }
  };
  const creator = silenceForm(() => { loadSilences(); loadAlerts(); });
  async function expire(id) {
    await submitChange(creator.status, () => sendJson('DELETE', `/api/silences/${encodeURIComponent(id)}`));
    loadSilences();
    loadAlerts();
  }
  async function loadAlerts() {
    const query = new URLSearchParams({ limit: String(LIMIT) });
    if (state) {
      query.set('status', state);
    }
    try {
      const rows = await getJson(`/api/alerts?${query}`);
      alerts.querySelector('tbody').replaceChildren(...list(rows).map((a) => alertRow(a, creator.prefill)));
      alertStatus.textContent = rows.length === 0 ? 'No alert matches.' : `${rows.length} ${rows.length === 1 ? 'alert' : 'alerts'}`;
      alertStatus.classList.remove('error');
    } catch (error) {
      alertStatus.textContent = error.message;
      alertStatus.classList.add('error');
    }
  }
  select.addEventListener('change', () => {
    state = select.value;
    window.history.replaceState(null, '', `#/alerts${state ? `?state=${encodeURIComponent(state)}` : ''}`);
    loadAlerts();
  });
  container.replaceChildren(el('h2', 'Alerts'), filters, alertStatus, alerts, el('h2', 'Silences'), silenceStatus,
    silences, el('h3', 'New silence'), creator.form, tokenField());
  loadAlerts();
  loadSilences();
  return {
    changed: (type) => {
      if (type === 'alert' || type === 'resync') {
        loadAlerts();
      }
      if (type === 'silence' || type === 'resync') {
        loadSilences();
        loadAlerts();
      }
    },
  };
}
