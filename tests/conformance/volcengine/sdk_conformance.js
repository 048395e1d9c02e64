// Wire-compatibility proof for the Volcengine side: the official Volcengine Node.js SDK
// (@volcengine/openapi, its generic Service client with serviceName certificate_service)
// calls CertificateGetInstance on cloudssl-sim with filters and paging, and is refused with a
// wrong secret key (SignatureDoesNotMatch) and an unknown access key (InvalidAccessKey), each
// error carrying the gateway's RequestId.
//
// Environment: CLOUDSSL_SIM_PATH (the simulator binary), NODE_PATH (where the SDK is installed,
// by the CTest fixture in ../CMakeLists.txt). Exits non-zero on any failure.
"use strict";

const assert = require("assert");
const fs = require("fs");
const os = require("os");
const path = require("path");
const sim = require("../support.js");

const volc = sim.requireSdk("@volcengine/openapi");

const ACCESS_KEY = "AKLTCLOUDSSLSIMULATOR";
const SECRET_KEY = "cloudssl-sim-volcengine-secret";

// The SDK's own client: it signs (host not among the signed headers; X-Date; region and
// service in the scope) and sends GET /?Action=...&Version=...&<query>.
function certificateService(port, accessKeyId, secretKey) {
  const service = new volc.Service({
    host: `127.0.0.1:${port}`,
    protocol: "http:",
    region: "cn-north-1",
    serviceName: "certificate_service",
    accessKeyId,
    secretKey,
  });
  return service.createAPI("CertificateGetInstance", { Version: "2021-06-01", method: "GET" });
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudssl-volc-sdk-"));
  const seed = path.join(dir, "seed.json");
  fs.writeFileSync(seed, JSON.stringify({
    volcengine: {
      certificates: [
        { id: "cert-sdk-web", Generate: { Domain: "www.example.com" }, tag: "web 证书",
          project_name: "default" },
        { Count: 120, id: "cert-sdk-{n}", Generate: { Domain: "host{n}.example.org", Algorithm: "ECC" },
          project_name: "bulk", instance_type: 1, order_brand: "digicert_free" },
      ],
    },
  }));
  const { child, port } = await sim.startSimulator(seed);
  let failed = 0, passed = 0;
  const check = async (name, fn) => {
    try {
      await fn();
      passed++;
      console.log("ok   " + name);
    } catch (e) {
      failed++;
      console.log("FAIL " + name + ": " + (e.stack || e));
    }
  };
  try {
    const getInstances = certificateService(port, ACCESS_KEY, SECRET_KEY);
    await check("CertificateGetInstance with filters (escaped characters, fuzzy tag)", async () => {
      const r = await getInstances({ tag: "web 证书", common_name: "www.example", limit: 10 });
      assert(!r.ResponseMetadata.Error, JSON.stringify(r.ResponseMetadata.Error));
      assert.strictEqual(r.ResponseMetadata.Action, "CertificateGetInstance");
      assert.strictEqual(r.ResponseMetadata.Version, "2021-06-01");
      assert.strictEqual(r.ResponseMetadata.Service, "certificate_service");
      assert.match(r.ResponseMetadata.RequestId, /^[0-9]{14}[0-9A-F]{20}$/);
      assert.strictEqual(r.Result.count, 1);
      const c = r.Result.content[0];
      assert.strictEqual(c.id, "cert-sdk-web");
      assert.strictEqual(c.common_name, "www.example.com");
      assert.match(c.ssl.certificate.chain[0], /BEGIN CERTIFICATE/);
    });
    await check("CertificateGetInstance paging: limit 100, page 2; page wins over offset", async () => {
      const first = await getInstances({ project_name: "bulk", instance_type: 1, limit: 100, page: 1 });
      assert.strictEqual(first.Result.count, 120);
      assert.strictEqual(first.Result.content.length, 100);
      const second = await getInstances({ project_name: "bulk", limit: 100, page: 2, offset: 0 });
      assert.strictEqual(second.Result.content.length, 20);
      assert.strictEqual(second.Result.content[0].id, "cert-sdk-101");
    });
    await check("limit above 100 is InvalidParameter", async () => {
      const r = await getInstances({ limit: 101 });
      assert.strictEqual(r.ResponseMetadata.Error.Code, "InvalidParameter");
    });
    await check("wrong secret key is refused with SignatureDoesNotMatch", async () => {
      const bad = certificateService(port, ACCESS_KEY, "not-the-secret-key");
      const r = await bad({ limit: 1 });
      assert(r.ResponseMetadata.Error, "the call should fail: " + JSON.stringify(r));
      assert.strictEqual(r.ResponseMetadata.Error.Code, "SignatureDoesNotMatch");
      assert.strictEqual(r.ResponseMetadata.Error.CodeN, 100010);
      assert(r.ResponseMetadata.RequestId, "an error carries the RequestId");
      assert.strictEqual(r.Result, undefined);
    });
    await check("unknown access key is refused with InvalidAccessKey", async () => {
      const bad = certificateService(port, "AKLTSOMEONEELSE", SECRET_KEY);
      const r = await bad({});
      assert.strictEqual(r.ResponseMetadata.Error.Code, "InvalidAccessKey");
    });
  } finally {
    child.removeAllListeners("exit");
    child.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed === 5 ? 0 : 1);
}

main().catch((e) => {
  console.error("FAIL: " + (e.stack || e));
  process.exit(1);
});
