#!/usr/bin/env bash
# Runs every Hydra test after installing what the tests need. The README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/setup.sh
export TCP_NODELAY=1
dotnet build Hydra.sln -c Release --no-restore --verbosity quiet
dotnet test Hydra.sln -c Release --no-build --verbosity minimal "$@"
