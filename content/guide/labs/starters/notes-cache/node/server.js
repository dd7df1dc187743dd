// Starter for the notes-cache lab: Node's standard modules only.
//
// Run it:    node server.js
// Check it:  backend-tutor lab check notes-cache --run "node server.js"
//
// The notes API works; the ETag, Cache-Control and 304 are yours to add
// (see the TODOs).
const http = require("http");
const crypto = require("crypto");

const port = Number(process.env.PORT || 8000);
const notes = new Map(); // id -> {id, text}
let nextId = 1;

function sendJSON(res, status, value, headers = {}) {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(value));
}

function readText(raw) {
  try {
    const body = JSON.parse(raw);
    return body && typeof body.text === "string" && body.text.trim() ? body.text : null;
  } catch {
    return null;
  }
}

const server = http.createServer((req, res) => {
  let raw = "";
  req.on("data", (chunk) => (raw += chunk));
  req.on("end", () => {
    if (req.method === "POST" && req.url === "/notes") {
      const text = readText(raw);
      if (text === null) {
        return sendJSON(res, 422, { error: "send JSON with a non-empty text" });
      }
      const note = { id: nextId++, text };
      notes.set(note.id, note);
      return sendJSON(res, 201, note, { Location: `/notes/${note.id}` });
    }
    const m = req.url.match(/^\/notes\/(\d+)$/);
    const note = m ? notes.get(Number(m[1])) : undefined;
    if (note && req.method === "GET") {
      // TODO: make an ETag for this version of the note, such as
      // '"' + crypto.createHash("sha256").update(JSON.stringify(note)).digest("hex").slice(0, 16) + '"'.
      // TODO: if req.headers["if-none-match"] names it, answer 304 with no
      // body (res.writeHead(304, {ETag: ..., "Cache-Control": "no-cache"}); res.end()).
      // TODO: otherwise send the note with the ETag and Cache-Control: no-cache.
      return sendJSON(res, 200, note);
    }
    if (note && req.method === "PUT") {
      const text = readText(raw);
      if (text === null) {
        return sendJSON(res, 422, { error: "send JSON with a non-empty text" });
      }
      note.text = text;
      return sendJSON(res, 200, note);
    }
    sendJSON(res, 404, { error: "not found" });
  });
});

server.listen(port, "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${port}`);
});
