// A fast stand-in for Slack's Web API or the Bot Framework on 127.0.0.1, for the benchmarks: a
// Python server answered about 1,500 calls a second, which capped the bots' replies, not the bots.
// Node's http module, no dependencies. FAKE_ROUTES names a JSON file of routes, tried in order:
//   [{"method": "POST", "contains": "/respond/", "body": {...}, "count": "replies"}, ...]
// The first route whose method matches and whose "contains" is in the path answers 200 with its
// body (JSON); "count" names a counter to add one to (and "<count>_bytes" the request bytes it
// received, so a run shows what the replies carried). GET /__counts answers the counters,
// POST /__reset zeroes them. Anything unmatched answers 404.
'use strict';
const fs = require('fs');
const http = require('http');

const routes = JSON.parse(fs.readFileSync(process.env.FAKE_ROUTES, 'utf8')).map((route) => ({
  ...route,
  payload: Buffer.from(typeof route.body === 'string' ? route.body : JSON.stringify(route.body)),
}));
let counts = {};

function answer(res, status, payload) {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': payload.length });
  res.end(payload);
}

const server = http.createServer((req, res) => {
  let received = 0;
  req.on('data', (chunk) => { received += chunk.length; });
  req.on('end', () => {
    if (req.url === '/__counts') {
      answer(res, 200, Buffer.from(JSON.stringify(counts)));
      return;
    }
    if (req.url === '/__reset') {
      counts = {};
      answer(res, 200, Buffer.from('{}'));
      return;
    }
    const route = routes.find((r) => r.method === req.method && req.url.includes(r.contains));
    if (!route) {
      answer(res, 404, Buffer.from('{"ok":false,"error":"unknown_method"}'));
      return;
    }
    if (route.count) {
      counts[route.count] = (counts[route.count] || 0) + 1;
      counts[route.count + '_bytes'] = (counts[route.count + '_bytes'] || 0) + received;
    }
    answer(res, 200, route.payload);
  });
});
server.keepAliveTimeout = 120000;
server.listen(Number(process.env.FAKE_PORT), '127.0.0.1', () => console.log('listening'));
