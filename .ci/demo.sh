#!/usr/bin/env bash
# The README's demo command. It grows with the system; today it builds everything.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/setup.sh
dotnet build Hydra.sln -c Release --no-restore --verbosity quiet
echo "demo: built Hydra"
