// Starter for the notes-pages lab: Node's standard modules only.
//
// Run it:    node server.js
// Check it:  backend-tutor lab check notes-pages --run "node server.js"
//
// GET /notes sends every note at once today; pages are yours to add (see
// the TODOs).
const http = require("http");

const port = Number(process.env.PORT || 8000);
const notes = []; // oldest first
let nextId = 1;

function sendJSON(res, status, value, headers = {}) {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(value));
}

const server = http.createServer((req, res) => {
  let raw = "";
  req.on("data", (chunk) => (raw += chunk));
  req.on("end", () => {
    const url = new URL(req.url, "http://localhost");
    if (req.method === "POST" && url.pathname === "/notes") {
      let body;
      try {
        body = JSON.parse(raw);
      } catch {
        return sendJSON(res, 400, { error: "the body is not valid JSON" });
      }
      if (!body || typeof body.text !== "string" || !body.text.trim()) {
        return sendJSON(res, 422, { error: "text is required" });
      }
      const note = { id: nextId++, text: body.text };
      notes.push(note);
      return sendJSON(res, 201, note, { Location: `/notes/${note.id}` });
    }
    if (req.method === "GET" && url.pathname === "/notes") {
      // TODO: read url.searchParams.get("limit") (default 10); anything but a
      // whole number from 1 to 100 is 400 with {"error": "..."}.
      // TODO: take the notes newest first, only those older than the cursor
      // (an id) when there is one, and at most limit of them.
      // TODO: answer {items: [...], next: "/notes?limit=N&cursor=ID"}, with
      // the id of the page's last note, or next: null on the last page.
      return sendJSON(res, 200, notes);
    }
    sendJSON(res, 404, { error: "not found" });
  });
});

server.listen(port, "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${port}`);
});
