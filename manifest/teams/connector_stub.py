#!/usr/bin/env python3
"""A stand-in for the Bot Connector, to try the Teams endpoint on this machine without Azure.

It answers the calls ProductOps makes (send, reply, update, open a 1:1 chat, look up a member) as
the Bot Connector does, and prints every activity the bot sends. Development only: it checks no
token and keeps nothing.

    python3 manifest/teams/connector_stub.py [port]    (default 3978; 0 picks a free one)
"""
import itertools
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

IDS = itertools.count(1)


class Connector(BaseHTTPRequestHandler):
    # Keep connections open as the Bot Connector does; HTTP/1.0 closes each one after its answer.
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        if "/members/" in self.path:
            member = unquote(self.path.rstrip("/").rsplit("/", 1)[-1])
            self.answer(200, {"id": member, "name": "Local User", "email": "local.user@example.com"})
        else:
            # Team details: ProductOps then goes on without the team's group id.
            self.answer(404, {"error": {"code": "NotFound", "message": "The stub knows no teams."}})

    def do_POST(self):
        self.record()

    def do_PUT(self):
        self.record()

    def record(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        print(f"{self.command} {unquote(self.path)}\n{json.dumps(json.loads(body or b'{}'), indent=2, ensure_ascii=False)}", flush=True)
        made = next(IDS)
        created = self.path.rstrip("/").endswith("/v3/conversations")
        self.answer(201 if created else 200, {"id": f"a:stub-chat-{made}" if created else f"stub-{made}"})

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):
        pass


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 3978), Connector)
    print(f"Bot Connector stub on http://127.0.0.1:{server.server_address[1]}/", flush=True)
    server.serve_forever()
