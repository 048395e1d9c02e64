// What the conformance scripts share: the SDK the CTest fixture installed (a clear failure
// when it is missing), cloudssl-sim started on a free port, a Tencent Cloud SDK client pointed
// at it, and throw-away certificates made with openssl.
"use strict";

const assert = require("assert");
const { spawn, execFileSync } = require("child_process");
const fs = require("fs");
const http = require("http");
const path = require("path");
const readline = require("readline");

// The simulator's Tencent Cloud credentials.
const SECRET_ID = "AKIDCLOUDSSLSIMULATOR";
const SECRET_KEY = "cloudssl-sim-secret-key";

function requireSdk(name) {
  try {
    return require(name);
  } catch (e) {
    console.error(`FAIL: ${name} is not installed (npm install failed?): ${e.message}`);
    process.exit(1);
  }
}

// CLOUDSSL_SIM_PATH on 127.0.0.1, a free port, with `seedFile` and `extraArgs`; resolves to
// { child, port } once it printed its address.
function startSimulator(seedFile, extraArgs = []) {
  const bin = process.env.CLOUDSSL_SIM_PATH;
  assert(bin, "CLOUDSSL_SIM_PATH is not set");
  const args = ["--listen", "127.0.0.1:0", "--quiet", ...extraArgs, "--seed", seedFile];
  const child = spawn(bin, args, { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("simulator did not start")), 20000);
    child.on("exit", (code) => reject(new Error("simulator exited with " + code)));
    readline.createInterface({ input: child.stdout }).once("line", (line) => {
      clearTimeout(timer);
      resolve({ child, port: Number(line.split(":").pop()) });
    });
  });
}

// A Tencent Cloud SDK client of `service` on the simulator's `port`. The SDK signs for the
// service named by the endpoint's first label, so the real host name is kept and resolved to
// loopback.
function tencentClient(ClientClass, service, port, { secretKey = SECRET_KEY, region = "" } = {}) {
  const agent = new http.Agent({
    lookup: (host, opts, cb) =>
      opts && opts.all ? cb(null, [{ address: "127.0.0.1", family: 4 }]) : cb(null, "127.0.0.1", 4),
  });
  return new ClientClass({
    credential: { secretId: SECRET_ID, secretKey },
    region,
    profile: {
      httpProfile: { endpoint: `${service}.tencentcloudapi.com:${port}`, protocol: "http://", agent },
    },
  });
}

// A self-signed P-256 certificate for `cn` and the DNS names `sans`, written under `dir` as
// <name>.crt and <name>.key: its PEM texts.
function makeCertificate(dir, name, cn, sans) {
  const key = path.join(dir, name + ".key");
  const crt = path.join(dir, name + ".crt");
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
    "-keyout", key, "-out", crt, "-days", "30", "-subj", "/CN=" + cn,
    "-addext", "subjectAltName=" + sans.map((s) => "DNS:" + s).join(","),
  ], { stdio: "ignore" });
  return { cert: fs.readFileSync(crt, "utf8"), key: fs.readFileSync(key, "utf8") };
}

module.exports = { SECRET_ID, SECRET_KEY, requireSdk, startSimulator, tencentClient, makeCertificate };
