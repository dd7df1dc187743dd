"""Starter for the hello-server lab: Python standard library only.

Run it:    python3 server.py
Check it:  backend-tutor lab check hello-server --run "python3 server.py"
"""
import json
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def send(self, status, body, content_type):
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/health":
            self.send(200, json.dumps({"status": "ok"}), "application/json")
            return
        # TODO: answer GET / with 200 and a greeting.
        # TODO: answer every other path with 404.
        self.send(500, "not written yet\n", "text/plain; charset=utf-8")


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "8000"))
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"listening on http://127.0.0.1:{port}", flush=True)
    server.serve_forever()
