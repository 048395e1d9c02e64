// Volcengine signing vectors from the official Node.js SDK (@volcengine/openapi, its exported
// Signer): fixed inputs (keys, X-Date, region, service, method, path, query, headers, body) in,
// every intermediate out. tests/unit/api/volcengine/signer_vectors.json is this script's output;
// the C++ unit test checks our signer against that file byte for byte, and this script run with
// --check FILE (a CTest) proves the file is still what the SDK produces.
//
// Usage: node signer_vectors.js            prints the vectors as JSON
//        node signer_vectors.js --check F  exits non-zero unless F equals the SDK's output
// Environment: NODE_PATH where @volcengine/openapi is installed.
"use strict";

const assert = require("assert");
const fs = require("fs");

let Signer;
try {
  ({ Signer } = require("@volcengine/openapi"));
} catch (e) {
  console.error("FAIL: @volcengine/openapi is not installed (npm install failed?): " + e.message);
  process.exit(1);
}

const AK = "AKLTEXAMPLEACCESSKEY0001";
const SK = "WkdWallXVmtaVmtaVmtaVmtaVmtaVmtaVmtaVmtaVg==";

// Each case: what a request carries before signing. `query` is a list of [name, value] pairs
// (repeated names allowed); `headers` the headers present before signing.
const cases = [
  {
    name: "get_certificate_instances",
    timestamp: 1700000000, // 2023-11-14T22:13:20Z
    region: "cn-north-1",
    service: "certificate_service",
    method: "GET",
    path: "/",
    query: [["Action", "CertificateGetInstance"], ["Version", "2021-06-01"], ["limit", "100"],
            ["page", "2"], ["instance_id", "cert-1,cert-2"]],
    headers: { Host: "open.volcengineapi.com" },
  },
  {
    name: "escaping_and_unicode",
    timestamp: 1704153599, // 2024-01-01T23:59:59Z: the scope date is the UTC day
    region: "cn-north-1",
    service: "certificate_service",
    method: "GET",
    path: "/",
    query: [["Version", "2021-06-01"], ["Action", "CertificateGetInstance"],
            ["common_name", "*.example.com"], ["tag", "未命名证书 (prod)!'~"],
            ["certificate_expire_before", "2023-12-31 00:00:00"], ["domain", "a+b/c=d&e"],
            ["project_name", ""]],
    headers: { Host: "open.volcengineapi.com" },
  },
  {
    name: "session_token",
    timestamp: 1712345678,
    region: "cn-north-1",
    service: "certificate_service",
    method: "GET",
    path: "/",
    query: [["Action", "CertificateGetInstance"], ["Version", "2021-06-01"]],
    headers: { Host: "open.volcengineapi.com" },
    sessionToken: "STS2eyJFeGFtcGxlIjoidG9rZW4ifQ==",
  },
  {
    name: "repeated_names_other_region",
    timestamp: 1640995200, // 2022-01-01T00:00:00Z
    region: "cn-beijing",
    service: "iam",
    method: "GET",
    path: "/",
    query: [["Version", "2018-01-01"], ["Action", "ListUsers"], ["Id", "b"], ["Id", "a"],
            ["Limit", "10"]],
    headers: { Host: "iam.volcengineapi.com:8443" },
  },
  {
    name: "post_json_body",
    timestamp: 1733497200,
    region: "cn-north-1",
    service: "certificate_service",
    method: "POST",
    path: "/",
    query: [["Action", "ImportCertificate"], ["Version", "2021-06-01"]],
    headers: { Host: "open.volcengineapi.com", "Content-Type": "application/json" },
    body: '{"tag":"imported","certificate":{"chain":["-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n"]}}',
  },
  {
    name: "header_whitespace",
    timestamp: 1733497200,
    region: "cn-north-1",
    service: "certificate_service",
    method: "GET",
    path: "/",
    query: [["Action", "CertificateGetInstance"], ["Version", "2021-06-01"]],
    headers: { Host: "  open.volcengineapi.com ", "X-Custom-Header": "a   b\tc" },
  },
];

// The SDK's params are an object: repeated names become an array of values.
function paramsObject(pairs) {
  const params = {};
  for (const [k, v] of pairs) {
    if (k in params) params[k] = [].concat(params[k], v);
    else params[k] = v;
  }
  return params;
}

const UNSIGNABLE = ["authorization", "content-type", "content-length", "user-agent",
  "presigned-expires", "expect"];

function vector(c) {
  const request = {
    method: c.method,
    pathname: c.path,
    region: c.region,
    params: paramsObject(c.query),
    headers: Object.assign({}, c.headers),
  };
  if (c.body !== undefined) request.body = c.body;
  const signer = new Signer(request, c.service);
  const credentials = { accessKeyId: AK, secretKey: SK, sessionToken: c.sessionToken };
  signer.addAuthorization(credentials, new Date(c.timestamp * 1000));
  const datetime = request.headers["X-Date"];
  // The headers the SDK signed, as they stand after signing (it adds X-Date, X-Security-Token
  // and, with a body, X-Content-Sha256).
  const signedHeaders = {};
  for (const [k, v] of Object.entries(request.headers)) {
    if (!UNSIGNABLE.includes(k.toLowerCase())) signedHeaders[k] = v;
  }
  const authorization = request.headers["Authorization"];
  return {
    name: c.name,
    input: {
      access_key: AK,
      secret_key: SK,
      timestamp: c.timestamp,
      region: c.region,
      service: c.service,
      method: c.method,
      path: c.path,
      query: c.query,
      signed_headers: signedHeaders,
      body: c.body === undefined ? "" : c.body,
    },
    expected: {
      x_date: datetime,
      canonical_request: signer.canonicalString(),
      credential_scope: signer.credentialString(datetime),
      string_to_sign: signer.stringToSign(datetime),
      signed_headers: signer.signedHeaders(),
      signature: signer.signature(credentials, datetime).toString(),
      authorization,
    },
  };
}

const vectors = { sdk: "@volcengine/openapi", vectors: cases.map(vector) };
const text = JSON.stringify(vectors, null, 2) + "\n";

if (process.argv[2] === "--check") {
  const file = process.argv[3];
  assert(file, "--check needs the vectors file");
  const committed = JSON.parse(fs.readFileSync(file, "utf8"));
  assert.deepStrictEqual(committed, vectors,
    "the committed vectors differ from what the SDK produces now; regenerate them with " +
    "`node signer_vectors.js > " + file + "` and review the difference");
  console.log(`ok: ${vectors.vectors.length} vectors in ${file} match the SDK`);
} else {
  process.stdout.write(text);
}
