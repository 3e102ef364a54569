#!/usr/bin/env bash
# How the AKN files in this folder were made: gapcheck's importer on the texts in ../shared
# (see ../shared/data/SOURCES.md). Each file records its source in its metadata. Re-run with --force to rebuild.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=${SHARED:-$here/../../../shared}/data/laws
gapcheck import "$shared/co_ley-1273-2009-delitos-informaticos.json" --country co --lang spa --type act \
  --title "Ley 1273 de 2009, por medio de la cual se modifica el Código Penal, se crea un nuevo bien jurídico tutelado denominado «de la protección de la información y de los datos»" \
  --date 2009-01-05 --number 1273 \
  --origin "Ansvar-Systems/Colombian-law-mcp@af1afa68:data/seed/0611-ley-1273-de-2009.json (Función Pública, norma 34492)" \
  -o "$here/ley-1273-2009.xml" "$@"
gapcheck import "$shared/co_ley-599-2000-codigo-penal.json" --country co --lang spa --type act \
  --title "Código Penal (Ley 599 de 2000), texto vigente" \
  --date 2000-07-24 --number 599 \
  --origin "Ansvar-Systems/Colombian-law-mcp@af1afa68:data/seed/1037-ley-599-de-2000.json (Función Pública, norma 6388)" \
  -o "$here/codigo-penal.xml" "$@"
gapcheck import "$shared/co_ley-906-2004-codigo-procedimiento-penal.json" --country co --lang spa --type act \
  --title "Código de Procedimiento Penal (Ley 906 de 2004), texto vigente" \
  --date 2004-08-31 --number 906 \
  --origin "Ansvar-Systems/Colombian-law-mcp@af1afa68:data/seed/0883-ley-906-de-2004.json (Función Pública, norma 14787)" \
  -o "$here/codigo-procedimiento-penal.xml" "$@"
