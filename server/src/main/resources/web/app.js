// The stallwatch dashboard. Incidents carry text from logs, which whoever can write a log line
// controls: every value is put in the page with textContent or as an attribute through the DOM,
// never parsed as HTML, and only GitHub issue addresses become links.
'use strict';

(() => {
  const REFRESH_MS = 5000;
  const LIMIT = 100;
  const ISSUE_URL = /^https:\/\/github\.com\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/issues\/[0-9]+$/;

  let query = '';
  let timer = null;
  // Each refresh gets a number; a slower, older answer must not overwrite a newer one.
  let generation = 0;

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    if (className) {
      node.className = className;
    }
    return node;
  }

  function formatTime(iso) {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? String(iso ?? '') : date.toLocaleString();
  }

  function timeCell(incident) {
    const cell = el('td');
    const time = el('time', formatTime(incident.openedAt));
    time.dateTime = String(incident.openedAt ?? '');
    cell.append(time);
    return cell;
  }

  function incidentCell(incident) {
    const cell = el('td');
    cell.append(el('div', incident.title, 'title'));
    cell.append(el('div', `${incident.rule} · ${incident.severity}`, 'rule'));
    const evidence = Array.isArray(incident.evidence) ? incident.evidence : [];
    if (evidence.length > 0) {
      const details = el('details');
      details.append(el('summary', `${evidence.length} evidence`));
      const list = el('ul', null, 'evidence');
      for (const item of evidence) {
        const entry = el('li');
        entry.append(el('span', formatTime(item.ts), 'ts'), ' ', el('span', item.summary));
        if (item.line) {
          entry.append(el('code', item.line));
        }
        list.append(entry);
      }
      details.append(list);
      cell.append(details);
    }
    return cell;
  }

  function statusCell(incident) {
    const open = incident.status === 'OPEN';
    const cell = el('td');
    cell.append(el('span', open ? 'open' : 'resolved', open ? 'badge open' : 'badge resolved'));
    return cell;
  }

  function confidenceCell(incident) {
    const value = Number(incident.confidence);
    const cell = el('td', Number.isFinite(value) ? `${Math.round(value * 100)} %` : '');
    const reasons = Array.isArray(incident.confidenceReasons) ? incident.confidenceReasons : [];
    cell.title = reasons.join('; ');
    return cell;
  }

  function issuesCell(incident) {
    const cell = el('td');
    const issues = Array.isArray(incident.knownIssues) ? incident.knownIssues : [];
    for (const issue of issues) {
      if (typeof issue.url === 'string' && ISSUE_URL.test(issue.url)) {
        const link = el('a', issue.id);
        link.href = issue.url;
        link.rel = 'noopener noreferrer';
        link.target = '_blank';
        cell.append(link);
      } else {
        cell.append(el('span', issue.id));
      }
      cell.append(' ');
    }
    return cell;
  }

  function row(incident) {
    const tr = el('tr');
    tr.append(
      timeCell(incident),
      el('td', incident.host, 'host'),
      incidentCell(incident),
      statusCell(incident),
      confidenceCell(incident),
      el('td', incident.remediation ?? '', 'remediation'),
      issuesCell(incident));
    return tr;
  }

  function render(incidents, summary) {
    document.querySelector('#incidents tbody').replaceChildren(...incidents.map(row));
    const status = document.getElementById('status');
    status.textContent = summary;
    status.classList.remove('error');
  }

  function showError(error) {
    // A refused search has no results; a failed refresh keeps showing the last good list.
    if (error.status === 400) {
      document.querySelector('#incidents tbody').replaceChildren();
    }
    const status = document.getElementById('status');
    status.textContent = error.message;
    status.classList.add('error');
  }

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(typeof body.error === 'string' ? body.error : `HTTP ${response.status}`);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  async function refresh() {
    const mine = ++generation;
    try {
      if (query) {
        const params = new URLSearchParams({ q: query, limit: String(LIMIT) });
        const result = await getJson(`/api/search?${params}`);
        if (mine === generation) {
          const shown = result.hits.length < result.total ? `, showing ${result.hits.length}` : '';
          render(result.hits.map((hit) => hit.incident),
            `${result.total} incidents match “${result.query}”${shown}`);
        }
      } else {
        const incidents = await getJson(`/api/incidents?limit=${LIMIT}`);
        if (mine === generation) {
          render(incidents, `${incidents.length} most recent incidents, refreshed every ${REFRESH_MS / 1000} s`);
        }
      }
    } catch (error) {
      if (mine === generation) {
        showError(error);
      }
    }
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      await refresh();
      schedule();
    }, REFRESH_MS);
  }

  function show(newQuery) {
    query = newQuery;
    // Keep the search in the address, so it can be bookmarked, shared and reloaded.
    const url = new URL(window.location.href);
    if (query) {
      url.searchParams.set('q', query);
    } else {
      url.searchParams.delete('q');
    }
    window.history.replaceState(null, '', url);
    refresh();
    schedule();
  }

  document.addEventListener('DOMContentLoaded', () => {
    const input = document.getElementById('q');
    document.getElementById('search').addEventListener('submit', (event) => {
      event.preventDefault();
      show(input.value.trim());
    });
    document.getElementById('recent').addEventListener('click', () => {
      input.value = '';
      show('');
    });
    input.value = new URLSearchParams(window.location.search).get('q') ?? '';
    show(input.value.trim());
  });
})();
