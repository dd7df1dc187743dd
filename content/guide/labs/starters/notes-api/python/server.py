"""Starter for the notes-api lab: Python standard library only.

Run it:    python3 server.py
Check it:  backend-tutor lab check notes-api --run "python3 server.py"
"""
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

notes = {}  # id -> text
next_id = 1
lock = threading.Lock()


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

    def do_POST(self):
        global next_id
        if self.path != "/notes":
            return self.send_json(404, {"error": "not found"})
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length))
        # TODO: a body that is not JSON is 400; JSON without a non-empty "text" is 422.
        with lock:
            note_id = next_id
            next_id += 1
            notes[note_id] = body["text"]
        self.send_json(201, {"id": note_id, "text": body["text"]}, {"Location": f"/notes/{note_id}"})

    def do_GET(self):
        # TODO: GET /notes answers the list of notes; GET /notes/{id} one note, or 404.
        self.send_json(404, {"error": "not found"})

    # TODO: do_DELETE for DELETE /notes/{id} (204, no body), and do_PUT (405 with an Allow header).


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "8000"))
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"listening on http://127.0.0.1:{port}", flush=True)
    server.serve_forever()
