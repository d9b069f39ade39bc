// What the dashboard says while there is no incident to list: whether that means all is well (the
// machines report and none hung) or nothing reports yet, and then how to connect a collector.
import { el, getJson, plural } from './dom.js';

const ADDRESS_PLACEHOLDER = 'KAFKA_HOST:9092';

// /healthz answers 503 with the same JSON while the analyzer fails: that answer is still the news.
async function health() {
  try {
    return await getJson('/healthz');
  } catch (error) {
    if (error.body && typeof error.body.status === 'string') {
      return error.body;
    }
    throw error;
  }
}

function analyzerNote(health) {
  const analyzer = health.analyzer;
  if (!analyzer || analyzer.status === 'running') {
    return null;
  }
  const error = analyzer.lastError ? `: ${analyzer.lastError}` : '';
  return `The analyzer, which turns reports into incidents, is ${analyzer.status}${error}.`;
}

function connectHelp(health) {
  const address = health.kafka?.bootstrap ?? ADDRESS_PLACEHOLDER;
  const help = el('div', null, 'connect');
  const where = health.kafka?.bootstrap
    ? 'Run a collector on each WSL machine to watch, pointed at this server\'s Kafka:'
    : `Run a collector on each WSL machine to watch, pointed at your Kafka (replace ${ADDRESS_PLACEHOLDER}):`;
  help.append(el('p', where));
  const command = el('pre');
  command.append(el('code', `stallwatch collect --bootstrap ${address}`));
  help.append(command);
  return help;
}

// The heading and explanation for an empty list, from the server's health.
function explain(health) {
  const hosts = health.hosts;
  if (!hosts) {
    return {
      title: 'No incidents yet.',
      text: 'This server cannot tell whether any collector reports (it runs without an analyzer).',
      help: true,
    };
  }
  if (hosts.known === 0) {
    return { title: 'No collector has reported yet.', text: null, help: true };
  }
  if (hosts.reporting === 0) {
    return {
      title: `${plural(hosts.known, 'machine')} reported before; none reports now.`,
      text: 'Check that their collectors run and reach Kafka.',
      help: true,
    };
  }
  const silent = hosts.known - hosts.reporting;
  const reporting = `${plural(hosts.reporting, 'machine')} reporting${silent > 0 ? `, ${silent} silent` : ''}`;
  // "No hangs" holds only while the analyzer correlates; otherwise none were looked for.
  const correlating = !health.analyzer || health.analyzer.status === 'running';
  return { title: `${reporting}${correlating ? ', no hangs.' : '; no incidents so far.'}`, text: null, help: false };
}

// What to show in place of the table, from the server's health.
export async function emptyState() {
  const state = await health();
  const said = explain(state);
  const nodes = [el('h2', said.title)];
  for (const line of [said.text, analyzerNote(state)]) {
    if (line) {
      nodes.push(el('p', line));
    }
  }
  if (said.help) {
    nodes.push(connectHelp(state));
  }
  return nodes;
}
