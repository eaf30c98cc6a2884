// Validates Kubernetes manifests (a JSON array in the file named by the first argument) against the
// Kubernetes and Prometheus Operator schemas of the kubernetes-models packages: wrong types and missing
// required fields fail (unknown fields do not). Exit status 1 on the first invalid manifest.
import { readFileSync } from "node:fs";

const manifests = JSON.parse(readFileSync(process.argv[2], "utf8"));
let checked = 0;
for (const manifest of manifests) {
  const [group, version] = manifest.apiVersion.includes("/") ? manifest.apiVersion.split("/") : ["", manifest.apiVersion];
  const module = group === "monitoring.coreos.com"
    ? `@kubernetes-models/prometheus-operator/${group}/${version}`
    : `kubernetes-models/${group ? group + "/" : ""}${version}`;
  const models = await import(module);
  const Model = models[manifest.kind];
  if (!Model) {
    console.error(`no schema for ${manifest.apiVersion} ${manifest.kind}`);
    process.exit(1);
  }
  try {
    new Model(manifest).validate();
  } catch (e) {
    console.error(`${manifest.kind} ${manifest.metadata?.name}: ${e.message}`);
    process.exit(1);
  }
  checked++;
}
console.log(`valid: ${checked} manifests`);
