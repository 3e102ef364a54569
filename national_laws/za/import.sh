#!/usr/bin/env bash
# How the AKN files in this folder were made: gapcheck's importer on the texts in ../shared
# (see ../shared/data/SOURCES.md). Each file records its source in its metadata. Re-run with --force to rebuild.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=${SHARED:-$here/../../../shared}/data/laws
gapcheck import "$shared/za_cybercrimes-act-19-2020.gazette-44651.md" --country za --lang eng --type act \
  --title "Cybercrimes Act 19 of 2020 (Government Gazette 44651)" \
  --date 2021-06-01 --number 19 \
  --origin "semmyk-research/semmyKG@c7ce07ff:dataset/data/docs/…Act16-2020_commence.md (Government Gazette 44651; English pages kept)" \
  -o "$here/cybercrimes-act-2020.xml" "$@"
