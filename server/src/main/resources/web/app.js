// The stallwatch dashboard. Incidents carry text from logs, which whoever can write a log line
// controls: every value is put in the page with textContent or as an attribute through the DOM,
// never parsed as HTML, and only GitHub issue addresses become links.
'use strict';

(() => {
  const REFRESH_MS = 5000;
  const LIMIT = 100;
  const ISSUE_URL = /^https:\/\/github\.com\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/issues\/[0-9]+$/;

  const FILTER_FACETS = { rule: 'rule', host: 'host', status: 'status' };
  const FACET_NAMES = {
    rule: 'Rule', host: 'Host', status: 'Status', wslVersion: 'WSL', dockerDesktopVersion: 'Docker Desktop',
    reclaimMode: 'autoMemoryReclaim',
  };

  let query = '';
  let sort = 'relevance';
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

  // A highlighted passage: each span is text; matches are wrapped in <mark>, built through the DOM.
  function fragment(highlight) {
    const line = el('div', null, 'fragment');
    const spans = Array.isArray(highlight.spans) ? highlight.spans : [];
    for (const span of spans) {
      line.append(span.match ? el('mark', span.text) : document.createTextNode(String(span.text ?? '')));
    }
    return line;
  }

  function similarDetails(incident) {
    const details = el('details', null, 'similar');
    details.append(el('summary', 'Similar incidents'));
    const list = el('ul');
    details.append(list);
    details.addEventListener('toggle', async () => {
      if (!details.open || list.childElementCount > 0) {
        return;
      }
      try {
        const hits = await getJson(`/api/incidents/${encodeURIComponent(incident.id)}/similar?limit=5`);
        if (hits.length === 0) {
          list.append(el('li', 'None yet.'));
        }
        for (const hit of hits) {
          const other = hit.incident;
          list.append(el('li', `${formatTime(other.openedAt)} · ${other.host} · ${other.title}`));
        }
      } catch (error) {
        list.append(el('li', error.message));
      }
    });
    return details;
  }

  function incidentCell(incident, highlights) {
    const cell = el('td');
    cell.append(el('div', incident.title, 'title'));
    cell.append(el('div', `${incident.rule} · ${incident.severity}`, 'rule'));
    for (const highlight of Array.isArray(highlights) ? highlights : []) {
      cell.append(fragment(highlight));
    }
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
    cell.append(similarDetails(incident));
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

  function issueLink(id, url) {
    if (typeof url === 'string' && ISSUE_URL.test(url)) {
      const link = el('a', id);
      link.href = url;
      link.rel = 'noopener noreferrer';
      link.target = '_blank';
      return link;
    }
    return el('span', id);
  }

  function versionNotes(notes) {
    return (Array.isArray(notes) ? notes : []).map((note) =>
      el('div', note.message, note.verdict === 'AFFECTED' ? 'version-note affected' : 'version-note'));
  }

  // With search hits, each known issue comes with what the host's versions mean for it.
  function issuesCell(incident, notes) {
    const cell = el('td');
    const issues = Array.isArray(notes) && notes.length > 0 ? notes
      : (Array.isArray(incident.knownIssues) ? incident.knownIssues : []);
    for (const issue of issues) {
      const block = el('div');
      block.append(issueLink(issue.id, issue.url), ...versionNotes(issue.versionNotes));
      cell.append(block);
    }
    return cell;
  }

  function row(hit) {
    const incident = hit.incident;
    const tr = el('tr');
    tr.append(
      timeCell(incident),
      el('td', incident.host, 'host'),
      incidentCell(incident, hit.highlights),
      statusCell(incident),
      confidenceCell(incident),
      el('td', incident.remediation ?? '', 'remediation'),
      issuesCell(incident, hit.issues));
    return tr;
  }

  function knownIssue(hit) {
    const item = el('li', null, 'issue');
    const head = el('div', null, 'title');
    head.append(issueLink(hit.id, hit.url), ' ', el('span', hit.title));
    item.append(head);
    item.append(el('div', `${hit.status}${hit.opened ? `, opened ${hit.opened}` : ''}`, 'meta'));
    for (const highlight of Array.isArray(hit.highlights) ? hit.highlights : []) {
      item.append(fragment(highlight));
    }
    item.append(el('div', `${hit.causeConfirmed ? 'Why' : 'Why (not confirmed)'}: ${hit.cause}`, 'cause'));
    const fixes = Array.isArray(hit.workarounds) ? hit.workarounds : [];
    if (fixes.length > 0) {
      const list = el('ul', null, 'workarounds');
      list.append(...fixes.map((fix) => el('li', fix)));
      item.append(el('div', 'What helps:'), list);
    }
    item.append(...versionNotes(hit.versionNotes));
    return item;
  }

  function renderKnown(hits) {
    const section = document.getElementById('known');
    document.getElementById('known-list').replaceChildren(...hits.map(knownIssue));
    section.hidden = hits.length === 0;
  }

  function renderFacets(facets) {
    const box = document.getElementById('facets');
    const lists = [];
    for (const [dim, values] of Object.entries(facets ?? {})) {
      if (!Array.isArray(values) || values.length === 0) {
        continue;
      }
      const list = el('ul');
      for (const value of values) {
        const item = el('li');
        const label = `${value.value} (${value.count})`;
        if (FILTER_FACETS[dim]) {
          const button = el('button', label, 'facet-value');
          button.type = 'button';
          button.dataset.filter = `${FILTER_FACETS[dim]}:${value.value}`;
          button.addEventListener('click', () => {
            const input = document.getElementById('q');
            input.value = `${input.value.trim()} ${button.dataset.filter}`.trim();
            show(input.value);
          });
          item.append(button);
        } else {
          item.append(el('span', label));
        }
        list.append(item);
      }
      lists.push(el('h3', FACET_NAMES[dim] ?? dim), list);
    }
    document.getElementById('facet-list').replaceChildren(...lists);
    box.hidden = lists.length === 0;
  }

  function render(hits, summary) {
    document.querySelector('#incidents tbody').replaceChildren(...hits.map(row));
    const status = document.getElementById('status');
    status.textContent = summary;
    status.classList.remove('error');
  }

  function showError(error) {
    // A refused search has no results; a failed refresh keeps showing the last good list.
    if (error.status === 400) {
      document.querySelector('#incidents tbody').replaceChildren();
      renderKnown([]);
      renderFacets({});
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
        const params = new URLSearchParams({ q: query, limit: String(LIMIT), sort });
        const result = await getJson(`/api/search?${params}`);
        if (mine === generation) {
          const shown = result.hits.length < result.total ? `, showing ${result.hits.length}` : '';
          // The server falls back to newest first when every word is in nearly every incident.
          const order = sort === 'relevance' && result.ordering === 'recent'
            ? ', newest first (these words are in nearly every incident; add a rarer one to rank by relevance)'
            : '';
          renderKnown(result.knownIssues ?? []);
          renderFacets(result.facets);
          render(result.hits, `${result.total} incidents match “${result.query}”${shown}${order}`);
        }
      } else {
        const incidents = await getJson(`/api/incidents?limit=${LIMIT}`);
        if (mine === generation) {
          renderKnown([]);
          renderFacets({});
          render(incidents.map((incident) => ({ incident })),
            `${incidents.length} most recent incidents, refreshed every ${REFRESH_MS / 1000} s`);
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
    sort = document.getElementById('sort').value;
    // Keep the search in the address, so it can be bookmarked, shared and reloaded.
    const url = new URL(window.location.href);
    if (query) {
      url.searchParams.set('q', query);
      url.searchParams.set('sort', sort);
    } else {
      url.searchParams.delete('q');
      url.searchParams.delete('sort');
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
    const params = new URLSearchParams(window.location.search);
    input.value = params.get('q') ?? '';
    document.getElementById('sort').value = params.get('sort') === 'recent' ? 'recent' : 'relevance';
    show(input.value.trim());
  });
})();
