/** Every CLI command, one module each. */
import type { CommandSpec } from "../command";
import { validateCommand } from "./validate";

export const commands: readonly CommandSpec[] = [validateCommand];
