// An LwM2M 1.2 client of OMA's own MQTT binding (Transport TS §8, binding "M"), for the .NET interoperability tests.
// It is written from shared/notes/lwm2m-oma-mqtt-binding.md alone, not from the server's code, so the two together
// show that two readings of that note agree; neither is certified against the OMA specification.
//
// Usage: node oma-device.js <brokerUrl> <endpoint> [--prefix P] [--notify-ms N] [--lifetime S] [--mqtt 4|5]
//                           [--username U] [--password P]
// It connects with client id = endpoint, talks on [P/]lwm2m/rd/<endpoint>, registers /1/0, /3/0 and /3303/0, sends
// /3303/0 once, and answers the server. One line on stdout per event, for the test to wait for:
//   registered | register-refused <result> | sent <result> | updated <result> | deregistered <result>
//   read <uri> <result> | written <uri> <json value> | executed <uri> | observing <uri> | notify <uri> <value>
//   cancelled <uri>
// Problems go to stderr. It de-registers and exits on SIGTERM, SIGINT or when stdin closes (.NET's Process.Kill is
// SIGKILL, which leaves no time to de-register, so the test closes stdin instead, as it does for edge.js).
'use strict';
const mqtt = require('mqtt');
const { Encoder } = require('cbor-x');

const usage = 'usage: node oma-device.js <brokerUrl> <endpoint> [--prefix P] [--notify-ms N] [--lifetime S] [--mqtt 4|5] [--username U] [--password P]';
const [brokerUrl, endpoint, ...rest] = process.argv.slice(2);
const options = { prefix: '', 'notify-ms': '500', lifetime: '3600', mqtt: '4', username: undefined, password: undefined };
for (let i = 0; i < rest.length; i += 2) {
  const name = rest[i].replace(/^--/, '');
  if (!rest[i].startsWith('--') || !(name in options) || rest[i + 1] === undefined) fail(usage);
  options[name] = rest[i + 1];
}
// §1 [REC]: the endpoint is one topic level, so no separators or wildcards.
if (!brokerUrl || !endpoint || /[/+#\0]/.test(endpoint)) fail(usage);
if (!['4', '5'].includes(options.mqtt)) fail('--mqtt is 4 (MQTT 3.1.1) or 5');
const notifyMs = Number(options['notify-ms']);
// §1: one topic per endpoint carries requests and responses in both directions; the LwM2M path is never in it.
const topic = (options.prefix ? options.prefix + '/' : '') + 'lwm2m/rd/' + endpoint;

// Every envelope and SenML key is an integer, so messages are Maps (a JS object would turn keys into strings).
// Byte strings go out as plain bstr, not with the typed-array tag 64 cbor-x would add to a Uint8Array.
// Note: cbor-x writes a JS number as a CBOR integer when it is whole and as a float64 otherwise, and decodes an
// 8-byte integer as a BigInt, which it writes back as an 8-byte integer: a token is echoed as the value it came as.
const cbor = new Encoder({ mapsAsObjects: false, useRecords: false, tagUint8Array: false });

// §2.1 envelope keys, §2.2 operation codes, §3.1 content formats, §3.4 SenML CBOR labels.
const Key = { operation: 1, token: 2, uri: 5, payload: 7, lifetime: 8, version: 9, binding: 10, result: 18, ct: 19 };
const Op = { Register: 6, Update: 7, Deregister: 8, Read: 9, WriteReplace: 12, WritePartial: 13, Execute: 16, Observe: 20, CancelObserve: 22, Notify: 23, Send: 24 };
const Ct = { text: 0, senmlCbor: 112, lwm2mCbor: 11544 };
const Senml = { bn: -2, bt: -3, n: 0, v: 2, vs: 3, vb: 4 };
// §2.5: everyone receives their own publications on the shared topic. A client drops the operations only a client
// sends: those are its own requests coming back.
const clientOperations = new Set([Op.Register, Op.Update, Op.Deregister, Op.Notify, Op.Send]);
const REQUEST_TIMEOUT_MS = 5000;

// The device's resources by path. The type says how a value travels in SenML (v, vs or vb) and reads from text.
const resources = new Map([
  ['/1/0/0', { type: 'integer', value: 1 }], // Short Server ID
  ['/1/0/1', { type: 'integer', value: Number(options.lifetime), writable: true }], // Lifetime: Register's key 8 (§4.1)
  ['/1/0/7', { type: 'string', value: 'M' }], // Binding
  ['/3/0/0', { type: 'string', value: 'LwM2MSparkplug interop' }], // Manufacturer
  ['/3/0/1', { type: 'string', value: 'oma-device.js' }], // Model Number
  ['/3/0/2', { type: 'string', value: endpoint }], // Serial Number
  ['/3/0/3', { type: 'string', value: '1.0' }], // Firmware Version
  ['/3/0/4', { type: 'exec' }], // Reboot
  ['/3/0/11/0', { type: 'integer', value: 0 }], // Error Code, a multiple resource: "no error"
  ['/3/0/16', { type: 'string', value: 'M' }], // Supported Binding and Modes (Register's b SHOULD equal it)
  ['/3303/0/5700', { type: 'float', value: 21.25 }], // Sensor Value
  ['/3303/0/5701', { type: 'string', value: 'Cel' }], // Sensor Units (read-only in the registry)
  ['/3303/0/5750', { type: 'string', value: 'room', writable: true }], // Application Type
]);
// §4.1: the object list in link format; the root link names the optional formats this client also reads and writes.
// 3303 version 1.1: Application Type (5750), the writable resource the tests use, came with it.
const objectLinks = '</>;ct="112 11544",</1/0>,</3/0>,</3303>;ver=1.1,</3303/0>';

let nextToken = 1; // §2.4: the requester picks the token; it only has to be unambiguous
const pending = new Map(); // String(token) of our requests -> resolve(response)
const observations = new Map(); // String(token) of the server's Observe -> { token, uri }
let registered = false;
let registering = false; // one Register loop at a time, however often the connection comes back
let stopping = false;
let updateTimer;
let tick = 0;

const client = mqtt.connect(brokerUrl, {
  clientId: endpoint,
  protocolVersion: Number(options.mqtt),
  clean: true,
  keepalive: 30,
  reconnectPeriod: 1000,
  username: options.username,
  password: options.password,
});
client.on('error', (error) => warn('mqtt ' + error.message));
client.on('connect', () => {
  // QoS 1 throughout (§1 [REC]); subscribe before registering so the 201 cannot be missed.
  client.subscribe(topic, { qos: 1 }, (error) => {
    if (error) return warn('subscribe ' + error.message);
    if (!registered && !stopping) register();
  });
});
client.on('message', (_topic, bytes) => receive(bytes));

// The sensor: every notify-ms the temperature moves, and each observation is notified. 21.25 + k/2 is never whole,
// so the Float resource always travels as a CBOR float rather than an integer (see the note on cbor-x above).
const sensor = setInterval(() => {
  tick += 1;
  resources.get('/3303/0/5700').value = 21.25 + 0.5 * (tick % 20);
  for (const { token, uri } of observations.values()) {
    const answer = read(uri);
    if (answer.result !== 205) continue;
    // §2.4: a Notify reuses the Observe's token; the server sends no answer (PUBACK is the acknowledgement).
    publish(new Map([[Key.operation, Op.Notify], [Key.token, token], [Key.payload, answer.payload], [Key.ct, answer.ct]]));
    out(`notify ${uri} ${resources.get('/3303/0/5700').value}`);
  }
}, notifyMs);

async function register() {
  if (registering) return;
  registering = true;
  try {
    await registerUntilAnswered();
  } finally {
    registering = false;
  }
  if (!registered) return;
  out('registered');
  scheduleUpdate();
  const sent = await request(Op.Send, [[Key.payload, sendPack()], [Key.ct, Ct.senmlCbor]]);
  out(`sent ${sent ? sent.result : 'timeout'}`);
}

async function registerUntilAnswered() {
  observations.clear(); // §2.4: a new registration voids every observation
  const lifetime = resources.get('/1/0/1').value;
  const response = await request(Op.Register, [
    [Key.payload, Buffer.from(objectLinks, 'ascii')],
    [Key.lifetime, lifetime],
    [Key.version, '1.2'],
    [Key.binding, 'M'],
  ]);
  if (stopping) return;
  if (!response) {
    warn('no answer to Register; registering again');
    return registerUntilAnswered();
  }
  if (response.result !== 201) {
    out(`register-refused ${response.result}`);
    return process.exit(1);
  }
  registered = true;
}

// An Update with no keys refreshes the registration before its lifetime ends (§4.1); 0 means no expiry.
function scheduleUpdate() {
  clearTimeout(updateTimer);
  const lifetime = resources.get('/1/0/1').value;
  if (lifetime > 0) updateTimer = setTimeout(() => update([]), lifetime * 900);
}

async function update(fields) {
  const response = await request(Op.Update, fields);
  out(`updated ${response ? response.result : 'timeout'}`);
  if (response && response.result === 404) {
    registered = false; // §4.1: an unknown or expired registration; the client must Register again
    return register();
  }
  scheduleUpdate();
}

// §3.4, as in §5 example 6: /3303/0 with a base time, 5700 and 5701 named under bn.
function sendPack() {
  return cbor.encode([
    new Map([[Senml.bn, '/3303/0/'], [Senml.bt, Math.floor(Date.now() / 1000)], [Senml.n, '5700'], [Senml.v, resources.get('/3303/0/5700').value]]),
    new Map([[Senml.n, '5701'], [Senml.vs, resources.get('/3303/0/5701').value]]),
  ]);
}

function request(operation, fields = []) {
  const token = nextToken++;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      pending.delete(String(token));
      resolve(null);
    }, REQUEST_TIMEOUT_MS);
    pending.set(String(token), (response) => {
      clearTimeout(timer);
      pending.delete(String(token));
      resolve(response);
    });
    publish(new Map([[Key.operation, operation], [Key.token, token], ...fields]));
  });
}

function receive(bytes) {
  let message;
  try {
    message = cbor.decode(bytes);
  } catch (error) {
    return warn(`malformed envelope (${error.message}): ${bytes.toString('hex')}`);
  }
  // §2.6 [REC]: accept a protection wrapper without protection, {1: null, 2: the message}.
  if (message instanceof Map && message.get(1) === null && message.get(2) instanceof Map) message = message.get(2);
  const problem = !(message instanceof Map) ? 'not a CBOR map'
    : message.has(Key.operation) === message.has(Key.result) ? 'needs exactly one of operation (1) and result (18)'
      : !isUint(message.get(Key.token)) ? 'token (2) is not an unsigned integer'
        : message.has(Key.operation) && !isUint(message.get(Key.operation)) ? 'operation (1) is not an unsigned integer'
          : message.has(Key.result) && !isUint(message.get(Key.result)) ? 'result (18) is not an unsigned integer'
            : null;
  if (problem) return warn(`malformed envelope (${problem}): ${bytes.toString('hex')}`);

  const token = message.get(Key.token);
  if (message.has(Key.result)) {
    // Only answers to our own requests count; any other result is our own answer to the server coming back.
    const settle = pending.get(String(token));
    if (settle) settle({ result: Number(message.get(Key.result)), ct: message.get(Key.ct), payload: message.get(Key.payload) });
    return;
  }
  const operation = Number(message.get(Key.operation));
  if (clientOperations.has(operation)) return; // our own request coming back (§2.5)
  const answer = handle(operation, token, message);
  // §2.3: a response is {2: token, 18: result, ?19: ct, ?7: payload}; keys in ascending order, as in §5.
  publish(new Map([
    [Key.token, token],
    ...(answer.payload !== undefined ? [[Key.payload, answer.payload]] : []),
    [Key.result, answer.result],
    ...(answer.ct !== undefined ? [[Key.ct, answer.ct]] : []),
  ]));
}

function handle(operation, token, message) {
  const uri = message.get(Key.uri);
  switch (operation) {
    case Op.Read: {
      const answer = read(uri);
      out(`read ${uri} ${answer.result}`);
      return answer;
    }
    case Op.WriteReplace:
    case Op.WritePartial:
      return write(uri, message.get(Key.ct), message.get(Key.payload));
    case Op.Execute:
      return execute(uri);
    case Op.Observe: {
      const answer = read(uri);
      if (answer.result === 205) {
        observations.set(String(token), { token, uri });
        out(`observing ${uri}`);
      }
      return answer; // §2.4: 205 with the first value
    }
    case Op.CancelObserve: {
      // §2.2: the token is the observation's and nothing else identifies it; 205 as in §5 example 5.
      const observation = observations.get(String(token));
      if (!observation) return { result: 404 };
      observations.delete(String(token));
      out(`cancelled ${observation.uri}`);
      return { result: 205 };
    }
    default:
      return { result: 501 }; // §2.3: no listed code fits an operation this client does not implement
  }
}

function read(uri) {
  if (!isPath(uri)) return { result: 400 };
  const found = under(uri);
  if (found.length === 1 && found[0][0] === uri && found[0][1].type === 'exec') return { result: 405 };
  const readable = found.filter(([, resource]) => resource.type !== 'exec');
  if (readable.length === 0) return { result: 404 };
  return { result: 205, ct: Ct.senmlCbor, payload: senml(uri, readable) };
}

// SenML CBOR as in §5: one resource is a record with its full path in bn ([{-2: "/3303/0/5700", 2: 21.5}]);
// more than one are named under bn = uri + "/" given on the first record ([{-2: "/3303/0/", 0: "5700", …}, {0: "5701", …}]).
function senml(uri, entries) {
  if (entries.length === 1 && entries[0][0] === uri) return cbor.encode([withValue(new Map([[Senml.bn, uri]]), entries[0][1])]);
  return cbor.encode(entries.map(([path, resource], i) =>
    withValue(new Map([...(i === 0 ? [[Senml.bn, uri + '/']] : []), [Senml.n, path.slice(uri.length + 1)]]), resource)));
}

function withValue(record, resource) {
  const label = resource.type === 'string' ? Senml.vs : resource.type === 'boolean' ? Senml.vb : Senml.v;
  return record.set(label, resource.value);
}

// Write-Replace and Write-Partial-Update: of one resource the two are the same. Every value is checked first and then
// all are kept, so a refused write changes nothing.
function write(uri, ct, payload) {
  if (!isPath(uri) || !isUint(ct) || payload === undefined) return refuse(uri, 400);
  if (under(uri).length === 0) return refuse(uri, 404);
  const bytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload; // §2.1: accept a tstr payload too
  if (!Buffer.isBuffer(bytes)) return refuse(uri, 400);
  let values;
  try {
    values = decodeValues(uri, Number(ct), bytes);
  } catch (error) {
    warn(`write ${uri}: ${error.message}`);
    return refuse(uri, error.result || 400);
  }
  const changes = [];
  for (const [path, value, fromText] of values) {
    if (path !== uri && !path.startsWith(uri + '/')) return refuse(uri, 400); // outside the target
    const resource = resources.get(path);
    if (!resource) return refuse(uri, 404);
    if (!resource.writable) return refuse(uri, 405);
    const typed = fromText ? parseText(resource.type, value) : coerce(resource.type, value);
    if (typed === undefined) return refuse(uri, 400);
    changes.push([path, resource, typed]);
  }
  if (changes.length === 0) return refuse(uri, 400);
  for (const [path, resource, value] of changes) {
    resource.value = value;
    out(`written ${path} ${JSON.stringify(value)}`);
    // §4.1: Register's lifetime must equal /1/x/1, so a new lifetime is announced with an Update.
    if (path === '/1/0/1' && registered) setImmediate(() => update([[Key.lifetime, value]]));
  }
  return { result: 204 };
}

// The written values as [path, value, fromText] in the content format ct.
function decodeValues(uri, ct, bytes) {
  if (ct === Ct.text) {
    if (uri.split('/').length < 4) throw new Error('text carries one resource, not ' + uri);
    return [[uri, bytes.toString('utf8'), true]];
  }
  if (ct === Ct.senmlCbor) {
    // §3.4: name = the last bn seen + n; the value is under v, vs or vb.
    const pack = cbor.decode(bytes);
    if (!Array.isArray(pack) || pack.length === 0) throw new Error('SenML CBOR is a non-empty array of records');
    let baseName = '';
    return pack.map((record) => {
      if (!(record instanceof Map)) throw new Error('a SenML record is a map');
      if (record.has(Senml.bn)) baseName = record.get(Senml.bn);
      const name = baseName + (record.has(Senml.n) ? record.get(Senml.n) : '');
      const label = [Senml.v, Senml.vs, Senml.vb].find((l) => record.has(l));
      if (label === undefined) throw new Error(`no value for ${name}`);
      return [name, record.get(label), false];
    });
  }
  if (ct === Ct.lwm2mCbor) {
    // §3.3: a map keyed by an id or an array of ids; a nested map continues the path. Paths are absolute.
    const root = cbor.decode(bytes);
    if (!(root instanceof Map)) throw new Error('LwM2M CBOR is a map');
    const values = [];
    (function walk(node, prefix) {
      for (const [key, value] of node) {
        const ids = Array.isArray(key) ? key : [key];
        if (ids.length === 0 || !ids.every((id) => Number.isInteger(id) && id >= 0 && id <= 65535)) throw new Error('bad id in LwM2M CBOR');
        const path = prefix.concat(ids);
        if (path.length > 4) throw new Error('LwM2M CBOR path deeper than 4 levels');
        if (value instanceof Map) walk(value, path);
        else values.push(['/' + path.join('/'), value, false]);
      }
    })(root, []);
    if (new Set(values.map(([path]) => path)).size !== values.length) throw new Error('the same path twice');
    return values;
  }
  throw Object.assign(new Error(`content format ${ct} not supported`), { result: 415 });
}

// A CBOR value as the resource's type, whatever width it came in (§3.2); undefined when it does not fit.
function coerce(type, value) {
  if (type === 'string') return typeof value === 'string' ? value : undefined;
  if (type === 'boolean') return typeof value === 'boolean' ? value : undefined;
  if (typeof value === 'bigint') value = Number(value);
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  return type === 'integer' && !Number.isInteger(value) ? undefined : value;
}

// §3.6: plain text is decimal for numbers, 0 or 1 for booleans.
function parseText(type, text) {
  if (type === 'string') return text;
  if (type === 'boolean') return text === '1' ? true : text === '0' ? false : undefined;
  if (type === 'integer') return /^-?\d+$/.test(text) ? Number(text) : undefined;
  return /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : undefined;
}

function execute(uri) {
  const resource = isPath(uri) ? resources.get(uri) : undefined;
  const result = !isPath(uri) ? 400 : !resource ? (under(uri).length ? 405 : 404) : resource.type !== 'exec' ? 405 : 204;
  if (result === 204) out(`executed ${uri}`); // a Reboot that does not reboot: the test only needs to see it arrive
  return { result };
}

function refuse(uri, result) {
  warn(`write ${uri} refused: ${result}`);
  return { result };
}

// The resources at uri or below it, in the order of the table above.
function under(uri) {
  return [...resources].filter(([path]) => path === uri || path.startsWith(uri + '/'));
}

function isPath(uri) {
  return typeof uri === 'string' && /^(\/\d{1,5}){1,4}$/.test(uri) && uri.split('/').slice(1).every((id) => Number(id) <= 65535);
}

function isUint(value) {
  return (Number.isInteger(value) && value >= 0) || (typeof value === 'bigint' && value >= 0n);
}

// §1 [REC]: QoS 1, never retained (a retained request would replay to whoever subscribes next).
function publish(message) {
  client.publish(topic, cbor.encode(message), { qos: 1, retain: false });
}

function out(line) {
  process.stdout.write(line + '\n');
}

function warn(line) {
  process.stderr.write(line + '\n');
}

function fail(line) {
  warn(line);
  process.exit(2);
}

async function stop() {
  if (stopping) return;
  stopping = true;
  clearInterval(sensor);
  clearTimeout(updateTimer);
  if (registered) {
    const response = await request(Op.Deregister); // §4.1: token only; 202
    out(`deregistered ${response ? response.result : 'timeout'}`);
  }
  client.end(false, () => process.exit(0));
}

process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
