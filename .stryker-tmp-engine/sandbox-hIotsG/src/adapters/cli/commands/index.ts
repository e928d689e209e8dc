/** Every CLI command, one module each. */
// @ts-nocheck

import type { CommandSpec } from "../command";
import { analyzeCommand } from "./analyze";
import { compileCommand } from "./compile";
import { diffCommand } from "./diff";
import { explainCommand } from "./explain";
import { reportCommand } from "./report";
import { validateCommand } from "./validate";
import { verifyCommand } from "./verify";
import { quarantineCommand } from "./quarantine";
import { releaseCommand } from "./release";
import { vendorsCommand } from "./vendors";

export const commands: readonly CommandSpec[] = [analyzeCommand, compileCommand, diffCommand, explainCommand, reportCommand, validateCommand, verifyCommand, vendorsCommand, quarantineCommand, releaseCommand];
