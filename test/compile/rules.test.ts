/** One test per rule shape the compiler emits, on the small fixture policy. */
import { CAPABILITY_PROFILES, compile, type Target } from "../../src/core/compile";
import { ANNOTATIONS, LABELS } from "../../src/core/k8s/object";
import type { PolicyInput } from "../../src/model";
import { fixtureInput, resolved } from "./fixture";
import { anp, ap, find, np, pa } from "./helpers";

const compiled = () => {
  const r = compile(resolved(), { sourceFile: "policies/fixture.ts" });
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.objects;
};
const vary = (f: (p: PolicyInput) => void) => {
  const p = fixtureInput();
  f(p);
  return resolved(p);
};

describe("namespaces and service accounts", () => {
  test("namespace labels say what the zone is", () => {
    const objs = compiled();
    expect(find(objs, "Namespace", undefined, "crm").metadata.labels).toEqual({
      [LABELS.nsName]: "crm",
      [LABELS.zone]: "crm",
      [LABELS.trust]: "internal",
      [LABELS.sensitive]: "true",
      "data.ztseg.dev/crm": "true",
      [LABELS.istioInjection]: "enabled",
      [LABELS.managedBy]: "ztseg",
    });
    const vendor = find(objs, "Namespace", undefined, "vendor-a").metadata.labels!;
    expect(vendor[LABELS.trust]).toBe("vendor");
    expect(vendor[LABELS.vendor]).toBe("acme");
    expect(vendor[LABELS.sensitive]).toBe("false");
    const web = find(objs, "Namespace", undefined, "web").metadata.labels!;
    expect(web.team).toBe("digital");
    expect(web["data.ztseg.dev/marketing"]).toBe("true");
    expect(find(objs, "Namespace", undefined, "legacy").metadata.labels![LABELS.istioInjection]).toBeUndefined();
  });

  test("one ServiceAccount per identity, named as declared", () => {
    const objs = compiled();
    const sas = objs.filter((o) => o.kind === "ServiceAccount").map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
    expect(sas).toEqual(["core/hss", "crm/crm-api-sa", "crm/crm-db", "legacy/batch", "vendor-a/connector", "web/exchange", "web/frontend", "web/media"]);
  });
});

describe("NetworkPolicy", () => {
  test("default deny both ways and DNS to kube-dns only, in every namespace", () => {
    const objs = compiled();
    for (const ns of ["core", "crm", "legacy", "vendor-a", "web"]) {
      expect(np(objs, ns, "default-deny").spec).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
      const dns = np(objs, ns, "allow-dns").spec!;
      expect(dns.policyTypes).toEqual(["Egress"]);
      expect(dns.egress).toEqual([
        {
          to: [{ namespaceSelector: { matchLabels: { [LABELS.nsName]: "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
          ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }],
        },
      ]);
    }
    expect(() => np(objs, "legacy", "allow-istiod")).toThrow(); // no sidecar outside the mesh
    expect(np(objs, "crm", "allow-istiod").spec!.egress![0]!.ports).toEqual([{ protocol: "TCP", port: 15012 }]);
  });

  test("named port, with namespace and pod selectors ANDed in one peer, on both sides", () => {
    const objs = compiled();
    const ingress = np(objs, "crm", "crm-api-ingress");
    expect(ingress.spec!.podSelector).toEqual({ matchLabels: { app: "crm-api" } });
    expect(ingress.spec!.ingress).toContainEqual({
      from: [{ namespaceSelector: { matchLabels: { [LABELS.nsName]: "web" } }, podSelector: { matchLabels: { app: "frontend" } } }],
      ports: [{ protocol: "TCP", port: "http" }],
    });
    expect(ingress.metadata.annotations![ANNOTATIONS.flow]).toBe("acme-crm-lookup,frontend-to-crm");
    expect(ingress.metadata.annotations![ANNOTATIONS.source]).toBe("policies/fixture.ts");
    const egress = np(objs, "web", "frontend-egress");
    expect(egress.spec!.egress).toContainEqual({
      to: [{ namespaceSelector: { matchLabels: { [LABELS.nsName]: "crm" } }, podSelector: { matchLabels: { app: "crm-api" } } }],
      ports: [{ protocol: "TCP", port: "http" }],
    });
  });

  test("named ports become numbers when the CNI lacks them", () => {
    const objs = compile(resolved(), { capabilities: CAPABILITY_PROFILES["no-named-ports"]! }).objects;
    expect(np(objs, "crm", "crm-api-ingress").spec!.ingress!.flatMap((r) => r.ports)).toEqual([
      { protocol: "TCP", port: 9090 },
      { protocol: "TCP", port: 8080 },
    ]);
  });

  test("a range uses endPort", () => {
    const objs = compiled();
    expect(np(objs, "web", "media-ingress").spec!.ingress).toEqual([
      {
        from: [{ namespaceSelector: { matchLabels: { [LABELS.nsName]: "web" } }, podSelector: { matchLabels: { app: "frontend" } } }],
        ports: [{ protocol: "UDP", port: 10000, endPort: 10100 }],
      },
    ]);
  });

  test("SCTP is kept as SCTP", () => {
    const objs = compiled();
    expect(np(objs, "core", "hss-ingress").spec!.ingress![0]!.ports).toEqual([{ protocol: "SCTP", port: "diameter" }]);
    expect(np(objs, "legacy", "batch-egress").spec!.egress![0]!.ports).toEqual([{ protocol: "SCTP", port: "diameter" }]);
  });

  test("externals become ipBlocks, IPv4 and IPv6 with except, numbers not names", () => {
    const objs = compiled();
    expect(np(objs, "web", "exchange-ingress").spec!.ingress).toContainEqual({
      from: [{ ipBlock: { cidr: "2001:db8::/32", except: ["2001:db8:1::/48"] } }, { ipBlock: { cidr: "203.0.113.0/24" } }],
      ports: [{ protocol: "TCP", port: "http" }],
    });
    expect(np(objs, "crm", "crm-api-egress").spec!.egress).toContainEqual({
      to: [{ ipBlock: { cidr: "2001:db8::/32", except: ["2001:db8:1::/48"] } }, { ipBlock: { cidr: "203.0.113.0/24" } }],
      ports: [{ protocol: "TCP", port: 443 }],
    });
  });

  test("nothing broader than intent: no empty selector or peer list outside the default deny and DNS", () => {
    const objs = compiled();
    for (const o of objs.filter((x) => x.kind === "NetworkPolicy" && !["default-deny", "allow-dns", "allow-istiod", "ztseg-kube-dns"].includes(x.metadata.name))) {
      const spec = o.spec as import("../../src/core/compile").NetworkPolicySpec;
      expect(Object.keys(spec.podSelector.matchLabels ?? {}).length).toBeGreaterThan(0);
      for (const rule of [...(spec.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports })), ...(spec.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }))]) {
        expect(rule.peers.length).toBeGreaterThan(0);
        expect(rule.ports.length).toBeGreaterThan(0);
        for (const p of rule.peers) {
          if (p.ipBlock) continue;
          expect(Object.keys(p.namespaceSelector?.matchLabels ?? {})).toEqual([LABELS.nsName]);
          expect(Object.keys(p.podSelector?.matchLabels ?? {}).length).toBeGreaterThan(0);
        }
      }
    }
  });
});

describe("Istio", () => {
  test("STRICT and allow-nothing per meshed namespace only", () => {
    const objs = compiled();
    expect(pa(objs, "crm", "default").spec).toEqual({ mtls: { mode: "STRICT" } });
    expect(ap(objs, "crm", "allow-nothing").spec).toEqual({});
    expect(objs.some((o) => o.metadata.namespace === "legacy" && o.apiVersion.startsWith("security.istio.io"))).toBe(false);
  });

  test("L7 narrowing: principal from the policy's trust domain, ports as strings, methods and paths", () => {
    const objs = compiled();
    const allow = ap(objs, "crm", "crm-api-allow").spec!;
    expect(allow.action).toBe("ALLOW");
    expect(allow.selector).toEqual({ matchLabels: { app: "crm-api" } });
    expect(allow.rules).toContainEqual({
      from: [{ source: { principals: ["corp.example/ns/web/sa/frontend"] } }],
      to: [{ operation: { ports: ["8080"], methods: ["GET"], paths: ["/customers/*"] } }],
    });
  });

  test("the trust domain is the policy's", () => {
    const objs = compile(vary((p) => (p.trustDomain = "mesh.telco.internal"))).objects;
    const principals = ap(objs, "crm", "crm-api-allow").spec!.rules!.flatMap((r) => r.from!.flatMap((f) => f.source.principals ?? []));
    expect(principals.sort()).toEqual(["mesh.telco.internal/ns/vendor-a/sa/connector", "mesh.telco.internal/ns/web/sa/frontend"]);
    expect(JSON.stringify(objs)).not.toContain("cluster.local");
    expect(JSON.stringify(objs)).not.toContain("spiffe://");
  });

  test("never notPrincipals or notNamespaces", () => {
    const text = JSON.stringify(compiled());
    expect(text).not.toContain("notPrincipals");
    expect(text).not.toContain("notNamespaces");
  });

  test("externals into the mesh: ipBlocks with notIpBlocks, and PERMISSIVE only on their port", () => {
    const objs = compiled();
    const allow = ap(objs, "web", "exchange-allow").spec!;
    expect(allow.rules).toContainEqual({
      from: [{ source: { ipBlocks: ["2001:db8::/32"], notIpBlocks: ["2001:db8:1::/48"] } }, { source: { ipBlocks: ["203.0.113.0/24"] } }],
      to: [{ operation: { ports: ["8080"] } }],
    });
    expect(pa(objs, "web", "exchange-external-ports").spec).toEqual({
      selector: { matchLabels: { app: "exchange" } },
      mtls: { mode: "STRICT" },
      portLevelMtls: { "8080": { mode: "PERMISSIVE" } },
    });
  });

  test("UDP flows leave no mesh rule (the sidecar does not carry them)", () => {
    expect(() => ap(compiled(), "web", "media-allow")).toThrow();
  });

  test("a non-meshed source into a meshed service is refused", () => {
    const r = compile(vary((p) => p.flows!.push({ id: "batch-to-frontend", from: "legacy/batch", to: "web/frontend", ports: ["http"] })));
    expect(r.objects).toEqual([]);
    const d = r.diagnostics.find((x) => x.code === "plaintext-into-mesh");
    expect(d?.path).toBe("flows[7].from");
    expect(d?.severity).toBe("error");
  });
});

describe("guardrails", () => {
  test("ANP denies vendor namespaces both ways, with the exception passed before the Deny", () => {
    const objs = compiled();
    const protect = anp(objs, "ztseg-protect-sensitive");
    expect(protect.spec!.subject).toEqual({ namespaces: { matchLabels: { [LABELS.sensitive]: "true" } } });
    const ingress = protect.spec!.ingress!;
    expect(ingress.map((r) => r.action)).toEqual(["Pass", "Deny"]);
    expect(ingress[0]!.name).toContain("acme-crm-lookup");
    expect(ingress[0]!.name).toContain("SEC-1234");
    expect(ingress[0]!.from).toEqual([{ pods: { namespaceSelector: { matchLabels: { [LABELS.nsName]: "vendor-a" } }, podSelector: { matchLabels: { app: "connector" } } } }]);
    expect(ingress[0]!.ports).toEqual([{ portNumber: { protocol: "TCP", port: 9090 } }]);
    expect(ingress[1]!.from).toEqual([{ namespaces: { matchExpressions: [{ key: LABELS.trust, operator: "In", values: ["external", "vendor"] }] } }]);
    expect(protect.metadata.annotations![ANNOTATIONS.exceptionTicket]).toBe("SEC-1234");
    expect(protect.metadata.annotations![ANNOTATIONS.exceptionExpires]).toBe("2099-01-31");
    expect(protect.metadata.annotations![ANNOTATIONS.exceptionOwner]).toBe("crm-team");

    const contain = anp(objs, "ztseg-contain-untrusted");
    expect(contain.spec!.egress!.map((r) => r.action)).toEqual(["Pass", "Deny"]);
    expect(contain.spec!.egress![1]!.to).toEqual([{ namespaces: { matchLabels: { [LABELS.sensitive]: "true" } } }]);
    expect(contain.spec!.priority).not.toBe(protect.spec!.priority);
  });

  test("vendor address sets are denied as egress networks, exactly (except subtracted), after in-cluster traffic and declared flows pass", () => {
    const egress = anp(compiled(), "ztseg-protect-sensitive").spec!.egress!;
    expect(egress.map((r) => `${r.action}:${r.name}`)).toEqual(["Pass:pass flow crm-to-partner", "Pass:pass-in-cluster-pods", "Deny:deny-to-vendor-and-external-networks"]);
    const denied = egress[2]!.to.flatMap((p) => p.networks ?? []);
    expect(denied).toContain("203.0.113.0/24");
    expect(denied).toContain("2001:db8::/48");
    expect(denied).not.toContain("2001:db8:1::/48");
    expect(denied).not.toContain("2001:db8::/32");
    expect(denied).toContain("2001:db8:8000::/33");
  });

  test("Istio DENY in the sensitive namespace, scoped by port, exception port carved out", () => {
    const objs = compiled();
    const deny = ap(objs, "crm", "crm-api-deny-untrusted").spec!;
    expect(deny.action).toBe("DENY");
    expect(deny.rules).toEqual([{ from: [{ source: { namespaces: ["vendor-a"] } }], to: [{ operation: { ports: ["8080"] } }] }]);
    expect(ap(objs, "crm", "crm-db-deny-untrusted").spec!.rules).toEqual([{ from: [{ source: { namespaces: ["vendor-a"] } }], to: [{ operation: { ports: ["5432"] } }] }]);
    for (const o of objs.filter((x) => x.kind === "AuthorizationPolicy" && (x.spec as { action?: string }).action === "DENY")) {
      for (const rule of (o.spec as import("../../src/core/compile").AuthorizationPolicySpec).rules!) {
        expect(rule.to?.every((t) => (t.operation.ports ?? []).length > 0)).toBe(true);
      }
    }
  });

  test("an exception carves its port out only for the zone it comes from", () => {
    // A second vendor zone without exceptions keeps the whole DENY, on both ports.
    const objs = compile(
      vary((p) => {
        p.zones!["vendor-b"] = { namespace: "vendor-b", trust: "vendor", vendor: "beta" };
        p.services!["vendor-b/sms"] = { labels: { app: "sms" }, ports: { http: { port: 8080 } } };
      }),
    ).objects;
    expect(ap(objs, "crm", "crm-api-deny-untrusted").spec!.rules).toEqual([
      { from: [{ source: { namespaces: ["vendor-a"] } }], to: [{ operation: { ports: ["8080"] } }] },
      { from: [{ source: { namespaces: ["vendor-b"] } }], to: [{ operation: { ports: ["8080", "9090"] } }] },
    ]);
  });

  test("without the exception the DENY covers every declared port", () => {
    const objs = compile(vary((p) => (p.exceptions = []))).objects;
    expect(ap(objs, "crm", "crm-api-deny-untrusted").spec!.rules).toEqual([
      { from: [{ source: { namespaces: ["vendor-a"] } }], to: [{ operation: { ports: ["8080", "9090"] } }] },
    ]);
    expect(anp(objs, "ztseg-protect-sensitive").spec!.ingress!.map((r) => r.action)).toEqual(["Deny"]);
  });

  test("a quarantined vendor: flows dropped, namespace labelled, highest-priority ANP both ways, Istio DENY", () => {
    const r = compile(vary((p) => (p.vendors!.acme!.quarantined = true)));
    expect(r.diagnostics.filter((d) => d.code === "flow-quarantined").map((d) => d.path).sort()).toEqual(["exceptions[0]", "flows[4]"]);
    const objs = r.objects;
    expect(find(objs, "Namespace", undefined, "vendor-a").metadata.labels![LABELS.quarantined]).toBe("true");
    const q = anp(objs, "ztseg-quarantine");
    const priorities = objs.filter((o) => o.kind === "AdminNetworkPolicy").map((o) => (o.spec as { priority: number }).priority);
    expect(q.spec!.priority).toBe(Math.min(...priorities));
    expect(q.spec!.ingress!.map((x) => x.action)).toEqual(["Deny"]);
    expect(q.spec!.egress!.map((x) => x.action)).toEqual(["Deny"]);
    expect(() => np(objs, "vendor-a", "connector-egress")).toThrow();
    expect(JSON.stringify(np(objs, "web", "exchange-ingress"))).not.toContain("vendor-a");
    expect(ap(objs, "web", "quarantine-deny").spec!.rules![0]!.from).toEqual([{ source: { namespaces: ["vendor-a"] } }]);
  });
});

describe("capabilities", () => {
  test("a range without endPort support is refused at the flow's port", () => {
    const r = compile(resolved(), { capabilities: CAPABILITY_PROFILES["no-endport"]! });
    expect(r.objects).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.path}`)).toEqual(["capability-endport flows[6].ports[0]"]);
  });

  test("the port index is the one written in the flow", () => {
    const r = compile(
      vary((p) => (p.flows![6]!.ports = [{ port: 10005, protocol: "UDP" }, { port: 10000, endPort: 10100, protocol: "UDP" }])),
      { capabilities: CAPABILITY_PROFILES["no-endport"]! },
    );
    expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.path)).toEqual(["flows[6].ports[1]"]);
  });

  test("SCTP without SCTP support is refused", () => {
    const r = compile(resolved(), { capabilities: CAPABILITY_PROFILES["no-sctp"]! });
    expect(r.objects).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.path}`)).toEqual(["capability-sctp flows[5].ports[0]"]);
  });

  test("guardrails need AdminNetworkPolicy; without them the rest compiles", () => {
    const noAnp = CAPABILITY_PROFILES["no-anp"]!;
    const r = compile(resolved(), { capabilities: noAnp });
    expect(r.objects).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toContain("capability-adminnetworkpolicy");
    const targets = new Set<Target>(["namespaces", "serviceaccounts", "networkpolicy", "istio"]);
    const ok = compile(resolved(), { capabilities: noAnp, targets });
    expect(ok.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(ok.objects.some((o) => o.kind === "AdminNetworkPolicy")).toBe(false);
    expect(ok.objects.some((o) => o.kind === "NetworkPolicy")).toBe(true);
  });

  test("targets select object kinds", () => {
    const objs = compile(resolved(), { targets: new Set<Target>(["networkpolicy"]) }).objects;
    expect(new Set(objs.map((o) => o.kind))).toEqual(new Set(["NetworkPolicy"]));
  });
});

describe("invariants on the intent", () => {
  test("a transitive vendor path into a sensitive zone refuses compilation and names the hops", () => {
    const r = compile(vary((p) => p.flows!.push({ id: "exchange-to-crm", from: "web/exchange", to: "crm/crm-api", ports: ["http"] })));
    expect(r.objects).toEqual([]);
    const d = r.diagnostics.find((x) => x.code === "invariant-violated")!;
    expect(d.path).toBe("invariants[0]");
    expect(d.message).toMatch(/partner -> web\/exchange -> crm\/crm-api|vendor-a\/connector -> web\/exchange -> crm\/crm-api/);
    // The verifier proves invariants on the compiled objects instead.
    expect(compile(vary((p) => p.flows!.push({ id: "exchange-to-crm", from: "web/exchange", to: "crm/crm-api", ports: ["http"] })), { checkIntent: false }).objects.length).toBeGreaterThan(0);
  });
});

describe("invariants on the intent: which shortest path is named", () => {
  // Two equally short ways into sensitive data from web/exchange: the flow first in id order (the resolved
  // policy's order) is the one reported, whatever order they were written in.
  const PORT: Record<string, string> = { "crm-api": "http", "crm-db": "postgres" };
  const viaBoth = (a: string, b: string) =>
    compile(
      vary((p) => {
        p.flows!.push({ id: "exchange-z", from: "web/exchange", to: `crm/${b}`, ports: [PORT[b]!] });
        p.flows!.push({ id: "exchange-a", from: "web/exchange", to: `crm/${a}`, ports: [PORT[a]!] });
      }),
    ).diagnostics.find((x) => x.code === "invariant-violated")!.message;

  test("the first of two equal hops in id order", () => {
    expect(viaBoth("crm-api", "crm-db")).toContain("partner -> web/exchange -> crm/crm-api ");
    expect(viaBoth("crm-db", "crm-api")).toContain("partner -> web/exchange -> crm/crm-db ");
  });
});

describe("names", () => {
  test("services sharing a ServiceAccount get one object, not a name collision", () => {
    const r = compile(vary((p) => (p.services!["web/exchange"]!.serviceAccount = "frontend")));
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const sa = r.objects.filter((o) => o.kind === "ServiceAccount" && o.metadata.namespace === "web" && o.metadata.name === "frontend");
    expect(sa).toHaveLength(1);
    expect(sa[0]!.metadata.annotations![ANNOTATIONS.intent]).toContain("web/exchange, web/frontend");
  });
});
