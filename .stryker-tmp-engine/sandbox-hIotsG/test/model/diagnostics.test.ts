// @ts-nocheck
import { DiagnosticError, didYouMean, formatDiagnostic, formatPath, hasErrors, isDiagnosticError, suggestion } from "../../src/model";

describe("formatPath", () => {
  test.each<[PropertyKey[], string]>([
    [[], ""],
    [["flows", 3, "to"], "flows[3].to"],
    [["flows", 0, "ports", 1], "flows[0].ports[1]"],
    [["zones", "vendor-x", "vendor"], 'zones["vendor-x"].vendor'],
    [["services", "crm/crm-api", "labels", "app.kubernetes.io/name"], 'services["crm/crm-api"].labels["app.kubernetes.io/name"]'],
    [[0, "a"], "[0].a"],
    [["$ok", "_x1"], "$ok._x1"],
  ])("%j -> %s", (segments, text) => {
    expect(formatPath(segments)).toBe(text);
  });
});

describe("didYouMean", () => {
  test("finds the closest candidate within the distance limit", () => {
    expect(didYouMean("crm/crm-apii", ["crm/crm-api", "crm/crm-db"])).toBe("crm/crm-api");
    expect(didYouMean("postgress", ["http", "postgres", "redis"])).toBe("postgres");
    expect(didYouMean("crm", ["crn"])).toBe("crn");
  });

  test("suggests nothing when every candidate is too far away", () => {
    expect(didYouMean("billing", ["crm", "portal"])).toBeUndefined();
    expect(didYouMean("x", [])).toBeUndefined();
  });

  test("the limit grows with the name: a third of its length, at least two edits", () => {
    expect(didYouMean("ab", ["xy"])).toBe("xy");
    expect(didYouMean("ab", ["xyz"])).toBeUndefined();
    expect(didYouMean("notification-api", ["notification-xyz"])).toBe("notification-xyz"); // 3 edits, length 16 -> limit 5
    expect(didYouMean("abcdef", ["uvwdef"])).toBeUndefined(); // 3 edits, limit 2
  });

  test("ties go to the alphabetically first candidate, whatever the input order", () => {
    expect(didYouMean("cat", ["cut", "bat"])).toBe("bat");
    expect(didYouMean("cat", ["bat", "cut"])).toBe("bat");
  });

  test("suggestion wraps the match as a hint", () => {
    expect(suggestion("crm-apii", ["crm-api"])).toEqual({ hint: 'did you mean "crm-api"?' });
    expect(suggestion("zzz", ["crm-api"])).toEqual({});
  });
});

describe("rendering and errors", () => {
  test("a diagnostic renders file, path, message, hint and code", () => {
    expect(
      formatDiagnostic({ code: "unknown-reference", severity: "error", path: "flows[3].to", file: "policies/telecom/index.ts", message: 'unknown service "crm/crm-apii"', hint: 'did you mean "crm/crm-api"?' }),
    ).toBe('policies/telecom/index.ts: flows[3].to: unknown service "crm/crm-apii" (did you mean "crm/crm-api"?) [unknown-reference]');
    expect(formatDiagnostic({ code: "exception-expiring", severity: "warning", path: "", message: "soon" })).toBe("warning: soon [exception-expiring]");
  });

  test("hasErrors ignores warnings", () => {
    expect(hasErrors([{ code: "w", severity: "warning", path: "", message: "m" }])).toBe(false);
    expect(hasErrors([{ code: "w", severity: "warning", path: "", message: "m" }, { code: "e", severity: "error", path: "", message: "m" }])).toBe(true);
  });

  test("isDiagnosticError recognises the class and look-alikes from another copy, nothing else", () => {
    const d = { code: "c", severity: "error" as const, path: "p", message: "m" };
    expect(isDiagnosticError(new DiagnosticError([d]))).toBe(true);
    const foreign = Object.assign(new Error("x"), { name: "DiagnosticError", diagnostics: [d] });
    expect(isDiagnosticError(foreign)).toBe(true);
    expect(isDiagnosticError(Object.assign(new Error("x"), { name: "DiagnosticError", diagnostics: [{ nope: 1 }] }))).toBe(false);
    expect(isDiagnosticError(Object.assign(new Error("x"), { diagnostics: [d] }))).toBe(false);
    expect(isDiagnosticError({ name: "DiagnosticError", diagnostics: [d] })).toBe(false);
  });
});
