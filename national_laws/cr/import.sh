#!/usr/bin/env bash
# How the AKN files in this folder were made: gapcheck's importer on the texts in ../shared
# (see ../shared/data/SOURCES.md). Each file records its source in its metadata. Re-run with --force to rebuild.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=${SHARED:-$here/../../../shared}/data/laws
gapcheck import "$shared/cr_codigo-penal.json" --country cr --lang spa --type act \
  --title "Código Penal (Ley 4573), texto vigente con la reforma de la Ley 9048 de 2012" \
  --date 1970-05-04 --number 4573 \
  --origin "Ansvar-Systems/Costa-Rican-law-mcp@a5d1a67e:data/seed/004258-cr-codigo-penal-4573.json (SCIJ, norma 5027)" \
  -o "$here/codigo-penal.xml" "$@"
