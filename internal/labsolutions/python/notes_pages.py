"""Reference solution of the notes-pages lab (Python standard library only):
pages newest first, with a cursor (the last id shown) in the next link."""
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

notes = []  # oldest first
next_id = 1
lock = threading.Lock()


def number(query, name, default, low, high):
    """A query parameter as a whole number in [low, high]; None if it is not."""
    values = query.get(name)
    if not values:
        return default
    text = values[0]
    if not text.isdigit():
        return None
    n = int(text)
    return n if low <= n <= high else None


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
        query = parse_qs(url.query)
        limit = number(query, "limit", 10, 1, 100)
        if limit is None:
            return self.error(400, "limit must be a whole number from 1 to 100")
        cursor = number(query, "cursor", None, 1, 2**62)
        if "cursor" in query and cursor is None:
            return self.error(400, "cursor must be the id from a next link")
        with lock:
            older = [n for n in reversed(notes) if cursor is None or n["id"] < cursor]
        items = older[:limit]
        more = len(older) > limit
        next_link = f"/notes?limit={limit}&cursor={items[-1]['id']}" if more else None
        self.send_json(200, {"items": items, "next": next_link})


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "8000"))
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"listening on http://127.0.0.1:{port}", flush=True)
    server.serve_forever()
