#!/usr/bin/env bash
# Adds a migration NAME to both providers' migrations assemblies.
# Usage: tools/add-migration.sh NAME
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: tools/add-migration.sh NAME}
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  SCHAKEL_MIGRATIONS_PROVIDER=$provider dotnet ef migrations add "$name" \
    --project "src/Schakel.Migrations.$provider" --startup-project src/Schakel \
    --context SchakelDbContext --output-dir Migrations
done
