/**
 * ztseg's CrossGuard policy pack:
 *   pulumi preview --policy-pack src/adapters/pulumi/policypack
 * works on any stack that deploys Kubernetes network policies, not only ztseg's.
 */
// @ts-nocheck

import { PolicyPack } from "@pulumi/policy";
import { POLICIES } from "./policies";

new PolicyPack("ztseg-segmentation", { policies: POLICIES });
