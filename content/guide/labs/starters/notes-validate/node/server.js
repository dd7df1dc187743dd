// Starter for the notes-validate lab: Node's standard modules only.
//
// Run it:    node server.js
// Check it:  backend-tutor lab check notes-validate --run "node server.js"
//
// It accepts any note today; the checks and the one error shape are yours
// to write (see the TODOs).
const http = require("http");

const port = Number(process.env.PORT || 8000);
const notes = new Map(); // id -> note
let nextId = 1;

function sendJSON(res, status, value, headers = {}) {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(value));
}

// Every error, whatever its status, in one shape.
function sendError(res, status, code, message, field) {
  sendJSON(res, status, { error: field ? { code, message, field } : { code, message } });
}

const server = http.createServer((req, res) => {
  let raw = "";
  req.on("data", (chunk) => (raw += chunk));
  req.on("end", () => {
    if (req.method === "POST" && req.url === "/notes") {
      // TODO: a Content-Type other than application/json is 415.
      // TODO: a body that is not JSON is 400 (JSON.parse throws).
      const body = JSON.parse(raw);
      // TODO: the body must be an object; text a string of 1 to 200
      // characters; priority, if there, "low", "normal" or "high".
      // Anything else is 422 with code "validation_failed" and the field.
      const note = { id: nextId++, text: body.text, priority: body.priority || "normal" };
      notes.set(note.id, note);
      return sendJSON(res, 201, note, { Location: `/notes/${note.id}` });
    }
    const m = req.url.match(/^\/notes\/([^/]+)$/);
    if (req.method === "GET" && m) {
      // TODO: check that the id is a number before you use it.
      const note = notes.get(Number(m[1]));
      if (note) {
        return sendJSON(res, 200, note);
      }
    }
    sendError(res, 404, "not_found", "no such note");
  });
});

server.listen(port, "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${port}`);
});
