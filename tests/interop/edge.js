// A Sparkplug edge node played by Eclipse Tahu's sparkplug-client, for the .NET interoperability tests.
// Usage: node edge.js <serverUrl> <groupId> <edgeNodeId> <deviceId> [username] [password]
// Prints "born" once NBIRTH and DBIRTH are out, "ncmd <json>" / "dcmd <json>" for commands received, then publishes
// DDATA every 200 ms until stdin closes or the process is killed.
'use strict';
const sparkplugClient = require('sparkplug-client');

// sparkplug-client insists on credentials; a broker that allows anonymous clients ignores them.
const [serverUrl, groupId, edgeNode, deviceId, username = 'tahu', password = 'tahu'] = process.argv.slice(2);
const now = () => Date.now();
let counter = 0;

// sparkplug-client adds bdSeq itself but not 'Node Control/Rebirth' or metric timestamps (see the Sparkplug notes);
// the births below add them as a 3.0 edge must.
function nodeBirth() {
  return {
    timestamp: now(),
    metrics: [
      { name: 'Node Control/Rebirth', type: 'Boolean', value: false, timestamp: now() },
      { name: 'Properties/Vendor', type: 'String', value: 'Eclipse Tahu sparkplug-client', timestamp: now() },
    ],
  };
}

function deviceBirth() {
  return {
    timestamp: now(),
    metrics: [
      { name: 'counter', alias: 1, type: 'Int32', value: counter, timestamp: now() },
      { name: 'temperature', alias: 2, type: 'Double', value: 21.5, timestamp: now() },
      { name: 'label', alias: 3, type: 'String', value: 'tahu', timestamp: now() },
      { name: 'total', alias: 4, type: 'UInt64', value: 12345678901234, timestamp: now() },
    ],
  };
}

const client = sparkplugClient.newClient({
  serverUrl,
  username,
  password,
  groupId,
  edgeNode,
  clientId: edgeNode,
  version: 'spBv1.0',
  publishDeath: true,
  keepalive: 5,
});

client.on('birth', () => {
  client.publishNodeBirth(nodeBirth());
  client.publishDeviceBirth(deviceId, deviceBirth());
  process.stdout.write('born\n');
});
client.on('ncmd', (payload) => {
  process.stdout.write('ncmd ' + JSON.stringify(payload.metrics.map((m) => ({ name: m.name, value: m.value }))) + '\n');
  if (payload.metrics.some((m) => m.name === 'Node Control/Rebirth' && m.value === true)) {
    client.publishNodeBirth(nodeBirth());
    client.publishDeviceBirth(deviceId, deviceBirth());
    process.stdout.write('reborn\n');
  }
});
client.on('dcmd', (device, payload) => {
  process.stdout.write('dcmd ' + device + ' ' + JSON.stringify(payload.metrics.map((m) => ({ name: m.name, alias: m.alias && m.alias.toString(), value: m.value }))) + '\n');
});
client.on('error', (error) => process.stderr.write('error ' + error + '\n'));

const timer = setInterval(() => {
  counter += 1;
  client.publishDeviceData(deviceId, {
    timestamp: now(),
    metrics: [{ name: 'counter', alias: 1, type: 'Int32', value: counter, timestamp: now() }],
  });
}, 200);

process.stdin.on('end', () => {
  clearInterval(timer);
  client.stop();
  setTimeout(() => process.exit(0), 200);
});
process.stdin.resume();
