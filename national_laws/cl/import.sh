#!/usr/bin/env bash
# How the AKN files in this folder were made: gapcheck's importer on the texts in ../shared
# (public ingestions of LeyChile, the official portal of the Biblioteca del Congreso Nacional).
# The source of each file is recorded in its <proprietary> metadata. Re-run with --force to rebuild.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=${SHARED:-$here/../../../shared}/data/laws
gapcheck import "$shared/cl_ley-21459-delitos-informaticos.json" --country cl --lang spa \
  --title "Ley 21.459 que establece normas sobre delitos informáticos, deroga la Ley 19.223 y modifica otros cuerpos legales con el objeto de adecuarlos al Convenio de Budapest" \
  --date 2022-06-20 --number 21459 \
  --origin "Ansvar-Systems/Chilean-law-mcp@bb426d02:data/seed-indexed/cl-leychile-norma-1177743.json (LeyChile, idNorma 1177743)" \
  -o "$here/ley-21459-2022.xml" "$@"
gapcheck import "$shared/cl_ley-19223-delitos-informaticos-1993.json" --country cl --lang spa \
  --title "Ley 19.223 que tipifica figuras penales relativas a la informática (derogada por la Ley 21.459)" \
  --date 1993-06-07 --number 19223 \
  --origin "Ansvar-Systems/Chilean-law-mcp@bb426d02:data/seed-indexed/cl-leychile-norma-30590.json (LeyChile, idNorma 30590)" \
  -o "$here/ley-19223-1993.xml" "$@"
gapcheck import "$shared/cl_codigo-procesal-penal.json" --country cl --lang spa \
  --title "Código Procesal Penal (Ley 19.696), texto refundido" \
  --date 2000-10-12 --number 19696 \
  --origin "Ansvar-Systems/Chilean-law-mcp@bb426d02:data/seed-indexed/cl-leychile-norma-176595.json (LeyChile, idNorma 176595)" \
  -o "$here/codigo-procesal-penal.xml" "$@"
