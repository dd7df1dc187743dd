"""Starter for the notes-login lab: Python standard library only.

Run it:    python3 server.py
Check it:  backend-tutor lab check notes-login --run "python3 server.py"

Log-in checks the password already; the sessions and the owner checks are
yours to write (see the TODOs).
"""
import json
import os
import re
import secrets
import threading
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# The lab's two accounts. A real app stores only a slow, salted hash of
# each password (chapter 9); this lab is about sessions.
USERS = {"ada": "lovelace1815", "grace": "hopper1906"}

notes = {}  # id -> {"id": ..., "text": ...}
sessions = {}  # session id -> user name
next_id = 1
lock = threading.Lock()
NOTE_PATH = re.compile(r"^/notes/(\d+)$")


class Handler(BaseHTTPRequestHandler):
    def send_json(self, status, value, headers=()):
        data = json.dumps(value).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, val in headers:
            self.send_header(name, val)
        self.end_headers()
        self.wfile.write(data)

    def error(self, status, message):
        self.send_json(status, {"error": message})

    def read_json(self):
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length))
        except ValueError:
            body = None
        return body if isinstance(body, dict) else {}

    def current_user(self):
        """The user of the request's session cookie, or None."""
        cookie = SimpleCookie(self.headers.get("Cookie", ""))
        # TODO: take cookie["session"].value (if there is one) and look it up
        # in sessions.
        return None

    def do_POST(self):
        global next_id
        if self.path == "/login":
            body = self.read_json()
            user, password = body.get("user"), body.get("password")
            if not isinstance(user, str) or USERS.get(user) != password:
                return self.error(401, "wrong user or password")
            # TODO: make a session id with secrets.token_urlsafe(32), remember
            # sessions[sid] = user, and send it with the header
            # ("Set-Cookie", f"session={sid}; Path=/; HttpOnly; SameSite=Lax").
            return self.send_json(200, {"user": user})
        # TODO: POST /logout: forget the session, answer 204 with no body.
        if self.path != "/notes":
            return self.error(404, "not found")
        # TODO: without a valid session, answer 401; remember the note's owner.
        text = self.read_json().get("text")
        if not isinstance(text, str) or not text.strip():
            return self.error(422, "text is required")
        with lock:
            note = {"id": next_id, "text": text}
            notes[next_id] = note
            next_id += 1
        self.send_json(201, note, [("Location", f"/notes/{note['id']}")])

    def do_GET(self):
        # TODO: 401 without a valid session; list and show only the user's own
        # notes (another user's note is 404, as if it did not exist).
        if self.path == "/notes":
            with lock:
                return self.send_json(200, list(notes.values()))
        m = NOTE_PATH.match(self.path)
        with lock:
            note = notes.get(int(m.group(1))) if m else None
        if note is None:
            return self.error(404, "no note with this id")
        self.send_json(200, note)

    def do_DELETE(self):
        # TODO: 401 without a valid session; only the owner may delete.
        m = NOTE_PATH.match(self.path)
        with lock:
            note = notes.pop(int(m.group(1)), None) if m else None
        if note is None:
            return self.error(404, "no note with this id")
        self.send_response(204)
        self.end_headers()


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "8000"))
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"listening on http://127.0.0.1:{port}", flush=True)
    server.serve_forever()
