// Line-oriented bridge to Eclipse Tahu's sparkplug-payload codec, driven by the .NET interoperability tests.
// Each stdin line is a JSON request; each stdout line is the JSON answer:
//   {"op":"decode","base64":"..."}      -> {"ok":true,"payload":{...}} with 64-bit values as decimal strings
//   {"op":"encode","payload":{...}}     -> {"ok":true,"base64":"..."}; {"$long":"123"} marks a 64-bit value
'use strict';
const readline = require('readline');
const Long = require('long');
const sparkplug = require('sparkplug-payload').get('spBv1.0');

function toPlain(value) {
  if (Long.isLong(value)) return value.toString();
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(toPlain);
  if (value && typeof value === 'object') {
    const result = {};
    for (const [key, inner] of Object.entries(value)) result[key] = toPlain(inner);
    return result;
  }
  return value;
}

function fromPlain(value) {
  if (Array.isArray(value)) return value.map(fromPlain);
  if (value && typeof value === 'object') {
    if ('$long' in value) return Long.fromString(String(value.$long), value.unsigned === true);
    if ('$bytes' in value) return Buffer.from(value.$bytes, 'base64');
    const result = {};
    for (const [key, inner] of Object.entries(value)) result[key] = fromPlain(inner);
    return result;
  }
  return value;
}

const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  let answer;
  try {
    const request = JSON.parse(line);
    if (request.op === 'decode') {
      answer = { ok: true, payload: toPlain(sparkplug.decodePayload(Buffer.from(request.base64, 'base64'))) };
    } else if (request.op === 'encode') {
      answer = { ok: true, base64: Buffer.from(sparkplug.encodePayload(fromPlain(request.payload))).toString('base64') };
    } else {
      answer = { ok: false, error: `unknown op ${request.op}` };
    }
  } catch (error) {
    answer = { ok: false, error: String(error && error.stack || error) };
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
});
