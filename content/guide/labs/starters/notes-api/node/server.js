// Starter for the notes-api lab: Node's http module only.
//
// Run it:    node server.js
// Check it:  backend-tutor lab check notes-api --run "node server.js"
const http = require("http");

const port = Number(process.env.PORT || 8000);
const notes = new Map(); // id -> text
let nextId = 1;

function sendJSON(res, status, value, headers = {}) {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(value));
}

const server = http.createServer((req, res) => {
  let raw = "";
  req.on("data", (chunk) => (raw += chunk));
  req.on("end", () => {
    if (req.method === "POST" && req.url === "/notes") {
      const body = JSON.parse(raw);
      // TODO: a body that is not JSON is 400; JSON without a non-empty "text" is 422.
      const id = nextId++;
      notes.set(id, body.text);
      sendJSON(res, 201, { id, text: body.text }, { Location: `/notes/${id}` });
      return;
    }
    // TODO: GET /notes (the list), GET /notes/{id} (one note, or 404),
    // DELETE /notes/{id} (204, no body), PUT /notes (405 with an Allow header).
    sendJSON(res, 404, { error: "not found" });
  });
});

server.listen(port, "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${port}`);
});
