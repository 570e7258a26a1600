#!/usr/bin/env bash
# The README's demo command: the whole Hydra system on loopback, on embedded defaults.
# Today it builds Hydra and makes the development grid PKI; each issue grows it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/setup.sh
dotnet build Hydra.sln -c Release --no-restore --verbosity quiet

demo=".hydra-dev"
mkdir -p "$demo"
certs=(dotnet certs-dev/bin/Release/net10.0/hydra-certs.dll)
if [[ -f "$demo/pki/manifest.json" ]]; then
  echo "demo: reusing the dev PKI in $demo/pki"
else
  "${certs[@]}" init --out "$demo/pki"
fi
"${certs[@]}" list --pki "$demo/pki"
