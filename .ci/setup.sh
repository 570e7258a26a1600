#!/usr/bin/env bash
# Installs what Hydra's demo and tests need, idempotently: Debian peers, npm interop packages, NuGet packages.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(
  openssl          # openssl verify / rehash cross-checks of the dev PKI
  voms-clients     # voms-proxy-fake, voms-proxy-info: real VOMS peers
  dcmtk            # storescu, storescp, echoscu, findscu, getscu, movescu, dcmdump
  orthanc          # a real DICOM server
  orthanc-dicomweb # Orthanc's DICOMweb plugin: a DICOMweb origin and client peer of the bridge
  libgdcm-tools    # gdcmanon: PS3.15 de-identification and re-identification
  python3-pydicom  # the DICOM test corpus and a reference parser
  chromium         # renders the audit HTML report in tests
  xxd              # the demo's hex dump of a stored (encrypted) object
  softhsm2         # a real PKCS#11 module: the keystore nodes' storage seal tests and bench
  curl             # a real HTTPS client of the bridge's reader endpoint (bearer-token tests)
  libtesseract5    # the bridge's OCR of burned-in text (its C API, loaded by Hydra.Dicom.Redaction)
  tesseract-ocr-eng # Tesseract's English model, which the bridge loads
  tesseract-ocr    # the tesseract program: the tests' independent reader of what the bridge released
  python3-pil      # renders identifying text into test images' pixels
  fonts-dejavu-core # the fonts that text is rendered in
  fonts-dejavu-extra
  postgresql-15    # PostgreSQL back end of the bridge's catalog and queues and of keystore nodes (tests run their own)
  ceph-mon         # Ceph as the S3 object store of the bridge's ciphertext: one monitor,
  ceph-osd         # one OSD on memstore,
  radosgw          # and the RADOS gateway (S3), which the tests start unattended
  ceph-common      # radosgw-admin, ceph: creating the gateway's user, quotas
  orthanc-postgresql # Orthanc on PostgreSQL: the benchmark's peer for ingest past one machine
)

missing=()
for package in "${apt_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} > 0)); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The Debian orthanc package starts a system service where an init system runs; tests start their own instances.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet orthanc 2>/dev/null; then
  systemctl stop orthanc || true
fi

# npm interop peers (lock files are committed; npm ci is a no-op when node_modules matches).
for dir in tests/*/interop; do
  if [[ -f "$dir/package-lock.json" ]]; then
    if [[ ! -d "$dir/node_modules" ]] || [[ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]]; then
      (cd "$dir" && npm ci --no-audit --no-fund --silent)
    fi
  fi
done

# OHIF's prebuilt viewer (the DICOMweb peer tests' real viewer). Its npm package cannot be installed (it depends on
# an @ohif/i18n version that was never published), but its dist/ needs nothing else: pack it and unpack dist/ only.
ohif_version=3.13.2
ohif_dir=tests/Hydra.Testing.Viewer/ohif
if [[ ! -f "$ohif_dir/dist/index.html" ]] || [[ "$(cat "$ohif_dir/VERSION" 2>/dev/null)" != "$ohif_version" ]]; then
  rm -rf "$ohif_dir"
  mkdir -p "$ohif_dir"
  tarball=$(cd "$ohif_dir" && npm pack --silent "@ohif/app@$ohif_version")
  tar -xzf "$ohif_dir/$tarball" -C "$ohif_dir" --strip-components=1 package/dist
  rm -f "$ohif_dir/$tarball"
  echo "$ohif_version" >"$ohif_dir/VERSION"
fi

dotnet restore Hydra.sln --verbosity quiet
