#!/usr/bin/env bash
# How the AKN files in this folder were made: gapcheck's importer on the texts in ../shared
# (see ../shared/data/SOURCES.md). Each file records its source in its metadata. Re-run with --force to rebuild.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=${SHARED:-$here/../../../shared}/data/laws
gapcheck import "$shared/bb_cybercrime-bill-2024.md" --country bb --lang eng --type bill \
  --title "Cybercrime Bill, 2024" \
  --date 2024-01-29 --number cybercrime \
  --origin "lmwilkigov/barbados-hack-data@c6cac54c:data/legislature/bills/md/741_cybercrime-bill-2024.md (Parliament of Barbados, first reading)" \
  -o "$here/cybercrime-bill-2024.xml" "$@"
gapcheck import "$shared/bb_mutual-assistance-criminal-matters-amendment-bill-2024.md" --country bb --lang eng --type bill \
  --title "Mutual Assistance in Criminal Matters (Amendment) Bill, 2024" \
  --date 2024-01-29 --number mutual-assistance-amendment \
  --origin "lmwilkigov/barbados-hack-data@c6cac54c:data/legislature/bills/md/740_mutual-assistance-in-criminal-matters-amendment-bill-2024.md (Parliament of Barbados, first reading)" \
  -o "$here/mutual-assistance-amendment-bill-2024.xml" "$@"
