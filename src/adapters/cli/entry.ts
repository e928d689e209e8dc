#!/usr/bin/env node
/** Process entry point: `node dist/adapters/cli/entry.js` or `tsx src/adapters/cli/entry.ts`. */
import { main } from "./main";

main(process.argv.slice(2));
