/**
 * portNameProblem remembers names it found valid. A bad name must be
 * reported every time it is asked, before and after any number of good ones.
 */
import { portNameProblem } from "../../src/adapters/load/manifest-checks";

describe("port name checks with the cache of valid names", () => {
  it("reports a bad name on every ask, and never a good one", () => {
    const bad = ["HTTP", "http--x", "a-very-long-port-name", "-http", "80", ""];
    const good = ["http", "grpc-web", "m1", "a-b-c-d-e-f-g-h"];
    for (let round = 0; round < 3; round++) {
      for (const name of good) expect(portNameProblem(name)).toBeUndefined();
      for (const name of bad) expect(portNameProblem(name)).toMatch(/named port/);
    }
  });

  it("still checks names once the cache is full", () => {
    for (let i = 0; i < 5000; i++) expect(portNameProblem(`p${i}`)).toBeUndefined();
    expect(portNameProblem("P5000")).toMatch(/not a valid port name/);
    expect(portNameProblem("p5001")).toBeUndefined();
  });
});
