#!/usr/bin/env bash
# How the AKN files in this folder were made: gapcheck's importer on the texts in ../shared
# (see ../shared/data/SOURCES.md). Each file records its source in its metadata. Re-run with --force to rebuild.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=${SHARED:-$here/../../../shared}/data/laws
gapcheck import "$shared/mu_computer-misuse-and-cybercrime-act-2003.txt" --country mu --lang eng --type act \
  --title "Computer Misuse and Cybercrime Act (Act 22 of 2003), Revised Laws of Mauritius" \
  --date 2003-08-09 --number 22 \
  --origin "fadilxcoder/hfx-app@823c61c6:public/text-file.txt (Revised Laws of Mauritius, C37)" \
  -o "$here/computer-misuse-and-cybercrime-act-2003.xml" "$@"
