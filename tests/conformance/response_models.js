// The official SDK's response models as a checker: reads the TypeScript model declarations
// tencentcloud-sdk-nodejs ships (services/<service>/<version>/<service>_models.d.ts) and checks
// an answer against the `<Action>Response` interface, recursively:
//   - a field the model does not declare                      → "not in the model"
//   - a required field (declared without `?`) that is absent   → "missing"
//   - null where the model does not say the field may be null ("注意：此字段可能返回 null")
//                                                              → "null"
//   - a value of another JSON type (string, number, boolean, array, object) → "expected ..."
// Fields declared with `?` may be absent: the SDK declares nearly every answer field so, and
// the seed's own answer examples leave such fields out (a CLB listener's Certificate without
// CertCaId and SSLMode in DescribeHostClbInstanceList's example).
// Used by sdk_response_models.js; exports loadModels and check.
"use strict";

const fs = require("fs");
const path = require("path");

// { InterfaceName: { Field: { type: "string" | ..., optional: bool, nullable: bool } } }
function parseModels(text) {
  const models = {};
  const iface = /export interface (\w+) \{([\s\S]*?)\n\}/g;
  let m;
  while ((m = iface.exec(text)) !== null) {
    const fields = {};
    // Each field: an optional /** ... */ comment, then `Name?: Type;` or `Name: Type;`.
    const field = /(\/\*\*([\s\S]*?)\*\/\s*)?(\w+)(\??): ([^;]+);/g;
    let f;
    while ((f = field.exec(m[2])) !== null) {
      const comment = f[2] || "";
      fields[f[3]] = {
        type: f[5].trim(),
        optional: f[4] === "?",
        // The note "可能返回 null", or a description that lists null as one of the values
        // ("null：用户上传证书" for Certificates.PackageType).
        nullable: /可能返回\s*null/.test(comment) || /(^|[>\s，,;；])null\s*[：:]/.test(comment),
      };
    }
    models[m[1]] = fields;
  }
  return models;
}

function loadModels(sdkRoot, service, version) {
  const file = path.join(sdkRoot, "tencentcloud", "services", service, version,
                         `${service}_models.d.ts`);
  return parseModels(fs.readFileSync(file, "utf8"));
}

function jsonType(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

// Appends "path: problem" lines to `problems`.
function checkType(models, type, value, where, problems) {
  const union = type.split("|").map((t) => t.trim());
  if (union.length > 1) {
    // "number | bigint": JSON has numbers only.
    const okAny = union.some((t) => {
      const sub = [];
      checkType(models, t, value, where, sub);
      return sub.length === 0;
    });
    if (!okAny) problems.push(`${where}: expected ${type}, got ${jsonType(value)}`);
    return;
  }
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    if (!Array.isArray(value)) {
      problems.push(`${where}: expected an array, got ${jsonType(value)}`);
      return;
    }
    value.forEach((item, i) => checkType(models, array[1], item, `${where}[${i}]`, problems));
    return;
  }
  switch (type) {
    case "string":
    case "number":
    case "boolean":
      if (typeof value !== type) problems.push(`${where}: expected ${type}, got ${jsonType(value)}`);
      return;
    case "bigint":
      if (typeof value !== "number" || !Number.isInteger(value))
        problems.push(`${where}: expected an integer, got ${jsonType(value)}`);
      return;
    case "any":
      return;
  }
  const model = models[type];
  if (!model) {
    problems.push(`${where}: the SDK declares no model ${type}`);
    return;
  }
  if (jsonType(value) !== "object") {
    problems.push(`${where}: expected a ${type} object, got ${jsonType(value)}`);
    return;
  }
  checkObject(models, type, value, where, problems);
}

function checkObject(models, name, value, where, problems) {
  const model = models[name];
  for (const key of Object.keys(value)) {
    if (!(key in model)) problems.push(`${where}.${key}: not in the model ${name}`);
  }
  for (const [key, spec] of Object.entries(model)) {
    const v = value[key];
    if (v === undefined) {
      if (!spec.optional) problems.push(`${where}.${key}: missing (${name} requires it)`);
      continue;
    }
    if (v === null) {
      if (!spec.nullable) problems.push(`${where}.${key}: null, but the model does not allow null`);
      continue;
    }
    checkType(models, spec.type, v, `${where}.${key}`, problems);
  }
}

// Problems of `response` (the envelope's "Response" object) against `<action>Response`.
function check(models, action, response) {
  const name = `${action}Response`;
  if (!models[name]) return [`${action}: the SDK declares no model ${name}`];
  const problems = [];
  checkObject(models, name, response, action, problems);
  return problems;
}

module.exports = { loadModels, parseModels, check };
