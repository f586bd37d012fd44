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
cp "$nm/@utrecht/design-tokens/dist/index.css" "$out/utrecht-design-tokens.css"
cp "$nm/htmx.org/dist/htmx.min.js" "$out/htmx.min.js"

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
@utrecht/design-tokens $(versions @utrecht/design-tokens)
htmx.org $(versions htmx.org)
@zxcvbn-ts/language-common $(versions @zxcvbn-ts/language-common) (crates/domain/data/common-passwords.txt)
VERSIONS
echo "vendored:"; cat "$out/VERSIONS"
