import { describe, expect, it } from "vitest";
import { nodeVersionProblem } from "./node-version";

describe("nodeVersionProblem", () => {
  it("accepts Node 24 and newer", () => {
    expect(nodeVersionProblem("v24.21.0")).toBeNull();
    expect(nodeVersionProblem("v26.1.0")).toBeNull();
  });

  it("explains how to run on the pinned Node when older", () => {
    expect(nodeVersionProblem("v20.20.2")).toMatch(/needs Node\.js 24 or newer; this is v20\.20\.2/);
    expect(nodeVersionProblem("v22.0.0")).toMatch(/npm start/);
  });
});
