// Wire-compatibility proof: the official Tencent Cloud Node.js SDK (tencentcloud-sdk-nodejs,
// ssl v20191205 client) against cloudssl-sim. Flow: upload -> describe -> deploy -> poll the
// deployment detail to success -> checked delete refused (task Status 4) -> (move the target
// to a second certificate) -> delete; the
// Tag API client (tag v20180813) changes a certificate's tags with ModifyResourceTags; and a
// wrong SecretKey gets AuthFailure.SignatureFailure.
//
// Environment: CLOUDSSL_SIM_PATH (the simulator binary), NODE_PATH (where the SDK is
// installed, by the CTest fixture in CMakeLists.txt). Exits non-zero on any failure.
"use strict";

const assert = require("assert");
const fs = require("fs");
const os = require("os");
const path = require("path");
const sim = require("./support.js");

const tc = sim.requireSdk("tencentcloud-sdk-nodejs");
const { SECRET_KEY } = sim;
const DOMAIN = "www.example.com";

function sslClient(port, secretKey) {
  return sim.tencentClient(tc.ssl.v20191205.Client, "ssl", port, { secretKey });
}

// The Tag API (v20180813): the SDK signs it for service "tag" and sends Version 2018-08-13; the
// simulator serves it on the same port (tags of existing certificates change only through it).
function tagClient(port, secretKey) {
  return sim.tencentClient(tc.tag.v20180813.Client, "tag", port, { secretKey });
}

async function deployAndWait(client, certId, target) {
  const created = await client.DeployCertificateInstance({
    CertificateId: certId, InstanceIdList: [target], ResourceType: "cdn",
  });
  assert.strictEqual(created.DeployStatus, 1, "DeployStatus " + JSON.stringify(created));
  assert(created.DeployRecordId > 0);
  // Poll with a bounded number of polls; the simulator advances tasks per poll.
  for (let i = 0; i < 20; i++) {
    const d = await client.DescribeHostDeployRecordDetail({ DeployRecordId: String(created.DeployRecordId) });
    if (d.RunningTotalCount === 0) {
      assert.strictEqual(d.SuccessTotalCount, d.TotalCount, JSON.stringify(d));
      assert.strictEqual(d.DeployRecordDetailList[0].Status, 1);
      assert.strictEqual(d.DeployRecordDetailList[0].CertId, certId);
      return d;
    }
  }
  throw new Error("deployment record " + created.DeployRecordId + " did not finish");
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudssl-sdk-"));
  const seed = path.join(dir, "seed.json");
  fs.writeFileSync(seed, JSON.stringify({
    instances: { cdn: [{ Domain: DOMAIN, CertId: "", Status: "online", HttpsBillingSwitch: "on" }] },
  }));
  const { child, port } = await sim.startSimulator(seed);
  let failed = 0;
  const check = async (name, fn) => {
    try {
      await fn();
      console.log("ok   " + name);
    } catch (e) {
      failed++;
      console.log("FAIL " + name + ": " + (e.stack || e));
    }
  };
  try {
    const client = sslClient(port, SECRET_KEY);
    const first = sim.makeCertificate(dir, "first", DOMAIN, [DOMAIN]);
    const second = sim.makeCertificate(dir, "second", DOMAIN, [DOMAIN]);
    let firstId, secondId;

    await check("UploadCertificate", async () => {
      const r = await client.UploadCertificate({
        CertificatePublicKey: first.cert, CertificatePrivateKey: first.key, Alias: "sdk",
      });
      assert.match(r.CertificateId, /^[A-Za-z0-9]{8}$/);
      assert.match(r.RequestId, /^[0-9a-f-]{36}$/);
      firstId = r.CertificateId;
      const again = await client.UploadCertificate({
        CertificatePublicKey: second.cert, CertificatePrivateKey: second.key,
      });
      secondId = again.CertificateId;
    });
    await check("DescribeCertificate", async () => {
      const r = await client.DescribeCertificate({ CertificateId: firstId });
      assert.strictEqual(r.CertificateId, firstId);
      assert.strictEqual(r.Domain, DOMAIN);
      assert.strictEqual(r.Status, 1);
      assert.strictEqual(r.Alias, "sdk");
      const list = await client.DescribeCertificates({ CertIds: [firstId], Limit: 10 });
      assert.strictEqual(list.TotalCount, 1);
    });
    await check("DeployCertificateInstance and poll DescribeHostDeployRecordDetail to success", async () => {
      await deployAndWait(client, firstId, DOMAIN + "|on");
    });
    await check("checked DeleteCertificate refuses a bound certificate; plain delete after the move", async () => {
      // IsCheckResource: a task that ends in Status 4 while resources use the certificate.
      const started = await client.DeleteCertificate({ CertificateId: firstId, IsCheckResource: true });
      assert.strictEqual(started.DeleteResult, false);
      let status = 0;
      for (let i = 0; i < 20 && status === 0; i++) {
        const t = await client.DescribeDeleteCertificatesTaskResult({ TaskIds: [started.TaskId] });
        status = t.DeleteTaskResult[0].Status;
      }
      assert.strictEqual(status, 4, "the checked delete of a bound certificate ends in Status 4");
      await deployAndWait(client, secondId, DOMAIN + "|on");
      const r = await client.DeleteCertificate({ CertificateId: firstId });
      assert.strictEqual(r.DeleteResult, true);
      const gone = await client.DescribeCertificate({ CertificateId: firstId }).then(() => null, (e) => e);
      assert(gone && gone.code === "FailedOperation.CertificateNotFound", String(gone));
    });
    await check("Tag API ModifyResourceTags changes the tags DescribeCertificate shows", async () => {
      const tags = tagClient(port, SECRET_KEY);
      const resource = `qcs::ssl::uin/:certificate/${secondId}`;
      const r = await tags.ModifyResourceTags({
        Resource: resource,
        ReplaceTags: [{ TagKey: "env", TagValue: "prod" }, { TagKey: "team", TagValue: "web" }],
      });
      assert.match(r.RequestId, /^[0-9a-f-]{36}$/);
      await tags.ModifyResourceTags({ Resource: resource, DeleteTags: [{ TagKey: "team" }] });
      const d = await client.DescribeCertificate({ CertificateId: secondId });
      assert.deepStrictEqual(d.Tags, [{ TagKey: "env", TagValue: "prod" }]);
      const unknown = await tags.ModifyResourceTags({
        Resource: "qcs::ssl::uin/:certificate/NoSuch01", DeleteTags: [{ TagKey: "env" }],
      }).then(() => null, (e) => e);
      assert(unknown && unknown.code === "InvalidParameterValue.ResourceDescriptionError", String(unknown));
    });
    await check("wrong SecretKey gets AuthFailure.SignatureFailure", async () => {
      const bad = sslClient(port, "not-the-secret-key");
      const err = await bad.DescribeCertificates({}).then(() => null, (e) => e);
      assert(err, "the call should fail");
      assert.strictEqual(err.code, "AuthFailure.SignatureFailure");
      assert(err.requestId, "an error carries the RequestId");
    });
  } finally {
    child.removeAllListeners("exit");
    child.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`${6 - failed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error("FAIL: " + (e.stack || e));
  process.exit(1);
});
