"""Starter for the notes-validate lab: Python standard library only.

Run it:    python3 server.py
Check it:  backend-tutor lab check notes-validate --run "python3 server.py"

It accepts any note today; the checks and the one error shape are yours
to write (see the TODOs).
"""
import json
import os
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

notes = {}  # id -> note
next_id = 1
lock = threading.Lock()
NOTE_PATH = re.compile(r"^/notes/([^/]+)$")


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
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        # TODO: a Content-Type other than application/json is 415.
        # TODO: a body that is not JSON is 400 (catch the ValueError).
        body = json.loads(raw)
        # TODO: the body must be an object; text a string of 1 to 200
        # characters; priority, if there, "low", "normal" or "high".
        # Anything else is 422 with code "validation_failed" and the field.
        note = {"text": body["text"], "priority": body.get("priority", "normal")}
        with lock:
            note["id"] = next_id
            notes[next_id] = note
            next_id += 1
        self.send_json(201, note, {"Location": f"/notes/{note['id']}"})

    def do_GET(self):
        m = NOTE_PATH.match(self.path)
        if not m:
            return self.error(404, "not_found", "no such resource")
        # TODO: an id that is not a number must be a 404, not a crash.
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
