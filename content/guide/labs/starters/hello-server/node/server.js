// Starter for the hello-server lab: Node's http module only.
//
// Run it:    node server.js
// Check it:  backend-tutor lab check hello-server --run "node server.js"
const http = require("http");

const port = Number(process.env.PORT || 8000);

const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/health") {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ status: "ok" }));
    return;
  }
  // TODO: answer GET / with 200 and a greeting.
  // TODO: answer every other path with 404.
  res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
  res.end("not written yet\n");
});

server.listen(port, "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${port}`);
});
