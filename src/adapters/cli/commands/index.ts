/** Every CLI command, one module each. */
import type { CommandSpec } from "../command";
import { compileCommand } from "./compile";
import { validateCommand } from "./validate";

export const commands: readonly CommandSpec[] = [compileCommand, validateCommand];
