#!/usr/bin/env bash
# Writes a new migration from the difference between the schema at the last commit and the working copy:
#   npm run db:diff -- add_flags
# (`prisma migrate dev` needs a shadow database and an engine download; this needs neither.)
set -euo pipefail
name=${1:?usage: npm run db:diff -- <migration_name>}
cd "$(dirname "$0")/.."
old=$(mktemp --suffix=.prisma)
git show HEAD:prisma/schema.prisma > "$old"
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_${name}"
mkdir -p "$dir"
DATA_DIR=memory:// npx prisma migrate diff --from-schema-datamodel "$old" --to-schema-datamodel prisma/schema.prisma --script > "$dir/migration.sql"
rm -f "$old"
echo "wrote $dir/migration.sql: read it, then run the tests (they apply every migration to empty databases)"
