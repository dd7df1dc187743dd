// Starter for the notes-login lab: Node's standard modules only.
//
// Run it:    node server.js
// Check it:  backend-tutor lab check notes-login --run "node server.js"
//
// Log-in checks the password already; the sessions and the owner checks are
// yours to write (see the TODOs).
const http = require("http");
const crypto = require("crypto");

// The lab's two accounts. A real app stores only a slow, salted hash of
// each password (chapter 9); this lab is about sessions.
const USERS = { ada: "lovelace1815", grace: "hopper1906" };

const port = Number(process.env.PORT || 8000);
const notes = new Map(); // id -> {id, text}
const sessions = new Map(); // session id -> user name
let nextId = 1;

function sendJSON(res, status, value, headers = {}) {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(value));
}

function currentUser(req) {
  // TODO: find "session=..." in req.headers.cookie and look it up in sessions.
  return null;
}

function readJSON(raw) {
  try {
    const body = JSON.parse(raw);
    return body && typeof body === "object" ? body : {};
  } catch {
    return {};
  }
}

const server = http.createServer((req, res) => {
  let raw = "";
  req.on("data", (chunk) => (raw += chunk));
  req.on("end", () => {
    if (req.method === "POST" && req.url === "/login") {
      const { user, password } = readJSON(raw);
      if (!Object.hasOwn(USERS, user) || USERS[user] !== password) {
        return sendJSON(res, 401, { error: "wrong user or password" });
      }
      // TODO: make a session id with crypto.randomBytes(32).toString("base64url"),
      // remember sessions.set(sid, user), and send the header
      // "Set-Cookie": `session=${sid}; Path=/; HttpOnly; SameSite=Lax`.
      return sendJSON(res, 200, { user });
    }
    // TODO: POST /logout: forget the session, answer 204 with no body.
    // TODO: every /notes request needs a valid session (else 401); notes
    // remember their owner, and another user's note is 404.
    if (req.method === "POST" && req.url === "/notes") {
      const { text } = readJSON(raw);
      if (typeof text !== "string" || !text.trim()) {
        return sendJSON(res, 422, { error: "text is required" });
      }
      const note = { id: nextId++, text };
      notes.set(note.id, note);
      return sendJSON(res, 201, note, { Location: `/notes/${note.id}` });
    }
    if (req.method === "GET" && req.url === "/notes") {
      return sendJSON(res, 200, [...notes.values()]);
    }
    const m = req.url.match(/^\/notes\/(\d+)$/);
    const note = m ? notes.get(Number(m[1])) : undefined;
    if (note && req.method === "GET") {
      return sendJSON(res, 200, note);
    }
    if (note && req.method === "DELETE") {
      notes.delete(note.id);
      res.writeHead(204);
      return res.end();
    }
    sendJSON(res, 404, { error: "not found" });
  });
});

server.listen(port, "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${port}`);
});
