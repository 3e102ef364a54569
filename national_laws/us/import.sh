#!/usr/bin/env bash
# How the AKN files in this folder were made: gapcheck's importer on the texts in ../shared
# (see ../shared/data/SOURCES.md). Each file records its source in its metadata. Re-run with --force to rebuild.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=${SHARED:-$here/../../../shared}/data/laws
gapcheck import "$shared/us_usc-title18.json" --country us --lang eng --type act \
  --title "United States Code, Title 18: Crimes and Criminal Procedure (sections as ingested)" \
  --date 1948-06-25 --number usc-title-18 \
  --origin "Ansvar-Systems/US-law-mcp@5fa74f6c:data/seed/federal/title18.json (uscode.house.gov)" \
  -o "$here/usc-title-18.xml" "$@"
