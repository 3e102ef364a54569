#!/usr/bin/env bash
# How the AKN files in this folder were made: gapcheck's importer on the texts in ../shared
# (see ../shared/data/SOURCES.md). Each file records its source in its metadata. Re-run with --force to rebuild.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=${SHARED:-$here/../../../shared}/data/laws
gapcheck import "$shared/gh_cybersecurity-act-2020-act-1038.json" --country gh --lang eng --type act \
  --title "Cybersecurity Act, 2020 (Act 1038)" \
  --date 2020-12-29 --number 1038 \
  --origin "Ansvar-Systems/ghana-law-mcp@e5f83f7b:data/seed/2020_1038.json (GhaLII)" \
  -o "$here/cybersecurity-act-2020.xml" "$@"
