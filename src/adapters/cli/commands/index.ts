/**
 * Every CLI command, one module each, loaded on demand: a command's module
 * pulls in what it needs (the compiler, the policy loader, the HTML report,
 * ...), and loading all of them cost more start-up time than a small
 * cluster's whole verification. `ztseg <name> ...` loads only that command;
 * anything else (help, no command, a typo) loads them all so yargs can list
 * and suggest them.
 */
import type { CommandSpec } from "../command";

const LOADERS: Readonly<Record<string, () => Promise<CommandSpec>>> = {
  analyze: async () => (await import("./analyze")).analyzeCommand,
  compile: async () => (await import("./compile")).compileCommand,
  diff: async () => (await import("./diff")).diffCommand,
  explain: async () => (await import("./explain")).explainCommand,
  report: async () => (await import("./report")).reportCommand,
  validate: async () => (await import("./validate")).validateCommand,
  verify: async () => (await import("./verify")).verifyCommand,
  vendors: async () => (await import("./vendors")).vendorsCommand,
  quarantine: async () => (await import("./quarantine")).quarantineCommand,
  release: async () => (await import("./quarantine")).releaseCommand,
};

/** The command names, in the order help lists them. */
const COMMAND_NAMES: readonly string[] = Object.keys(LOADERS);

/** Every command's spec. */
async function loadCommands(): Promise<CommandSpec[]> {
  return Promise.all(COMMAND_NAMES.map((name) => LOADERS[name]!()));
}

/** The specs yargs needs for these arguments: the named command alone when argv starts with one. */
export async function commandsFor(argv: readonly string[]): Promise<CommandSpec[]> {
  const first = argv[0];
  const load = first !== undefined && Object.hasOwn(LOADERS, first) ? LOADERS[first] : undefined;
  return load ? [await load()] : loadCommands();
}
