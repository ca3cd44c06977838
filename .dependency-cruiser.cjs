// The layers of src/ (docs/architecture.md), lowest first: a module may import its own layer and the
// ones below it, never one above. `npm run lint` runs this; CI fails on a violation.
const LAYERS = [
  "config",
  "escape",
  "normalize",
  "profiles",
  "store",
  "http",
  "extract",
  "crawl",
  "convert",
  "write",
  "links",
  "report",
  "archive",
  "probe",
  "pipeline",
  "cli",
];

const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `${layer}-not-upward`,
  comment: `src/${layer}/ may import only ${LAYERS.slice(0, i + 1).join(", ")}`,
  severity: "error",
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(${LAYERS.slice(i + 1).join("|")})/` },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: "no-circular",
      comment: "no module cycle (with the layers above, no folder cycle either)",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "cli-only-from-cli",
      comment: "the command line (flags, printing, exit codes) is the top: nothing in the library imports it",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/cli/" },
      to: { path: "^src/cli/" },
    },
    {
      name: "pure-core",
      comment: "normalising, extracting, the Markdown rules and probe's analysis are pure: no disk, no network",
      severity: "error",
      from: { path: "^src/(normalize|extract|escape|convert/rules|probe)/" },
      to: { path: "^(node:)?(fs|fs/promises|net|dns|http|https|tls|child_process)$|undici" },
    },
    {
      name: "no-unresolvable",
      comment: "a relative import that leads nowhere (packages are tsc's to check)",
      severity: "error",
      from: {},
      to: { couldNotResolve: true, path: "^[.]" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
  },
};
