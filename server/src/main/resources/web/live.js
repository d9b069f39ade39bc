// The event stream: what changed on the server, as it changes. The status in the header says
// whether the page is live; the browser reconnects by itself (the server asks for 3 s), and when
// the server refused the stream outright the page asks again a little later.
const TYPES = ['incident', 'alert', 'action', 'silence', 'host'];
const RETRY_AFTER_REFUSAL_MS = 5000;

function showState(state, text) {
  const status = document.getElementById('live');
  status.dataset.state = state;
  status.textContent = text;
}

// Calls `changed(type, data)` for each event, and `changed('resync')` when what was missed is no
// longer kept, so the view reloads.
export function connectLive(changed) {
  let source = null;
  const open = () => {
    source = new EventSource('/api/stream');
    source.addEventListener('open', () => showState('live', 'live'));
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) {
        showState('offline', 'not live: reconnecting soon…');
        source.close();
        setTimeout(open, RETRY_AFTER_REFUSAL_MS);
      } else {
        showState('reconnecting', 'reconnecting…');
      }
    });
    for (const type of TYPES) {
      source.addEventListener(type, (event) => {
        let data = null;
        try {
          data = JSON.parse(event.data);
        } catch {
          return;
        }
        changed(type, data);
      });
    }
    source.addEventListener('resync', () => changed('resync', null));
  };
  showState('connecting', 'connecting…');
  open();
}
