"""Reference solution of the notes-api lab (Python standard library only)."""
import json
import os
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

notes = {}  # id -> text
next_id = 1
lock = threading.Lock()
NOTE_PATH = re.compile(r"^/notes/(\d+)$")


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

    def error(self, status, message, headers=None):
        self.send_json(status, {"error": message}, headers)

    def note_id(self):
        m = NOTE_PATH.match(self.path)
        return int(m.group(1)) if m else None

    def do_GET(self):
        if self.path == "/notes":
            with lock:
                items = [{"id": i, "text": t} for i, t in notes.items()]
            return self.send_json(200, items)
        note_id = self.note_id()
        if note_id is not None:
            with lock:
                text = notes.get(note_id)
            if text is None:
                return self.error(404, "no note with this id")
            return self.send_json(200, {"id": note_id, "text": text})
        self.error(404, "not found")

    def do_POST(self):
        global next_id
        if self.path != "/notes":
            return self.error(404, "not found") if self.note_id() is None else self.error(405, "use GET or DELETE", {"Allow": "GET, DELETE"})
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw)
        except ValueError:
            return self.error(400, "the body is not valid JSON")
        text = body.get("text") if isinstance(body, dict) else None
        if not isinstance(text, str) or not text.strip():
            return self.error(422, "text is required and must not be empty")
        with lock:
            note_id = next_id
            next_id += 1
            notes[note_id] = text
        self.send_json(201, {"id": note_id, "text": text}, {"Location": f"/notes/{note_id}"})

    def do_DELETE(self):
        note_id = self.note_id()
        if note_id is None:
            return self.error(405, "use GET or POST", {"Allow": "GET, POST"}) if self.path == "/notes" else self.error(404, "not found")
        with lock:
            found = notes.pop(note_id, None) is not None
        if not found:
            return self.error(404, "no note with this id")
        self.send_response(204)
        self.end_headers()

    def do_PUT(self):
        if self.path == "/notes":
            return self.error(405, "use GET or POST", {"Allow": "GET, POST"})
        if self.note_id() is not None:
            return self.error(405, "use GET or DELETE", {"Allow": "GET, DELETE"})
        self.error(404, "not found")


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "8000"))
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"listening on http://127.0.0.1:{port}", flush=True)
    server.serve_forever()
