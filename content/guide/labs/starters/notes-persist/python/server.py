"""Starter for the notes-persist lab: Python standard library only.

Run it:    python3 server.py
Check it:  backend-tutor lab check notes-persist --run "python3 server.py"

This is a working notes API that keeps its notes in memory, so a restart
loses them. Make it save them: either in SQLite (import sqlite3), or in
a JSON file written safely (see the TODOs).
"""
import json
import os
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DATA_FILE = "notes.json"
notes = {}  # id -> text
next_id = 1
lock = threading.Lock()
NOTE_PATH = re.compile(r"^/notes/(\d+)$")


def load():
    """Called once at start."""
    global next_id
    # TODO: if DATA_FILE exists, read the notes and next_id from it.
    # (With SQLite instead: connect, and CREATE TABLE IF NOT EXISTS.)


def save():
    """Called after every change, before the answer is sent."""
    # TODO: write {"next_id": ..., "notes": [...]} to DATA_FILE + ".tmp",
    # then os.replace() it over DATA_FILE, so a crash never leaves half a file.
    # Saving next_id too means a deleted note's id is never handed out again.
    pass


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

    def note_id(self):
        m = NOTE_PATH.match(self.path)
        return int(m.group(1)) if m else None

    def do_GET(self):
        if self.path == "/notes":
            with lock:
                return self.send_json(200, [{"id": i, "text": t} for i, t in notes.items()])
        with lock:
            text = notes.get(self.note_id())
        if text is None:
            return self.error(404, "no note with this id")
        self.send_json(200, {"id": self.note_id(), "text": text})

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
            note_id = next_id
            next_id += 1
            notes[note_id] = text
            save()
        self.send_json(201, {"id": note_id, "text": text}, {"Location": f"/notes/{note_id}"})

    def do_DELETE(self):
        with lock:
            found = notes.pop(self.note_id(), None) is not None
            save()
        if not found:
            return self.error(404, "no note with this id")
        self.send_response(204)
        self.end_headers()


if __name__ == "__main__":
    load()
    port = int(os.environ.get("PORT", "8000"))
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"listening on http://127.0.0.1:{port}", flush=True)
    server.serve_forever()
