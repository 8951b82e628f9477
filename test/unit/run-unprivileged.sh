#!/usr/bin/env bash
# The pure tests (test/unit) as they must run: without root, and with no
# libbcc to load (BCC_LIBBCC_PATH names nothing; lazy-libs.test.ts checks
# libbcc is never mapped). As root, it drops to nobody with setpriv.
set -euo pipefail
cd "$(dirname "$0")/../.."
run=(env HOME=/tmp BCC_LIBBCC_PATH=/nonexistent/libbcc-must-not-be-loaded.so.0
  node_modules/.bin/vitest run test/unit --configLoader runner "$@")
if [ "$(id -u)" != 0 ]; then exec "${run[@]}"; fi
nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
if ! "${nobody[@]}" test -r package.json -a -x node_modules/.bin/vitest; then
  echo "test:unit: user nobody cannot read $(pwd) (a parent folder is private?); clone where others may read, or run this as a normal user" >&2
  exit 1
fi
exec "${nobody[@]}" "${run[@]}"
