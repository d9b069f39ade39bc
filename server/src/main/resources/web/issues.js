// Known issues: links to them, and what a host's versions mean for each.
import { el, list } from './dom.js';

const ISSUE_URL = /^https:\/\/github\.com\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/issues\/[0-9]+$/;
// A verdict decides something for the reader; UNKNOWN only says nobody reported that version.
const DECISIVE = { AFFECTED: 'version-note affected', NOT_AFFECTED: 'version-note not-affected' };

// Only GitHub issue addresses become links; anything else stays text.
export function issueLink(id, url) {
  if (typeof url === 'string' && ISSUE_URL.test(url)) {
    const link = el('a', id);
    link.href = url;
    link.rel = 'noopener noreferrer';
    link.target = '_blank';
    return link;
  }
  return el('span', id);
}

// The verdicts first (affected before not affected), then the notes that decide nothing behind a
// disclosure, so they do not drown the verdict. `panel` names the disclosure, so a refresh that
// rebuilds the block can keep it open.
export function versionVerdict(notes, panel) {
  const all = list(notes);
  const decisive = all.filter((note) => DECISIVE[note.verdict])
    .sort((a, b) => (a.verdict === 'AFFECTED' ? 0 : 1) - (b.verdict === 'AFFECTED' ? 0 : 1));
  const rest = all.filter((note) => !DECISIVE[note.verdict]);
  const nodes = decisive.map((note) => el('div', note.message, DECISIVE[note.verdict]));
  if (rest.length > 0) {
    if (decisive.length === 0) {
      nodes.push(el('div', 'No version verdict.', 'version-note'));
    }
    const details = el('details', null, 'version-notes');
    details.dataset.panel = panel;
    const label = decisive.length > 0 ? 'other version note' : 'version note';
    details.append(el('summary', rest.length === 1 ? `1 ${label}` : `${rest.length} ${label}s`));
    const items = el('ul');
    items.append(...rest.map((note) => el('li', note.message, 'version-note')));
    details.append(items);
    nodes.push(details);
  }
  return nodes;
}

// One known issue matching the words searched, with what helps and the versions named in them.
export function knownIssue(hit) {
  const item = el('li', null, 'issue');
  const head = el('div', null, 'title');
  head.append(issueLink(hit.id, hit.url), ' ', el('span', hit.title));
  item.append(head);
  item.append(el('div', `${hit.status}${hit.opened ? `, opened ${hit.opened}` : ''}`, 'meta'));
  for (const highlight of list(hit.highlights)) {
    item.append(fragment(highlight));
  }
  item.append(el('div', `${hit.causeConfirmed ? 'Why' : 'Why (not confirmed)'}: ${hit.cause}`, 'cause'));
  const fixes = list(hit.workarounds);
  if (fixes.length > 0) {
    const steps = el('ul', null, 'workarounds');
    steps.append(...fixes.map((fix) => el('li', fix)));
    item.append(el('div', 'What helps:'), steps);
  }
  item.append(...versionVerdict(hit.versionNotes, `kb-notes:${hit.id}`));
  return item;
}

// A highlighted passage: each span is text; matches are wrapped in <mark>, built through the DOM.
export function fragment(highlight) {
  const line = el('div', null, 'fragment');
  for (const span of list(highlight.spans)) {
    line.append(span.match ? el('mark', span.text) : document.createTextNode(String(span.text ?? '')));
  }
  return line;
}

const VERDICT_WORDS = { AFFECTED: 'affected', NOT_AFFECTED: 'not affected' };

// A note about a fix version decides the issue for this host: it has the fix, or must upgrade.
const FIX_NOTE = /^(Probably )?[Ff]ixed in /;

// One verdict for a known issue on a host's versions: the fix version's note when the issue has
// one (fixed in X: you have it, or upgrade), else affected if any version is, else not affected if
// one is known to be, else not known. The word says it; the colour only repeats it.
export function oneVerdict(notes) {
  const all = list(notes);
  const chosen = all.find((note) => DECISIVE[note.verdict] && FIX_NOTE.test(note.message ?? ''))
    ?? all.find((note) => note.verdict === 'AFFECTED')
    ?? all.find((note) => note.verdict === 'NOT_AFFECTED');
  const block = el('div', null, `verdict ${chosen ? DECISIVE[chosen.verdict] : 'version-note unknown'}`);
  if (chosen) {
    block.append(el('strong', `${VERDICT_WORDS[chosen.verdict]}: `), el('span', chosen.message));
  } else {
    block.append(el('strong', 'not known: '), el('span', 'nobody reported on these versions yet.'));
  }
  return block;
}

// A known issue as a host or incident page shows it: link, title, and its one verdict.
export function issueWithVerdict(issue, notes) {
  const item = el('li', null, 'issue');
  const head = el('div', null, 'title');
  head.append(issueLink(issue.id, issue.url), ' ', el('span', issue.title ?? ''));
  item.append(head, oneVerdict(notes));
  return item;
}
