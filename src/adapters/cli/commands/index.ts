/**
 * Every CLI command, one module each, loaded on demand: a command's module
 * pulls in what it needs (the compiler, the policy loader, the HTML report,
 * ...), and loading all of them cost more start-up time than a small
 * cluster's whole verification. `ztseg <name> ...` loads only that command.
 * Arguments that name no command (help, nothing, a typo) get the commands'
 * usage lines alone (./listing), enough for yargs to list and suggest them;
 * a command named after other arguments loads them all.
 */
import type { CommandSpec } from "../command";
import { COMMAND_LINES } from "./listing";

type Name = keyof typeof COMMAND_LINES;

const LOADERS: Readonly<Record<Name, () => Promise<CommandSpec>>> = {
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
const COMMAND_NAMES = Object.keys(LOADERS) as Name[];

const isName = (arg: string | undefined): arg is Name => arg !== undefined && Object.hasOwn(LOADERS, arg);

/**
 * A command as help lists it: its lines, no options. yargs runs a command
 * only when the arguments name it, and these are given only for arguments
 * that name none, so a listing never runs.
 */
function listing(name: Name): CommandSpec {
  return {
    ...COMMAND_LINES[name],
    builder: (y) => y,
    run: () => {
      throw new Error(`the listing of ${name} was run instead of the command`);
    },
  };
}

/** The specs yargs needs for these arguments: the named command alone when argv starts with one. */
export async function commandsFor(argv: readonly string[]): Promise<CommandSpec[]> {
  const first = argv[0];
  if (isName(first)) return [await LOADERS[first]()];
  if (!argv.some(isName)) return COMMAND_NAMES.map(listing);
  return Promise.all(COMMAND_NAMES.map((name) => LOADERS[name]()));
}
