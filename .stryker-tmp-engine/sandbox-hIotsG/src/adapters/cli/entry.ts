#!/usr/bin/env node
// @ts-nocheck
/** Process entry point: `node dist/adapters/cli/entry.js` or `tsx src/adapters/cli/entry.ts`. */
import { main } from "./main";

main(process.argv.slice(2));
