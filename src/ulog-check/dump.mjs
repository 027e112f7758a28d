// Independent ULog reading for spikepilot's tests: @foxglove/ulog, not our Java reader.
//
//   node dump.mjs FILE TOPIC...
//       One JSON line per data message of the named topics: {"topic","multiId","fields":{name: value}}, fields
//       flattened as our reader names them (nested formats "a.b", arrays of nested formats "a[0].b", scalar arrays as
//       JSON arrays). Numbers are written as strings that parse back to the same double ("NaN", "Infinity" too);
//       uint64/int64 as decimal strings. A last line {"summary":true,...} gives the header version and counts.
import { ULog } from '@foxglove/ulog';
import { FileReader } from '@foxglove/ulog/node.js';

const [file, ...topics] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node dump.mjs FILE TOPIC...\n');
  process.exit(2);
}
const wanted = new Set(topics);

const number = (v) => (typeof v === 'bigint' ? v.toString() : typeof v === 'boolean' ? (v ? '1' : '0')
  : Object.is(v, -0) ? '-0' : String(v));

function flatten(prefix, value, out) {
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const items = Array.from(value);
    if (items.length > 0 && typeof items[0] === 'object' && items[0] !== null && !ArrayBuffer.isView(items[0])) {
      items.forEach((item, i) => flatten(`${prefix}[${i}].`, item, out));
    } else {
      out[prefix.slice(0, -1)] = items.map(number);
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k.startsWith('_padding')) continue;
      flatten(`${prefix}${k}.`, v, out);
    }
  } else if (typeof value === 'string') {
    out[prefix.slice(0, -1)] = Array.from(Buffer.from(value, 'latin1')).map(String);
  } else {
    out[prefix.slice(0, -1)] = [number(value)];
  }
}

const ulog = new ULog(new FileReader(file));
await ulog.open();
let lines = 0;
for await (const msg of ulog.readMessages()) {
  if (msg.msgId === undefined || msg.value === undefined) continue;
  const sub = ulog.subscriptions.get(msg.msgId);
  if (!sub || !wanted.has(sub.name)) continue;
  const fields = {};
  flatten('', msg.value, fields);
  process.stdout.write(JSON.stringify({ topic: sub.name, multiId: sub.multiId, fields }) + '\n');
  lines++;
}
process.stdout.write(JSON.stringify({ summary: true, version: ulog.header.version, lines,
  messages: ulog.messageCount() }) + '\n');
