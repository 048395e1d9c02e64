// Proves the response-model checker (response_models.js) reads the SDK's declarations as they
// are meant and catches each kind of deviation: a field the model lacks, a required field
// missing, null where the model does not allow it, and wrong JSON types at any depth; and that
// optional and nullable fields pass when absent or null. Runs on a declaration written in the
// SDK's own format (tencentcloud-sdk-nodejs <service>_models.d.ts), so it needs no SDK.
"use strict";

const assert = require("assert");
const { parseModels, check } = require("./response_models.js");

const MODELS = parseModels(`
/**
 * 部署记录
 */
export interface Item {
    /**
     * <p>ID，例如 Id: 1; 不是字段</p>
     */
    Id?: number;
    /**
     * 名称
     */
    Name: string;
    /**
     * 套餐类型：<br>null：用户上传证书（没有套餐类型），<br>2：TrustAsia
     */
    PackageType?: string;
    /**
     * 续费原证书 ID。
  注意：此字段可能返回 null，表示取不到有效值。
     */
    OriginId?: string;
    Tags?: Array<string>;
    Size?: number | bigint;
}
export interface DoResponse {
    /**
     * 总数
     */
    TotalCount?: number;
    List?: Array<Item>;
    Ok?: boolean;
    RequestId?: string;
}
`);

function problems(response) {
  return check(MODELS, "Do", response);
}

function expectOne(response, pattern) {
  const found = problems(response);
  assert.strictEqual(found.length, 1, `expected one problem, got ${JSON.stringify(found)}`);
  assert.match(found[0], pattern);
}

const item = { Id: 1, Name: "a", Tags: ["x"], Size: 3 };
let failed = 0;
const cases = {
  "the declaration is read as declared (a comment's `Id: 1;` is not a field)": () => {
    assert.deepStrictEqual(Object.keys(MODELS.Item),
                           ["Id", "Name", "PackageType", "OriginId", "Tags", "Size"]);
    assert.strictEqual(MODELS.Item.Name.optional, false);
    assert.strictEqual(MODELS.Item.Id.optional, true);
    assert.strictEqual(MODELS.Item.OriginId.nullable, true);
    assert.strictEqual(MODELS.Item.PackageType.nullable, true);
    assert.strictEqual(MODELS.Item.Id.nullable, false);
  },
  "a conforming answer has no problem": () => {
    assert.deepStrictEqual(problems({ TotalCount: 1, List: [item], Ok: true, RequestId: "r" }), []);
  },
  "optional fields may be absent": () => {
    assert.deepStrictEqual(problems({ List: [{ Name: "a" }] }), []);
  },
  "null passes where the model notes it or lists null as a value": () => {
    assert.deepStrictEqual(problems({ List: [{ ...item, OriginId: null, PackageType: null }] }), []);
  },
  "a field the model lacks fails": () => {
    expectOne({ List: [{ ...item, Region: "ap-guangzhou" }] }, /List\[0\]\.Region: not in the model Item/);
    expectOne({ Extra: 1 }, /Do\.Extra: not in the model DoResponse/);
  },
  "a missing required field fails": () => {
    expectOne({ List: [{ Id: 1 }] }, /List\[0\]\.Name: missing/);
  },
  "null where the model does not allow it fails": () => {
    expectOne({ TotalCount: null }, /TotalCount: null/);
    expectOne({ List: [{ ...item, Name: null }] }, /Name: null/);
  },
  "wrong types fail, at any depth": () => {
    expectOne({ TotalCount: "1" }, /TotalCount: expected number, got string/);
    expectOne({ Ok: 1 }, /Ok: expected boolean, got number/);
    expectOne({ List: item }, /List: expected an array, got object/);
    expectOne({ List: ["x"] }, /List\[0\]: expected a Item object, got string/);
    expectOne({ List: [{ ...item, Tags: [1] }] }, /Tags\[0\]: expected string, got number/);
    expectOne({ List: [{ ...item, Size: "3" }] }, /Size: expected number \| bigint, got string/);
  },
  "an action without a response model fails": () => {
    assert.match(check(MODELS, "Unknown", {})[0], /declares no model UnknownResponse/);
  },
};
for (const [name, fn] of Object.entries(cases)) {
  try {
    fn();
    console.log("ok   " + name);
  } catch (e) {
    failed++;
    console.log("FAIL " + name + ": " + (e.stack || e));
  }
}
console.log(`${Object.keys(cases).length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
