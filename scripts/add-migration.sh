#!/usr/bin/env bash
# Adds an EF Core migration for both providers of a module's DbContext.
#   scripts/add-migration.sh <Name> [Project] [ContextPrefix]
#   e.g. scripts/add-migration.sh AddMediaCrops SafeguardingSite.Content Content
set -euo pipefail
name=${1:?migration name}
project=${2:-SafeguardingSite.Content}
prefix=${3:-Content}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project "src/$project" --startup-project "src/$project" \
    --context "${provider}${prefix}DbContext" --output-dir "Data/Migrations/$provider"
done
