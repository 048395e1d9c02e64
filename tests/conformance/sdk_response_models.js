// The simulator answers as strictly as the real API: every action the provider calls is driven
// through the official Node.js SDK against cloudssl-sim, and each successful answer is checked
// against the SDK's response model (response_models.js): fields the model lacks, required
// fields missing, null where the model does not allow it, and wrong JSON types all fail. The
// bound-resource query runs with a certificate bound on all 12 types. Which actions the provider
// calls is read from its sources (every string literal naming an SSL or Tag SDK client method),
// so a new action without a checked answer here fails the test too.
//
// Environment: CLOUDSSL_SIM_PATH (simulator binary), NODE_PATH (where the SDK is installed),
// CLOUDSSL_SOURCE_DIR (the repository: seed and provider sources). Exits non-zero on failure.
"use strict";

const assert = require("assert");
const fs = require("fs");
const http = require("http");
const os = require("os");
const path = require("path");
const models = require("./response_models.js");
const sim = require("./support.js");

const tc = sim.requireSdk("tencentcloud-sdk-nodejs");
const SDK_ROOT = path.dirname(require.resolve("tencentcloud-sdk-nodejs/package.json"));
const SOURCE_DIR = process.env.CLOUDSSL_SOURCE_DIR;
assert(SOURCE_DIR, "CLOUDSSL_SOURCE_DIR is not set");

function admin(port, method, route, body) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? "" : JSON.stringify(body);
    const req = http.request({ host: "127.0.0.1", port, method, path: "/_sim" + route,
                               headers: { "Content-Type": "application/json" } }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => (res.statusCode === 200 ? resolve(JSON.parse(text || "null"))
                                                   : reject(new Error(`${route}: ${text}`))));
    });
    req.on("error", reject);
    req.end(data);
  });
}

// Actions the provider sends: string literals in its sources that name an SDK client method.
function providerActions(methods) {
  const found = new Set();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.(cpp|h)$/.test(entry.name)) {
        // A literal that is a JSON key (`{"DeleteTags", ...}`, `request["DeleteTags"]`: a
        // request field of ModifyResourceTags that shares the Tag API action's name) is not an
        // action.
        for (const m of fs.readFileSync(p, "utf8").matchAll(/([{[]\s*)?"([A-Z][A-Za-z]+)"/g))
          if (!m[1] && methods.has(m[2])) found.add(m[2]);
      }
    }
  };
  for (const d of ["provider", "api", "resources", "datasources", "cloudssl"]) {
    const dir = path.join(SOURCE_DIR, d);
    if (fs.existsSync(dir)) walk(dir);
  }
  return found;
}

function clientMethods(ClientClass) {
  return new Set(Object.getOwnPropertyNames(ClientClass.prototype)
    .filter((n) => /^[A-Z]/.test(n) && typeof ClientClass.prototype[n] === "function"));
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cloudssl-models-"));
  const seed = path.join(SOURCE_DIR, "simulator", "seed.example.json");
  const { child, port } = await sim.startSimulator(seed, ["--no-rate-limit"]);
  const sslModels = models.loadModels(SDK_ROOT, "ssl", "v20191205");
  const tagModels = models.loadModels(SDK_ROOT, "tag", "v20180813");
  const checked = new Map();  // action → number of answers checked
  const problems = [];
  const ssl = sim.tencentClient(tc.ssl.v20191205.Client, "ssl", port);
  const gz = sim.tencentClient(tc.ssl.v20191205.Client, "ssl", port, { region: "ap-guangzhou" });
  const sh = sim.tencentClient(tc.ssl.v20191205.Client, "ssl", port, { region: "ap-shanghai" });
  const tag = sim.tencentClient(tc.tag.v20180813.Client, "tag", port);

  // Calls one action and checks its answer against the model.
  const call = async (client, action, req) => {
    const response = await client[action](req);
    const m = client === tag ? tagModels : sslModels;
    for (const p of models.check(m, action, response)) problems.push(p);
    checked.set(action, (checked.get(action) || 0) + 1);
    return response;
  };
  // Polls a record's detail until nothing runs (the simulator advances tasks per poll).
  const finish = async (client, action, id) => {
    for (let i = 0; i < 30; i++) {
      const d = await call(client, action, { DeployRecordId: String(id) });
      // DescribeHostUploadUpdateRecordDetail counts per DeployRecord, the others at the top.
      const running = d.DeployRecordDetail
        ? d.DeployRecordDetail.reduce((n, r) => n + r.RunningTotalCount, 0)
        : d.RunningTotalCount;
      if (running === 0) return d;
    }
    throw new Error(`${action} ${id} did not finish`);
  };
  // UpdateCertificateInstance and UploadUpdateCertificateInstance prepare the record over
  // several calls (DeployRecordId 0 with DeployStatus/UpdateSyncProgress until it exists): the
  // same request is sent again, as the provider does, and every answer is checked.
  const createRecord = async (client, action, req) => {
    for (let i = 0; i < 30; i++) {
      const r = await call(client, action, req);
      if (r.DeployRecordId > 0) return r;
    }
    throw new Error(`${action} made no record after 30 calls`);
  };
  const failOnce = (match) =>
    admin(port, "POST", "/tasks/config", { failures: [{ match, message: "busy", times: 1 }] });

  try {
    const a = sim.makeCertificate(dir, "a", "www.example.com", ["www.example.com", "*.example.com"]);
    const b = sim.makeCertificate(dir, "b", "www.example.com", ["www.example.com", "*.example.com"]);
    const c = sim.makeCertificate(dir, "c", "gone.example.com", ["gone.example.com"]);
    const d = sim.makeCertificate(dir, "d", "gone2.example.com", ["gone2.example.com"]);
    const e = sim.makeCertificate(dir, "e", "gone3.example.com", ["gone3.example.com"]);

    // Certificates: upload, read, modify.
    const up = await call(ssl, "UploadCertificate", {
      CertificatePublicKey: a.cert, CertificatePrivateKey: a.key, Alias: "models",
      Tags: [{ TagKey: "env", TagValue: "ci" }],
    });
    const A = up.CertificateId;
    await call(ssl, "CheckCertificateExist", { CertificatePublicKey: a.cert });
    await call(ssl, "CheckCertificateChain", { CertificateChain: a.cert });
    await call(ssl, "DescribeCertificate", { CertificateId: A });
    await call(ssl, "DescribeCertificateDetail", { CertificateId: A });
    await call(ssl, "DescribeCertificates", { Limit: 100 });
    await call(ssl, "ModifyCertificateAlias", { CertificateId: A, Alias: "renamed" });
    await call(ssl, "ModifyCertificateProject", { CertificateIdList: [A], ProjectId: 0 });
    await call(ssl, "ModifyCertificatesExpiringNotificationSwitch",
               { CertificateIds: [A], SwitchStatus: 1 });
    await call(tag, "ModifyResourceTags", {
      Resource: `qcs::ssl::uin/:certificate/${A}`,
      ReplaceTags: [{ TagKey: "team", TagValue: "web" }],
    });

    // Every resource type's instance list.
    const lists = [
      ["DescribeHostClbInstanceList", gz, {}], ["DescribeHostCdnInstanceList", ssl, {}],
      ["DescribeHostWafInstanceList", gz, {}], ["DescribeHostLiveInstanceList", ssl, {}],
      ["DescribeHostVodInstanceList", ssl, {}], ["DescribeHostTeoInstanceList", ssl, {}],
      ["DescribeHostDdosInstanceList", ssl, { ResourceType: "ddos" }],
      ["DescribeHostApiGatewayInstanceList", gz, {}],
      ["DescribeHostCosInstanceList", gz, { ResourceType: "cos" }],
      ["DescribeHostTkeInstanceList", gz, {}], ["DescribeHostLighthouseInstanceList", sh, {}],
    ];
    for (const [action, client, extra] of lists)
      await call(client, action, { CertificateId: "Seed0002", IsCache: 0, ...extra });

    // Deployment: a record, its list, a retried failure, a rollback.
    const dep = await call(ssl, "DeployCertificateInstance", {
      CertificateId: "Seed0002", InstanceIdList: ["cdn.example.com|on"], ResourceType: "cdn",
    });
    await finish(ssl, "DescribeHostDeployRecordDetail", dep.DeployRecordId);
    await call(ssl, "DescribeHostDeployRecord", { CertificateId: "Seed0002", ResourceType: "cdn" });
    await failOnce("live.example.com");
    const live = await call(ssl, "DeployCertificateInstance", {
      CertificateId: "Seed0002", InstanceIdList: ["live.example.com"], ResourceType: "live",
    });
    await finish(ssl, "DescribeHostDeployRecordDetail", live.DeployRecordId);
    await call(ssl, "DeployCertificateRecordRetry", { DeployRecordId: live.DeployRecordId });
    await finish(ssl, "DescribeHostDeployRecordDetail", live.DeployRecordId);
    const back = await call(ssl, "DeployCertificateRecordRollback",
                            { DeployRecordId: dep.DeployRecordId });
    await finish(ssl, "DescribeHostDeployRecordDetail", back.DeployRecordId);

    // Replacement (update records): Seed0001 → A on clb, a retried failure, a rollback.
    await failOnce("lbl-sni");
    const upd = await createRecord(ssl, "UpdateCertificateInstance", {
      OldCertificateId: "Seed0001", CertificateId: A, ResourceTypes: ["clb"],
      ResourceTypesRegions: [{ ResourceType: "clb", Regions: ["ap-guangzhou"] }],
    });
    await finish(ssl, "DescribeHostUpdateRecordDetail", upd.DeployRecordId);
    await call(ssl, "DescribeHostUpdateRecord", { OldCertificateId: "Seed0001" });
    await call(ssl, "UpdateCertificateRecordRetry", { DeployRecordId: upd.DeployRecordId });
    await finish(ssl, "DescribeHostUpdateRecordDetail", upd.DeployRecordId);
    const updBack = await call(ssl, "UpdateCertificateRecordRollback",
                               { DeployRecordId: String(upd.DeployRecordId) });
    await finish(ssl, "DescribeHostUpdateRecordDetail", updBack.DeployRecordId || upd.DeployRecordId);
    // Back on A for the same-id rotation below.
    const again = await createRecord(ssl, "UpdateCertificateInstance", {
      OldCertificateId: "Seed0001", CertificateId: A, ResourceTypes: ["clb"],
      ResourceTypesRegions: [{ ResourceType: "clb", Regions: ["ap-guangzhou"] }],
    });
    await finish(ssl, "DescribeHostUpdateRecordDetail", again.DeployRecordId);

    // Same-id rotation (upload-update records) of A with B's content.
    await failOnce("lbl-sni");
    const uu = await createRecord(ssl, "UploadUpdateCertificateInstance", {
      OldCertificateId: A, CertificatePublicKey: b.cert, CertificatePrivateKey: b.key,
      ResourceTypes: ["clb"], ResourceTypesRegions: [{ ResourceType: "clb", Regions: ["ap-guangzhou"] }],
    });
    await finish(ssl, "DescribeHostUploadUpdateRecordDetail", uu.DeployRecordId);
    await call(ssl, "DescribeHostUploadUpdateRecord", { OldCertificateId: A });
    await call(ssl, "UploadUpdateCertificateRecordRetry", { DeployRecordId: uu.DeployRecordId });
    await finish(ssl, "DescribeHostUploadUpdateRecordDetail", uu.DeployRecordId);
    await call(ssl, "UploadUpdateCertificateRecordRollback", { DeployRecordId: uu.DeployRecordId });
    await finish(ssl, "DescribeHostUploadUpdateRecordDetail", uu.DeployRecordId);

    // What uses a certificate: A is bound to one target of every type the bound-resource
    // query lists (all 12), so that each type's answer shape is checked.
    const everywhere = [
      ["clb", "lb-web1|lbl-plain"], ["cdn", "cdn.example.com"], ["waf", "www.example.com"],
      ["ddos", "bgpip-1|www.example.com|443"], ["live", "live.example.com"],
      ["vod", "vod.example.com"], ["tke", "cls-1|default|web-tls"],
      ["apigateway", "service-1|api.example.com"],
      ["tcb", "AccessService|ap-shanghai|env-1|www.example.com"], ["teo", "edge.example.com"],
      ["tse", "gateway-1|gwcert-1"], ["cos", "ap-guangzhou|assets-1250000000|static.example.com"],
    ];
    for (const [type, target] of everywhere)
      await admin(port, "POST", "/bindings", { ResourceType: type, Target: target, CertificateId: A });
    for (const type of ["clb", "cdn", "live", "waf", "antiddos", "teo"])
      await call(ssl, "DescribeDeployedResources", { CertificateIds: [A], ResourceType: type });
    const bind = await call(ssl, "CreateCertificateBindResourceSyncTask",
                            { CertificateIds: [A], IsCache: 0 });
    const task = bind.CertTaskIds[0].TaskId;
    for (let i = 0; i < 10; i++) {
      const r = await call(ssl, "DescribeCertificateBindResourceTaskResult", { TaskIds: [task] });
      if (r.SyncTaskBindResourceResult[0].Status !== 0) break;
    }
    const detail = await call(ssl, "DescribeCertificateBindResourceTaskDetail",
                              { TaskId: task, Limit: "100", Offset: "0" });
    for (const type of ["CLB", "CDN", "WAF", "DDOS", "LIVE", "VOD", "TKE", "APIGATEWAY", "TCB",
                        "TEO", "TSE", "COS"]) {
      const lists = detail[type] || [];
      const listed = lists.reduce((n, l) => n + (l.InstanceList || l.Environments || []).length, 0);
      assert(listed > 0, `the bound-resource query lists no ${type} instance: ` + JSON.stringify(lists));
    }

    // Free certificate: application, validation check, completion.
    const applied = await call(ssl, "ApplyCertificate",
                               { DvAuthMethod: "DNS", DomainName: "apply.example.com" });
    await call(ssl, "DescribeCertificate", { CertificateId: applied.CertificateId });
    await call(ssl, "CheckCertificateDomainVerification", { CertificateId: applied.CertificateId });
    await admin(port, "POST", `/certificates/${applied.CertificateId}/validate`);
    await call(ssl, "CompleteCertificate", { CertificateId: applied.CertificateId });
    // An order cancelled before issuance (6 cancelling, then 7).
    const order = await call(ssl, "ApplyCertificate",
                             { DvAuthMethod: "DNS", DomainName: "order.example.com" });
    await call(ssl, "CancelCertificateOrder", { CertificateId: order.CertificateId });
    await call(ssl, "DescribeCertificate", { CertificateId: order.CertificateId });

    // A reissue (ReplaceCertificate) of an issued free certificate: a new id, validated like an
    // application, and both certificates linked (ReplacedFor / ReplacedBy in their details).
    const first = await call(ssl, "ApplyCertificate",
                             { DvAuthMethod: "DNS_AUTO", DomainName: "reissue.example.com" });
    await admin(port, "POST", "/tasks/complete", { kind: "issuance", id: first.CertificateId });
    const reissued = await call(ssl, "ReplaceCertificate",
                                { CertificateId: first.CertificateId, ValidType: "DNS", Reason: "test" });
    await call(ssl, "DescribeCertificate", { CertificateId: reissued.CertificateId });
    await call(ssl, "DescribeCertificateDetail", { CertificateId: first.CertificateId });

    // A paid certificate (seed.example.json's company, manager and package): bought (also with
    // the package's points), its information and order submitted (with its records in
    // DescribeCertificate), the review cancelled and reopened, a failed review resubmitted, an order cancelled; and the lists a
    // submission refers to.
    await call(ssl, "DescribeCompanies", {});
    await call(ssl, "DescribeManagers", { CompanyId: 122 });
    await call(ssl, "DescribePackages", {});
    // Bought with the package's benefit points (WoTrus DV, one name, one year).
    const byPoints = await call(ssl, "CreateCertificateByPackage",
                                { ProductPid: 1004157, PackageIds: ["J880000867"], DomainCount: "1",
                                  Period: 1 });
    await call(ssl, "DescribeCertificate", { CertificateId: byPoints.CertificateId });
    const paid = (await call(ssl, "CreateCertificate",
                             { ProductId: 26, DomainNum: 2, TimeSpan: 1, AutoVoucher: 0 })).CertificateIds[0];
    await call(ssl, "DescribeCertificate", { CertificateId: paid });
    const info = { CertId: paid, GenCsrType: "online", CertCommonName: "paid.example.com",
                   DnsNames: ["api.paid.example.com"], CompanyType: 2, CompanyId: "122",
                   ManagerId: "36383", CsrEncryptAlgo: "RSA", CsrKeyParameter: "2048",
                   VerifyType: "DNS" };
    await call(ssl, "CertificateInfoSubmit", info);
    await call(ssl, "CertificateOrderSubmit", { CertId: paid });
    await call(ssl, "DescribeCertificate", { CertificateId: paid });
    await call(ssl, "DescribeCertificateDetail", { CertificateId: paid });
    await call(ssl, "CancelAuditCertificate", { CertificateId: paid });
    await call(ssl, "ModifyCertificateResubmit", { CertificateId: paid });
    await admin(port, "POST", "/tasks/config",
                { review_failures: [{ match: "paid.example.com", message: "rejected", times: 1 }] });
    await call(ssl, "CertificateInfoSubmit", info);
    await call(ssl, "CertificateOrderSubmit", { CertId: paid });
    await admin(port, "POST", `/certificates/${paid}/validate`);
    await call(ssl, "DescribeCertificate", { CertificateId: paid });
    const failed = await call(ssl, "DescribeCertificate", { CertificateId: paid });
    assert.strictEqual(failed.Status, 2, "the paid order's review did not fail: " + JSON.stringify(failed));
    await call(ssl, "ModifyCertificateResubmit", { CertificateId: paid });
    await call(ssl, "CancelCertificateOrder", { CertificateId: paid });
    await call(ssl, "DescribeCertificates", { CertIds: [paid] });

    // Downloads: the zip, and a server type's link.
    await call(ssl, "DownloadCertificate", { CertificateId: A });
    await call(ssl, "DescribeDownloadCertificateUrl", { CertificateId: A, ServiceType: "nginx" });

    // Revocation of the issued application: the records, then the certificate being revoked
    // (DvRevokeAuthDetail) and revoked (CertRevokedTime in the list).
    await admin(port, "POST", "/tasks/complete", { kind: "issuance", id: applied.CertificateId });
    await call(ssl, "RevokeCertificate", { CertificateId: applied.CertificateId, Reason: "test" });
    await call(ssl, "DescribeCertificate", { CertificateId: applied.CertificateId });
    await admin(port, "POST", "/tasks/complete", { kind: "revocation", id: applied.CertificateId });
    await call(ssl, "DescribeCertificates", { CertIds: [applied.CertificateId] });

    // The operation log of all of the above (applications, uploads, revocation, ...).
    await call(ssl, "DescribeCertificateOperateLogs", { Limit: 1000, Offset: 0 });

    // Deletion: plain, checked (task), bulk (sync and as tasks).
    const ids = [];
    for (const [name, p] of [["c", c], ["d", d], ["e", e]]) {
      const r = await call(ssl, "UploadCertificate",
                           { CertificatePublicKey: p.cert, CertificatePrivateKey: p.key, Alias: name });
      ids.push(r.CertificateId);
    }
    await call(ssl, "DeleteCertificate", { CertificateId: ids[0] });
    const checkedDelete = await call(ssl, "DeleteCertificate",
                                     { CertificateId: ids[1], IsCheckResource: true });
    for (let i = 0; i < 10; i++) {
      const r = await call(ssl, "DescribeDeleteCertificatesTaskResult",
                           { TaskIds: [checkedDelete.TaskId] });
      if (r.DeleteTaskResult[0].Status !== 0) break;
    }
    await call(ssl, "DeleteCertificates", { CertificateIds: [ids[2]], IsSync: true });
    await call(ssl, "DeleteCertificates", { CertificateIds: ["NoSuch01"] });
  } catch (err) {
    problems.push("scenario stopped: " + (err.stack || err) + (err.code ? ` (${err.code})` : ""));
  } finally {
    child.removeAllListeners("exit");
    child.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const wanted = new Set([
    ...providerActions(clientMethods(tc.ssl.v20191205.Client)),
    ...providerActions(clientMethods(tc.tag.v20180813.Client)),
  ]);
  let passed = 0;
  for (const action of [...wanted].sort()) {
    const mine = problems.filter((p) => p.startsWith(action + ".") || p.startsWith(action + ":"));
    if (!checked.has(action)) {
      console.log(`FAIL ${action}: the provider calls it but no answer was checked`);
    } else if (mine.length) {
      console.log(`FAIL ${action}:\n  ` + mine.join("\n  "));
    } else {
      console.log(`ok   ${action} (${checked.get(action)} answer(s))`);
      passed++;
    }
  }
  const other = problems.filter((p) => ![...wanted].some((a) => p.startsWith(a + ".") || p.startsWith(a + ":")));
  for (const p of other) console.log("FAIL " + p);
  const failed = wanted.size - passed + other.length;
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && wanted.size > 0 ? 0 : 1);
}

main().catch((e) => {
  console.error("FAIL: " + (e.stack || e));
  process.exit(1);
});
