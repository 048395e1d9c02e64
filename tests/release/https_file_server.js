// A static HTTPS file server for the network mirror test: serves ROOT on 127.0.0.1 (a free
// port, printed as "LISTENING <port>" on stdout), .json as application/json, everything else
// as application/octet-stream, and logs each request on stderr.
// Usage: node https_file_server.js ROOT CERT_PEM KEY_PEM
"use strict";
const fs = require("fs");
const https = require("https");
const path = require("path");

const [root, certFile, keyFile] = process.argv.slice(2);
if (!root || !certFile || !keyFile) {
  console.error("usage: node https_file_server.js ROOT CERT_PEM KEY_PEM");
  process.exit(2);
}
const base = path.resolve(root);
const server = https.createServer(
  { cert: fs.readFileSync(certFile), key: fs.readFileSync(keyFile) },
  (req, res) => {
    const url = new URL(req.url, "https://127.0.0.1");
    const file = path.resolve(base, "." + decodeURIComponent(url.pathname));
    console.error(`${req.method} ${url.pathname}`);
    if (!file.startsWith(base + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("not found\n");
      return;
    }
    const body = fs.readFileSync(file);
    res.writeHead(200, {
      "Content-Type": file.endsWith(".json") ? "application/json" : "application/octet-stream",
      "Content-Length": body.length,
    });
    res.end(req.method === "HEAD" ? undefined : body);
  });
server.listen(0, "127.0.0.1", () => console.log(`LISTENING ${server.address().port}`));
