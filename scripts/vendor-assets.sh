#!/usr/bin/env bash
# Copies the built front-end files from the pinned npm packages in web-assets/ into the
# repository, so `cargo build` needs no npm. Run after changing web-assets/package.json,
# then commit the changed files.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

(cd web-assets && npm ci --no-audit --no-fund)
nm=web-assets/node_modules
out=crates/web/static/vendor
mkdir -p "$out" crates/domain/data

cp "$nm/@utrecht/component-library-css/dist/index.css" "$out/utrecht-components.css"
# The open example theme of the NL Design System (EUPL-1.2): its generated custom
# properties only (dist/custom.css, with its closed copyright header, is not taken).
cp "$nm/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css" "$out/voorbeeld-design-tokens.css"
rm -f "$out/utrecht-design-tokens.css"
cp "$nm/htmx.org/dist/htmx.min.js" "$out/htmx.min.js"

# Each vendored package's licence text, as the package ships it.
mkdir -p "$out/licenses"
cp "$nm/@utrecht/component-library-css/LICENSE.md" "$out/licenses/utrecht-component-library-css.LICENSE.md"
cp "$nm/@nl-design-system-unstable/voorbeeld-design-tokens/LICENSE.md" "$out/licenses/voorbeeld-design-tokens.LICENSE.md"
cp "$nm/htmx.org/LICENSE" "$out/licenses/htmx.org.LICENSE"
cp "$nm/@zxcvbn-ts/language-common/LICENSE.txt" "$out/licenses/zxcvbn-ts-language-common.LICENSE.txt"

# Common and breached passwords (ranked, most common first), one per line, lowercased.
node -e '
  const m = require("./'"$nm"'/@zxcvbn-ts/language-common/dist/passwords.json.cjs");
  const list = m.default ?? m;
  const seen = new Set();
  for (const p of list) { const l = String(p).toLowerCase(); if (l) seen.add(l); }
  process.stdout.write([...seen].join("\n") + "\n");
' > crates/domain/data/common-passwords.txt

versions() { node -p "require('./$nm/$1/package.json').version"; }
cat > "$out/VERSIONS" <<VERSIONS
@utrecht/component-library-css $(versions @utrecht/component-library-css)
@nl-design-system-unstable/voorbeeld-design-tokens $(versions @nl-design-system-unstable/voorbeeld-design-tokens)
htmx.org $(versions htmx.org)
@zxcvbn-ts/language-common $(versions @zxcvbn-ts/language-common) (crates/domain/data/common-passwords.txt)
VERSIONS
echo "vendored:"; cat "$out/VERSIONS"
bash scripts/check-vendored-licences.sh
