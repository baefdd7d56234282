// Reads citation files as a reference manager would, with citation-js
// (@citation-js/core and its BibTeX, RIS and CSL plugins, package.json):
//   node tests/publications/citejs.js FILE...
// prints {FILE: [CSL-JSON items citation-js made of it]} as JSON.
"use strict";
const fs = require("fs");
const { Cite } = require("@citation-js/core");
require("@citation-js/plugin-bibtex");
require("@citation-js/plugin-ris");
require("@citation-js/plugin-csl");

const FORMATS = { ".bib": "@biblatex/text", ".ris": "@ris/file", ".json": "@csl/list+object" };
const found = {};
for (const file of process.argv.slice(2)) {
  const suffix = file.slice(file.lastIndexOf("."));
  const text = fs.readFileSync(file, "utf8");
  const input = suffix === ".json" ? JSON.parse(text) : text;
  found[file] = new Cite(input, { forceType: FORMATS[suffix] }).data;
}
process.stdout.write(JSON.stringify(found));
