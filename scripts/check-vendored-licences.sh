#!/usr/bin/env bash
# Fails when a file in the repository says "All rights reserved": eenplan is EUPL-1.2
# and may only vendor (and compile into its binary) files under an open licence.
# A deployment's own theme (`--theme-css`) stays outside the repository. Run by
# scripts/vendor-assets.sh after vendoring and by .ci/run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Only tracked files: node_modules and build output are not the repository. This
# script names the phrase itself, so it is the one file skipped.
found=$(git ls-files -z | grep -zv '^scripts/check-vendored-licences.sh$' \
  | xargs -0 grep -Iil 'all rights reserved' -- 2>/dev/null || true)
if [[ -n "$found" ]]; then
  echo "check-vendored-licences: these files say \"All rights reserved\"; eenplan may not ship them:" >&2
  printf '  %s\n' $found >&2
  exit 1
fi
echo "check-vendored-licences: no file says \"All rights reserved\""
