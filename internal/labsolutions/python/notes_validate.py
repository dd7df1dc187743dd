"""Reference solution of the notes-validate lab (Python standard library only)."""
import json
import os
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PRIORITIES = ("low", "normal", "high")
notes = {}  # id -> note
next_id = 1
lock = threading.Lock()
NOTE_PATH = re.compile(r"^/notes/([^/]+)$")


class Invalid(Exception):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def validate(body):
    """Returns the note a body describes, or raises Invalid."""
    if not isinstance(body, dict):
        raise Invalid("the body must be a JSON object")
    text = body.get("text")
    if not isinstance(text, str) or not 1 <= len(text) <= 200:
        raise Invalid("text must be a string of 1 to 200 characters", "text")
    priority = body.get("priority", "normal")
    if priority not in PRIORITIES:
        raise Invalid('priority must be "low", "normal" or "high"', "priority")
    return {"text": text, "priority": priority}


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

    def error(self, status, code, message, field=None):
        """Every error, whatever its status, in one shape."""
        err = {"code": code, "message": message}
        if field:
            err["field"] = field
        self.send_json(status, {"error": err})

    def do_POST(self):
        global next_id
        if self.path != "/notes":
            return self.error(404, "not_found", "no such resource")
        media_type = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)  # read it all, even to refuse it
        if media_type != "application/json":
            return self.error(415, "unsupported_media_type", "send the note as Content-Type: application/json")
        try:
            body = json.loads(raw)
        except ValueError:
            return self.error(400, "invalid_json", "the body is not valid JSON")
        try:
            note = validate(body)
        except Invalid as e:
            return self.error(422, "validation_failed", str(e), e.field)
        with lock:
            note["id"] = next_id
            notes[next_id] = note
            next_id += 1
        self.send_json(201, note, {"Location": f"/notes/{note['id']}"})

    def do_GET(self):
        if self.path == "/notes":
            with lock:
                return self.send_json(200, list(notes.values()))
        m = NOTE_PATH.match(self.path)
        note = None
        if m and m.group(1).isdigit():
            with lock:
                note = notes.get(int(m.group(1)))
        if note is None:
            return self.error(404, "not_found", "no note with this id")
        self.send_json(200, note)


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "8000"))
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"listening on http://127.0.0.1:{port}", flush=True)
    server.serve_forever()
