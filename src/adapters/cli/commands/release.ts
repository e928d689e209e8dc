/** `ztseg release <vendor> --policy <module>`: the inverse of quarantine (shared implementation in quarantine.ts). */
export { releaseCommand } from "./quarantine";
