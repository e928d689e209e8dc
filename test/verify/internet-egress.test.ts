/**
 * The internet-egress invariant on manifests: a sensitive zone may open
 * connections only inside the cluster and to declared externals of trust
 * internal or vendor, and a zone ztseg manages may not reach an address no
 * declared external covers. Both ways of failing, and holding, are checked
 * on the exact violation text.
 */
import type { ManifestDoc } from "../../src/core/analyze";
import { type ClassificationFile, DEFAULT_MANIFEST_INVARIANTS, verifyManifests } from "../../src/core/verify";

const namespace = (name: string, labels: Record<string, string>) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name, labels } });
const pod = (ns: string, name: string) => ({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: ns, labels: { app: name } }, spec: { containers: [{ name }] } });
/** Egress from `app` in `ns` to one CIDR on TCP 443 only. */
const egressTo = (ns: string, app: string, cidr: string) => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "NetworkPolicy",
  metadata: { name: `${app}-egress`, namespace: ns },
  spec: { podSelector: { matchLabels: { app } }, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr } }], ports: [{ protocol: "TCP", port: 443 }] }] },
});

const INTERNET_INVARIANT = DEFAULT_MANIFEST_INVARIANTS.filter((i) => i.kind === "noInternetEgress");

function verdict(objects: unknown[], classification: ClassificationFile) {
  const docs: ManifestDoc[] = objects.map((object, index) => ({ file: "egress.yaml", index, object }));
  const r = verifyManifests(docs, { classification, invariants: INTERNET_INVARIANT });
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const result = r.report!.invariants[0]!;
  expect(result.id).toBe("sensitive-no-internet");
  return { status: result.status, messages: result.violations.map((v) => (v.kind === "item" ? `${v.subject}: ${v.message}` : v.kind)) };
}

const DECLARED: ClassificationFile = {
  externals: {
    partner: { cidrs: ["203.0.113.0/24"], trust: "vendor" },
    internet: { cidrs: ["0.0.0.0/0"], trust: "external" },
  },
};
const CRM = namespace("crm", { "ztseg.dev/zone": "crm", "ztseg.dev/sensitive": "true" });

test("a sensitive zone that reaches only a declared vendor external holds", () => {
  expect(verdict([CRM, pod("crm", "db"), egressTo("crm", "db", "203.0.113.0/24")], DECLARED)).toEqual({ status: "holds", messages: [] });
});

test("a sensitive zone that may reach the internet fails, naming the range and the external", () => {
  const r = verdict([CRM, pod("crm", "db"), egressTo("crm", "db", "198.51.100.0/24")], DECLARED);
  expect(r).toEqual({ status: "fails", messages: ['crm/db[Pod]: may reach 198.51.100.0-198.51.100.255[External] (TCP 443) of external "internet" (trust external)'] });
});

test("the same egress from a zone that is not sensitive holds (only sensitive zones are kept off the internet)", () => {
  const shop = namespace("shop", { "ztseg.dev/zone": "shop" });
  expect(verdict([shop, pod("shop", "web"), egressTo("shop", "web", "198.51.100.0/24")], DECLARED)).toEqual({ status: "holds", messages: [] });
});

test("a managed zone that may reach an address no declared external covers fails; an unmanaged namespace does not", () => {
  const onlyPartner: ClassificationFile = { externals: { partner: { cidrs: ["203.0.113.0/24"], trust: "vendor" } } };
  const shop = namespace("shop", { "ztseg.dev/zone": "shop" });
  const legacy = namespace("legacy", {});
  const r = verdict([shop, legacy, pod("shop", "web"), pod("legacy", "old"), egressTo("shop", "web", "198.51.100.0/24"), egressTo("legacy", "old", "198.51.100.0/24")], onlyPartner);
  expect(r).toEqual({ status: "fails", messages: ["shop/web[Pod]: egress to 198.51.100.0-198.51.100.255[External] (TCP 443), which no declared external covers"] });
});

test("each workload is judged on its own zone, whichever workload meets the same ranges first", () => {
  // Two workloads meet the same internet range: the one in the sensitive zone fails, the other holds, in either
  // order of ids (the check looks facts up once per workload and once per range).
  const shop = namespace("shop", { "ztseg.dev/zone": "shop" });
  const zoo = namespace("zoo", { "ztseg.dev/zone": "zoo" });
  const objects = [CRM, shop, zoo, pod("crm", "db"), pod("shop", "web"), pod("zoo", "cat")];
  const egress = [egressTo("crm", "db", "198.51.100.0/24"), egressTo("shop", "web", "198.51.100.0/24"), egressTo("zoo", "cat", "198.51.100.0/24")];
  const r = verdict([...objects, ...egress], DECLARED);
  expect(r).toEqual({ status: "fails", messages: ['crm/db[Pod]: may reach 198.51.100.0-198.51.100.255[External] (TCP 443) of external "internet" (trust external)'] });
  const zooSensitive = namespace("zoo", { "ztseg.dev/zone": "zoo", "ztseg.dev/sensitive": "true" });
  const r2 = verdict([namespace("crm", { "ztseg.dev/zone": "crm" }), shop, zooSensitive, ...objects.slice(3), ...egress], DECLARED);
  expect(r2).toEqual({ status: "fails", messages: ['zoo/cat[Pod]: may reach 198.51.100.0-198.51.100.255[External] (TCP 443) of external "internet" (trust external)'] });
});

test("a sensitive namespace outside any zone still fails on egress to an external of trust external", () => {
  // No zone label: nothing is managed, so only the declared external of trust "external" can make this fail.
  const raw = namespace("crm-raw", { "ztseg.dev/sensitive": "true" });
  const failing = verdict([raw, pod("crm-raw", "api"), egressTo("crm-raw", "api", "198.51.100.0/24")], DECLARED);
  expect(failing).toEqual({
    status: "fails",
    messages: ['crm-raw/api[Pod]: may reach 198.51.100.0-198.51.100.255[External] (TCP 443) of external "internet" (trust external)'],
  });
  // Without that external nothing can fail: undeclared ranges count only for zones ztseg manages.
  const partnerOnly: ClassificationFile = { externals: { partner: DECLARED.externals!["partner"]! } };
  expect(verdict([raw, pod("crm-raw", "api"), egressTo("crm-raw", "api", "198.51.100.0/24")], partnerOnly)).toEqual({ status: "holds", messages: [] });
});
