// jsonstat-toolkit against a Cairn slice's JSON-stat, as a browser or Node app reads it.
// Usage: node jsonstat_client.mjs BASE_URL DATASET_SLUG AREA_CODE  (Node 18+, with
// jsonstat-toolkit resolvable: NODE_PATH is not read by import, so run it from a folder whose
// node_modules holds it, or pass the toolkit's module.mjs path as JSONSTAT_TOOLKIT).
// Prints one JSON object: the slice's cell count (the product of its dimensions' sizes), its
// dimensions and their sizes, the area's label, and every cell by category ids.
const [base, slug, code] = process.argv.slice(2);
const toolkit = process.env.JSONSTAT_TOOLKIT ?? "jsonstat-toolkit";
const { default: JSONstat } = await import(toolkit);

const params = new URLSearchParams({
  dataset: `http://statistics.gov.scot/data/${slug}`,
  "http://purl.org/linked-data/sdmx/2009/dimension#refArea": `http://statistics.gov.scot/id/statistical-geography/${code}`,
});
const ds = await JSONstat(`${base}/slice/observations.json?${params}`);
if (ds.class !== "dataset") {
  throw new Error(`not a JSON-stat dataset: ${ds.class}`);
}
const values = ds.toTable({ type: "arrobj", content: "id" });
console.log(JSON.stringify({
  n: ds.n,
  dimensions: ds.id,
  sizes: ds.size,
  areaLabel: ds.Dimension("refArea").Category(0).label,
  values,
}));
