#!/usr/bin/env bash
# How the AKN files in this folder were made: gapcheck's importer on the texts in ../shared
# (see ../shared/data/SOURCES.md). Each file records its source in its metadata. Re-run with --force to rebuild.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=${SHARED:-$here/../../../shared}/data/laws
gapcheck import "$shared/sg_computer-misuse-act-1993.json" --country sg --lang eng --type act \
  --title "Computer Misuse Act 1993" \
  --date 1993-08-30 --number cma \
  --origin "Ansvar-Systems/singapore-law-mcp@f1550654:data/seed/cma-1993.json (Singapore Statutes Online)" \
  -o "$here/computer-misuse-act-1993.xml" "$@"
