#!/usr/bin/env bash
# Refresh the YASGUI files of jjjkg serve's query page from the npm registry:
#   tools/vendor_yasgui.sh 4.6.2
set -euo pipefail
version="${1:?give the @zazuko/yasgui version}"
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@zazuko/yasgui@$version" >/dev/null && tar xzf ./*.tgz)
cp "$work/package/build/yasgui.min.js" "$work/package/build/yasgui.min.css" "$here/graph/serve_static/yasgui/"
sed -i "s/@zazuko\/yasgui) [0-9.]*/@zazuko\/yasgui) $version/" "$here/graph/serve_static/yasgui/README.md"
echo "vendored @zazuko/yasgui $version"
