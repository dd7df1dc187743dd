"""Reference solution of the notes-persist lab (Python standard library only).

The notes live in SQLite (notes.db): each change is committed before the
answer, and AUTOINCREMENT never hands out a deleted note's id again.
"""
import json
import os
import re
import sqlite3
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

db = sqlite3.connect("notes.db", check_same_thread=False)
db.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY AUTOINCREMENT, text TEXT NOT NULL)")
db.commit()
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

    def note_id(self):
        m = NOTE_PATH.match(self.path)
        return int(m.group(1)) if m else None

    def do_GET(self):
        if self.path == "/notes":
            with lock:
                rows = db.execute("SELECT id, text FROM notes ORDER BY id").fetchall()
            return self.send_json(200, [{"id": i, "text": t} for i, t in rows])
        note_id = self.note_id()
        if note_id is None:
            return self.error(404, "not found")
        with lock:
            row = db.execute("SELECT id, text FROM notes WHERE id = ?", (note_id,)).fetchone()
        if row is None:
            return self.error(404, "no note with this id")
        self.send_json(200, {"id": row[0], "text": row[1]})

    def do_POST(self):
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
        with lock, db:  # "with db" commits, or rolls back on an error
            note_id = db.execute("INSERT INTO notes (text) VALUES (?)", (text,)).lastrowid
        self.send_json(201, {"id": note_id, "text": text}, {"Location": f"/notes/{note_id}"})

    def do_DELETE(self):
        note_id = self.note_id()
        if note_id is None:
            return self.error(404, "not found")
        with lock, db:
            deleted = db.execute("DELETE FROM notes WHERE id = ?", (note_id,)).rowcount
        if not deleted:
            return self.error(404, "no note with this id")
        self.send_response(204)
        self.end_headers()


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "8000"))
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"listening on http://127.0.0.1:{port}", flush=True)
    server.serve_forever()
