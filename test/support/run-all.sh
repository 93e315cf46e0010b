#!/usr/bin/env bash
# `npm run test:all`: the whole suite on embedded PGlite, then again on PostgreSQL, then one summary line.
set -uo pipefail
cd "$(dirname "$0")/../.."

bash test/support/services.sh || exit 1
npx prisma generate >/dev/null || exit 1
npm run --silent build >/dev/null || { echo "client build failed"; exit 1; }
npm run --silent typecheck || { echo "typecheck failed"; exit 1; }
npm run --silent lint || { echo "lint failed"; exit 1; }

rm -f test/.tmp/results-*.json
status=0
echo "== Test suite on embedded PGlite =="
TEST_DB=pglite npx vitest run || status=1
echo "== Test suite on PostgreSQL =="
TEST_DB=postgres npx vitest run || status=1

npx tsx test/support/summarize.ts test/.tmp/results-pglite.json test/.tmp/results-postgres.json || status=1
exit $status
