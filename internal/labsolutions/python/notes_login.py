"""Reference solution of the notes-login lab (Python standard library only)."""
import hmac
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

notes = {}  # id -> {"id", "text", "owner"}
sessions = {}  # session id -> user
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

    def session_id(self):
        cookie = SimpleCookie()
        try:
            cookie.load(self.headers.get("Cookie", ""))
        except Exception:
            return None
        morsel = cookie.get("session")
        return morsel.value if morsel else None

    def user(self):
        """The user of the request's session, or None after sending 401."""
        with lock:
            user = sessions.get(self.session_id())
        if user is None:
            self.error(401, "log in first")
        return user

    def read_json(self):
        length = int(self.headers.get("Content-Length") or 0)
        try:
            return json.loads(self.rfile.read(length))
        except ValueError:
            self.error(400, "the body is not valid JSON")
            return None

    def do_POST(self):
        global next_id
        if self.path == "/login":
            body = self.read_json()
            if body is None:
                return
            user = body.get("user") if isinstance(body, dict) else None
            password = body.get("password") if isinstance(body, dict) else None
            known = isinstance(user, str) and user in USERS and isinstance(password, str)
            if not known or not hmac.compare_digest(USERS[user].encode(), password.encode()):
                return self.error(401, "wrong user or password")
            sid = secrets.token_urlsafe(32)
            with lock:
                sessions[sid] = user
            return self.send_json(200, {"user": user}, [("Set-Cookie", f"session={sid}; Path=/; HttpOnly; SameSite=Lax")])
        if self.path == "/logout":
            if self.user() is None:
                return
            with lock:
                sessions.pop(self.session_id(), None)
            self.send_response(204)
            self.send_header("Set-Cookie", "session=; Path=/; Max-Age=0; HttpOnly")
            return self.end_headers()
        if self.path != "/notes":
            return self.error(404, "not found")
        user = self.user()
        if user is None:
            return
        body = self.read_json()
        if body is None:
            return
        text = body.get("text") if isinstance(body, dict) else None
        if not isinstance(text, str) or not text.strip():
            return self.error(422, "text is required")
        with lock:
            note = {"id": next_id, "text": text, "owner": user}
            notes[next_id] = note
            next_id += 1
        self.send_json(201, {"id": note["id"], "text": text}, [("Location", f"/notes/{note['id']}")])

    def own_note(self, user):
        """The user's note named by the path; another user's is 404 too."""
        m = NOTE_PATH.match(self.path)
        with lock:
            note = notes.get(int(m.group(1))) if m else None
        if note is None or note["owner"] != user:
            self.error(404, "no note with this id")
            return None
        return note

    def do_GET(self):
        if self.path != "/notes" and not NOTE_PATH.match(self.path):
            return self.error(404, "not found")
        user = self.user()
        if user is None:
            return
        if self.path == "/notes":
            with lock:
                mine = [{"id": n["id"], "text": n["text"]} for n in notes.values() if n["owner"] == user]
            return self.send_json(200, mine)
        note = self.own_note(user)
        if note is not None:
            self.send_json(200, {"id": note["id"], "text": note["text"]})

    def do_DELETE(self):
        if not NOTE_PATH.match(self.path):
            return self.error(404, "not found")
        user = self.user()
        if user is None:
            return
        note = self.own_note(user)
        if note is None:
            return
        with lock:
            notes.pop(note["id"], None)
        self.send_response(204)
        self.end_headers()


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "8000"))
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"listening on http://127.0.0.1:{port}", flush=True)
    server.serve_forever()
