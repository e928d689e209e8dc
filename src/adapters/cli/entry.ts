#!/usr/bin/env node
/** Process entry point: `node dist/adapters/cli/entry.js` or `tsx src/adapters/cli/entry.ts`. */
import { raiseMallocThresholds } from "./malloc-thresholds";
import { main } from "./main";

raiseMallocThresholds();
main(process.argv.slice(2));
