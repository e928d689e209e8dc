/** `ztseg release <vendor> --policy <module>`: the inverse of quarantine (shared implementation in quarantine.ts). */
// @ts-nocheck

export { releaseCommand } from "./quarantine";
