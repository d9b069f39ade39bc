// An incident's lifecycle: what happened to it, and the forms to acknowledge it and to add a note.
// A server that wants credentials for changes answers 401 with a sentence; the page shows it and a
// token field, whose value is kept for this tab and sent as a bearer token.
import { el, field, getJson, list, sendJson, setToken, timeEl, token } from './dom.js';

const WHAT = {
  opened: 'opened', escalated: 'escalated', acknowledged: 'acknowledged', note: 'note', silenced: 'silenced',
  suppressed: 'suppressed', resolved: 'resolved',
};

// The token field, shared by every form that changes something.
export function tokenField() {
  const wrap = el('div', null, 'token');
  const [label, input] = field('token', 'Token (only if this server asks for one)');
  input.type = 'password';
  input.autocomplete = 'off';
  input.value = token();
  input.addEventListener('change', () => setToken(input.value.trim()));
  wrap.append(label, input);
  return wrap;
}

// Sends a change; a refusal's sentence goes into `status`, and a 401 also brings the token field
// into view.
export async function submitChange(status, send) {
  status.textContent = 'Sending…';
  status.classList.remove('error');
  try {
    await send();
    status.textContent = 'Done.';
    return true;
  } catch (error) {
    status.textContent = error.message;
    status.classList.add('error');
    if (error.status === 401) {
      document.getElementById('token')?.focus();
    }
    return false;
  }
}

function historyItem(entry) {
  const li = el('li', null, `history-${entry.what}`);
  li.append(timeEl(entry.at), ' ', el('strong', WHAT[entry.what] ?? String(entry.what)));
  if (entry.by) {
    li.append(el('span', ` by ${entry.by}`));
  }
  if (entry.detail) {
    li.append(el('div', entry.detail, 'detail'));
  }
  return li;
}

function form(id, fields, button, send, after) {
  const node = el('form', null, 'change');
  node.id = id;
  const status = el('p', null, 'form-status');
  status.setAttribute('role', 'status');
  const submit = el('button', button);
  submit.type = 'submit';
  for (const [label, input] of fields) {
    const row = el('div', null, 'field');
    row.append(label, input);
    node.append(row);
  }
  node.append(submit, status);
  node.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    if (await submitChange(status, send)) {
      node.reset();
      after();
    }
    submit.disabled = false;
  });
  return node;
}

// The lifecycle section of incident `id`: {node, reload}.
export function lifecycleSection(id) {
  const section = el('section', null, 'lifecycle');
  const acked = el('p', null, 'acknowledged');
  const items = el('ol', null, 'history');
  const url = `/api/incidents/${encodeURIComponent(id)}`;
  const reload = async () => {
    try {
      const answer = await getJson(`${url}/history`);
      const ack = answer.acknowledged;
      acked.textContent = ack ? `Acknowledged by ${ack.by}${ack.text ? `: ${ack.text}` : ''}` : 'Not acknowledged yet.';
      items.replaceChildren(...list(answer.history).map(historyItem));
    } catch (error) {
      acked.textContent = `The history is not available: ${error.message}`;
    }
  };
  const comment = field('ack-comment', 'Comment (optional)');
  const ackAuthor = field('ack-author', 'Your name (optional)');
  const note = field('note-text', 'Note', 'textarea');
  note[1].required = true;
  note[1].rows = 3;
  const noteAuthor = field('note-author', 'Your name (optional)');
  const body = (pairs) => Object.fromEntries(pairs.filter(([, input]) => input.value.trim() !== '')
    .map(([key, input]) => [key, input.value.trim()]));
  const ackForm = form('ack-form', [comment, ackAuthor], 'Acknowledge',
    () => sendJson('POST', `${url}/ack`, body([['comment', comment[1]], ['author', ackAuthor[1]]])), reload);
  const noteForm = form('note-form', [note, noteAuthor], 'Add note',
    () => sendJson('POST', `${url}/notes`, body([['text', note[1]], ['author', noteAuthor[1]]])), reload);
  section.append(el('h3', 'Lifecycle'), acked, items, ackForm, noteForm, tokenField());
  reload();
  return { node: section, reload };
}
