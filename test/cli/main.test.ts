/** The CLI frame: argument errors are bad input (exit 2) and never reach a command. */
import { runCli } from "../support/cli";

test("a missing required option is exit 2 with the option named, and the command does not run", async () => {
  const r = await runCli(["compile", "policies/telecom"]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("Missing required argument: out");
  expect(r.stderr).not.toContain("internal error");
  expect(r.stdout).toBe("");
});

test("an unknown command is exit 2", async () => {
  const r = await runCli(["compil", "policies/telecom"]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/Unknown argument|Did you mean compile/);
});

test("no command prints the usage and is exit 2", async () => {
  const r = await runCli([]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("name a command");
});

test("--help lists every command and is exit 0", async () => {
  const r = await runCli(["--help"]);
  expect(r.code).toBe(0);
  for (const c of ["validate", "compile", "verify", "analyze", "explain", "diff", "report", "vendors", "quarantine", "release"]) expect(r.stdout).toContain(`ztseg ${c}`);
});

test("a command named after an option still runs with its own options (help alone lists the commands without loading them)", async () => {
  const r = await runCli(["--format", "json", "verify", "policies/telecom"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ subject: 'policy "telecom"', holds: true });
});

test.each([
  [["verify"], "give either a policy or --manifests"],
  [["diff", "policies/telecom"], "give both <base> and <head>"],
  [["report"], "give either a policy or --manifests"],
  [["vendors"], "give either a policy or --manifests"],
])("a command's own argument check (%j) is bad input, exit 2, not an internal error", async (argv, message) => {
  const r = await runCli(argv);
  expect(r.stderr).toContain(message);
  expect(r.stderr).not.toContain("internal error");
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
});
