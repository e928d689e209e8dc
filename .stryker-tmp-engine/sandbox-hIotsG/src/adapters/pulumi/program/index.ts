/**
 * The Pulumi program (Pulumi.yaml `main`). Stack outputs are this module's
 * exports: `pulumi stack output manifestDigest` tells an auditor which
 * compiled set is live (compare it with `ztseg compile`'s index.txt).
 */
// @ts-nocheck

import { runProgram } from "./run";

const outputs = runProgram();

export const policy = outputs.policy;
export const policyFile = outputs.policyFile;
export const mode = outputs.mode;
export const manifestDigest = outputs.manifestDigest;
export const objectCounts = outputs.objectCounts;
export const objectCount = outputs.objectCount;
export const objectKeys = outputs.objectKeys;
export const registeredCount = outputs.registeredCount;
export const invariants = outputs.invariants;
