"""Starter for the notes-pages lab: Python standard library only.

Run it:    python3 server.py
Check it:  backend-tutor lab check notes-pages --run "python3 server.py"

GET /notes sends every note at once today; pages are yours to add (see
the TODOs).
"""
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

notes = []  # oldest first
next_id = 1
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    def send_json(self, status, value, headers=None):
        data = json.dumps(value).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, val in (headers or {}).items():
            self.send_header(name, val)
        self.end_headers()
        self.wfile.write(data)

    def error(self, status, message):
        self.send_json(status, {"error": message})

    def do_POST(self):
        global next_id
        if self.path != "/notes":
            return self.error(404, "not found")
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length))
        except ValueError:
            return self.error(400, "the body is not valid JSON")
        text = body.get("text") if isinstance(body, dict) else None
        if not isinstance(text, str) or not text.strip():
            return self.error(422, "text is required")
        with lock:
            note = {"id": next_id, "text": text}
            notes.append(note)
            next_id += 1
        self.send_json(201, note, {"Location": f"/notes/{note['id']}"})

    def do_GET(self):
        url = urlsplit(self.path)
        if url.path != "/notes":
            return self.error(404, "not found")
        query = parse_qs(url.query)  # {"limit": ["2"], "cursor": ["8"]}
        # TODO: read limit (default 10); anything but a whole number from 1 to
        # 100 is 400 with {"error": "..."}.
        # TODO: take the notes newest first, only those older than the cursor
        # (an id) when there is one, and at most limit of them.
        # TODO: answer {"items": [...], "next": "/notes?limit=N&cursor=ID"},
        # with the id of the page's last note, or "next": None on the last page.
        with lock:
            self.send_json(200, notes)


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "8000"))
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"listening on http://127.0.0.1:{port}", flush=True)
    server.serve_forever()
