"""Starter for the notes-cache lab: Python standard library only.

Run it:    python3 server.py
Check it:  backend-tutor lab check notes-cache --run "python3 server.py"

The notes API works; the ETag, Cache-Control and 304 are yours to add
(see the TODOs).
"""
import hashlib
import json
import os
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

notes = {}  # id -> {"id": ..., "text": ...}
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

    def error(self, status, message):
        self.send_json(status, {"error": message})

    def read_text(self):
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length))
        except ValueError:
            body = None
        text = body.get("text") if isinstance(body, dict) else None
        if not isinstance(text, str) or not text.strip():
            self.error(422, "send JSON with a non-empty text")
            return None
        return text

    def note(self):
        m = NOTE_PATH.match(self.path)
        with lock:
            note = notes.get(int(m.group(1))) if m else None
        if note is None:
            self.error(404, "no note with this id")
        return note

    def do_POST(self):
        global next_id
        if self.path != "/notes":
            return self.error(404, "not found")
        text = self.read_text()
        if text is None:
            return
        with lock:
            note = {"id": next_id, "text": text}
            notes[next_id] = note
            next_id += 1
        self.send_json(201, note, {"Location": f"/notes/{note['id']}"})

    def do_GET(self):
        note = self.note()
        if note is None:
            return
        # TODO: make an ETag for this version of the note, such as
        # '"' + hashlib.sha256(json.dumps(note).encode()).hexdigest()[:16] + '"'.
        # TODO: if self.headers.get("If-None-Match") names it, answer 304 with
        # no body (send_response, the ETag and Cache-Control headers, end_headers).
        # TODO: otherwise send the note with the ETag and Cache-Control: no-cache.
        self.send_json(200, note)

    def do_PUT(self):
        note = self.note()
        if note is None:
            return
        text = self.read_text()
        if text is None:
            return
        with lock:
            note["text"] = text
        self.send_json(200, note)


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "8000"))
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"listening on http://127.0.0.1:{port}", flush=True)
    server.serve_forever()
