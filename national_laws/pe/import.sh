#!/usr/bin/env bash
# How the AKN files in this folder were made: gapcheck's importer on the texts in ../shared
# (see ../shared/data/SOURCES.md). Each file records its source in its metadata. Re-run with --force to rebuild.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=${SHARED:-$here/../../../shared}/data/laws
gapcheck import "$shared/pe_dleg-1591-2023-modifica-ley-30096.json" --country pe --lang spa --type act \
  --title "Decreto Legislativo 1591 que modifica la Ley 30096, Ley de Delitos Informáticos" \
  --date 2023-12-13 --number dleg-1591 \
  --origin "Ansvar-Systems/Peruvian-law-mcp@9de3fba8:data/seed/pe-nl-2243815-1.json (El Peruano)" \
  -o "$here/dleg-1591-2023.xml" "$@"
gapcheck import "$shared/pe_dleg-1614-2023-modifica-ley-30096.json" --country pe --lang spa --type act \
  --title "Decreto Legislativo 1614 que modifica la Ley 30096, Ley de Delitos Informáticos" \
  --date 2023-12-21 --number dleg-1614 \
  --origin "Ansvar-Systems/Peruvian-law-mcp@9de3fba8:data/seed/pe-nl-2246611-13.json (El Peruano)" \
  -o "$here/dleg-1614-2023.xml" "$@"
gapcheck import "$shared/pe_dleg-1700-2026-modifica-ley-30096.json" --country pe --lang spa --type act \
  --title "Decreto Legislativo 1700 que modifica la Ley 30096, incorporando el artículo 12-A" \
  --date 2026-01-24 --number dleg-1700 \
  --origin "Ansvar-Systems/Peruvian-law-mcp@9de3fba8:data/seed/pe-nl-2480387-2.json (El Peruano)" \
  -o "$here/dleg-1700-2026.xml" "$@"
