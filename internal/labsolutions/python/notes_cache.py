"""Reference solution of the notes-cache lab (Python standard library only)."""
import hashlib
import json
import os
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

notes = {}  # id -> {"id", "text"}
next_id = 1
lock = threading.Lock()
NOTE_PATH = re.compile(r"^/notes/(\d+)$")


def etag(data):
    """A strong ETag made from the bytes sent: it changes when they do."""
    return '"' + hashlib.sha256(data).hexdigest()[:16] + '"'


def matches(if_none_match, tag):
    """If-None-Match is "*" or a list of tags, compared weakly (W/ ignored)."""
    for t in if_none_match.split(","):
        t = t.strip()
        if t.startswith("W/"):
            t = t[2:]
        if t in ("*", tag):
            return True
    return False


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
            self.error(400, "the body is not valid JSON")
            return None
        text = body.get("text") if isinstance(body, dict) else None
        if not isinstance(text, str) or not text.strip():
            self.error(422, "text is required")
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
        data = json.dumps(note).encode("utf-8")
        tag = etag(data)
        if matches(self.headers.get("If-None-Match", ""), tag):
            # 304: no body, but the headers a 200 would have had.
            self.send_response(304)
            self.send_header("ETag", tag)
            self.send_header("Cache-Control", "no-cache")
            return self.end_headers()
        self.send_json(200, note, {"ETag": tag, "Cache-Control": "no-cache"})

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
