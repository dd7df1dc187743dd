// Starter for the notes-persist lab: Node's standard modules only.
//
// Run it:    node server.js
// Check it:  backend-tutor lab check notes-persist --run "node server.js"
//
// This is a working notes API that keeps its notes in memory, so a restart
// loses them. Make it save them in a JSON file, written safely (see the TODOs).
const http = require("http");
const fs = require("fs");

const DATA_FILE = "notes.json";
const port = Number(process.env.PORT || 8000);
let notes = new Map(); // id -> text
let nextId = 1;

function load() {
  // TODO: if DATA_FILE exists, read the notes and nextId from it
  // (fs.existsSync, fs.readFileSync, JSON.parse).
}

function save() {
  // TODO: write {nextId, notes: [...]} to DATA_FILE + ".tmp" with
  // fs.writeFileSync, then fs.renameSync it over DATA_FILE, so a crash never
  // leaves half a file. Saving nextId too means a deleted note's id is never
  // handed out again.
}

function sendJSON(res, status, value, headers = {}) {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(value));
}

const server = http.createServer((req, res) => {
  let raw = "";
  req.on("data", (chunk) => (raw += chunk));
  req.on("end", () => {
    const m = req.url.match(/^\/notes\/(\d+)$/);
    const id = m ? Number(m[1]) : null;
    if (req.method === "GET" && req.url === "/notes") {
      return sendJSON(res, 200, [...notes].map(([id, text]) => ({ id, text })));
    }
    if (req.method === "POST" && req.url === "/notes") {
      let body;
      try {
        body = JSON.parse(raw);
      } catch {
        return sendJSON(res, 400, { error: "the body is not valid JSON" });
      }
      if (!body || typeof body.text !== "string" || !body.text.trim()) {
        return sendJSON(res, 422, { error: "text is required" });
      }
      const newId = nextId++;
      notes.set(newId, body.text);
      save();
      return sendJSON(res, 201, { id: newId, text: body.text }, { Location: `/notes/${newId}` });
    }
    if (req.method === "GET" && notes.has(id)) {
      return sendJSON(res, 200, { id, text: notes.get(id) });
    }
    if (req.method === "DELETE" && notes.has(id)) {
      notes.delete(id);
      save();
      res.writeHead(204);
      return res.end();
    }
    sendJSON(res, 404, { error: "not found" });
  });
});

load();
server.listen(port, "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${port}`);
});
