#!/usr/bin/env bash
# The README's demo command: the whole Hydra system on loopback, on embedded defaults. Builds Hydra, makes the
# development grid PKI, starts three keystore nodes, the hospital's OpenID provider and the DICOM bridge with its
# patient portal, sends a CT study with storescu, shows that only ciphertext is stored, reads the images back as an
# authorised reader, lets the patient see their study and who opened it in a browser, shows a stranger refused, prints
# the audit trail of those accesses and stops everything. Safe to run again; Ctrl-C stops every process it started.
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

root=$(pwd)
pki="$root/$demo/pki"
run="$root/$demo/run"          # everything of one run: node databases, bridge data, logs, proxies, images
images=5                       # 512x512 CT slices in the demo study
pids=()

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
fail() { echo "demo: $*" >&2; exit 1; }

# pydicom comes from Debian's python3-pydicom, which only the system python sees.
python=/usr/bin/python3
[[ -x "$python" ]] && "$python" -c 'import pydicom' 2>/dev/null || python=python3
"$python" -c 'import pydicom' 2>/dev/null || fail "no python3 with pydicom (Debian python3-pydicom); run bash .ci/setup.sh"

subject() { "$python" -c 'import json,sys; m=json.load(open(sys.argv[1])); print(next(e["subject"] for e in m[sys.argv[2]] if e["name"] == sys.argv[3]))' "$pki/manifest.json" "$@"; }
bridge_dn=$(subject hosts bridge)
clinician_dn=$(subject users clinician)
reader_dn=$(subject users reader)
officer_dn=$(subject users officer)

# Processes of a run that was killed outright (no trap ran) still hold their ports and files: end them by their ids,
# and only if they are still Hydra processes.
if [[ -f "$run/pids" ]]; then
  while read -r pid; do
    if [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'Hydra\.'; then
      echo "demo: stopping process $pid left by an earlier run"
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 150); do [[ -d "/proc/$pid" ]] || break; sleep 0.1; done
      [[ ! -d "/proc/$pid" ]] || kill -KILL "$pid" 2>/dev/null || true
    fi
  done <"$run/pids"
fi
rm -rf "$run"
mkdir -p "$run/logs"

stop_all() {
  ((${#pids[@]} > 0)) || return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for _ in $(seq 150); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    ((alive)) || break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      echo "demo: process $pid did not stop in 15 s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  pids=()
  rm -f "$run/pids"
}

on_exit() {
  local status=$?
  trap - EXIT INT TERM
  if ((status != 0 && status != 130)); then
    echo "demo: failed (exit $status); the last lines of each log in $run/logs:" >&2
    for log in "$run"/logs/*.log; do
      [[ -s "$log" ]] && { echo "--- $log" >&2; tail -n 15 "$log" >&2; }
    done
  fi
  stop_all
  ((status != 130)) || echo "demo: interrupted; every process it started is stopped" >&2
  exit "$status"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

# Runs a service in the background (a .NET one unless the command is given), logging to logs/NAME.log, and remembers
# its process id.
start() {
  local name=$1
  shift
  [[ $1 == node ]] || set -- dotnet "$@"
  "$@" >"$run/logs/$name.log" 2>&1 &
  pids+=($!)
  echo $! >>"$run/pids"
}

# Free loopback ports, chosen now: several developers may share this machine.
read -r -a ports < <("$python" -c '
import socket
sockets = [socket.socket() for _ in range(7)]
for s in sockets: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in sockets])')
node_ports=("${ports[@]:0:3}")
dicom_port=${ports[3]} dicom_tls_port=${ports[4]} reader_port=${ports[5]} portal_port=${ports[6]}

hydra() { dotnet client/Hydra.Cli/bin/Release/net10.0/hydra.dll --cluster "$run/cluster.json" --certdir "$pki/certificates" "$@"; }
as_user() { local user=$1; shift; hydra --cert "$pki/users/$user/usercert.pem" --key "$pki/users/$user/userkey.pem" "$@"; }
with_proxy() { local proxy=$1; shift; hydra --proxy "$proxy" "$@"; }
# Runs a command that must be refused; a success is a failure of the demo.
expect_refused() {
  local code=0
  "$@" || code=$?
  ((code != 130)) || exit 130
  ((code != 0)) || fail "'$*' should have been refused"
  echo "-> refused (exit $code), as it should be"
}

step "1. Dev PKI: $pki (CA, hosts, users, VOMS AA)"
echo "bridge    $bridge_dn"
echo "reader    $reader_dn"
echo "clinician $clinician_dn (curator)"
echo "officer   $officer_dn (auditor)"

step "2. Three keystore nodes on 127.0.0.1:${node_ports[*]}"
nodes_json=""
for i in 1 2 3; do
  nodes_json+="${nodes_json:+, }{ \"id\": \"node$i\", \"endpoint\": \"127.0.0.1:${node_ports[i - 1]}\", \"identity\": \"127.0.0.1\" }"
done
cat >"$run/bridge-cluster.json" <<EOF
{ "threshold": 2, "writeQuorum": 2, "nodes": [ $nodes_json ] }
EOF
cat >"$run/cluster.json" <<EOF
{ "threshold": 2, "nodes": [ $nodes_json ],
  "bridge": { "id": "bridge", "endpoint": "127.0.0.1:$reader_port", "identity": "127.0.0.1" } }
EOF
for i in 1 2 3; do
  args=(
    --Keystore:NodeId="node$i" --Keystore:ListenAddress=127.0.0.1 --Keystore:Port="${node_ports[i - 1]}"
    --Keystore:DataFile="$run/node$i/keystore.db"
    --Keystore:HostCertificate="$pki/hosts/node$i/hostcert.pem" --Keystore:HostKey="$pki/hosts/node$i/hostkey.pem"
    --Keystore:TrustDirectory="$pki/certificates" --Keystore:VomsDirectory="$pki/vomsdir"
    --Keystore:Roles:Creators:0="dn:$bridge_dn" --Keystore:Roles:Creators:1="dn:$clinician_dn"
    --Keystore:Roles:Delegates:0="dn:$bridge_dn" --Keystore:Roles:PatientDelegates:0="dn:$bridge_dn"
    --Keystore:Roles:Auditors:0="dn:$officer_dn" --Keystore:Roles:Auditors:1="fqan:/hospital/security/Role=officer"
    --Logging:LogLevel:Default=Warning
  )
  peer=0
  for j in 1 2 3; do
    ((j == i)) && continue
    args+=(--Keystore:Peers:$peer:Id="node$j" --Keystore:Peers:$peer:Endpoint="127.0.0.1:${node_ports[j - 1]}" --Keystore:Peers:$peer:Identity=node$j)
    peer=$((peer + 1))
  done
  # No mkdir: the node creates its data folder 0700, and refuses one that group or others may enter.
  start "node$i" keystore/Hydra.Keystore/bin/Release/net10.0/Hydra.Keystore.dll "${args[@]}"
done
# hydra cluster status exits 6 until M nodes answer; the count comes from its JSON either way. A .NET command that
# catches Ctrl-C exits 130 instead of dying of SIGINT, so bash would go on: pass the 130 on (set -e ends the script).
reachable_nodes() {
  local status=0 out
  out=$(as_user officer --json cluster status 2>/dev/null) || status=$?
  ((status != 130)) || exit 130
  "$python" -c 'import json,sys; print(json.load(sys.stdin)["reachable"])' <<<"$out" 2>/dev/null || echo 0
}
reachable=0
for _ in $(seq 60); do
  reachable=$(reachable_nodes)
  ((reachable == 3)) && break
  sleep 1
done
((reachable == 3)) || fail "only $reachable of 3 keystore nodes answered within 60 s"
as_user officer cluster status

step "3. The hospital's OpenID provider, and the DICOM bridge: C-STORE on 127.0.0.1:$dicom_port, grid readers on 127.0.0.1:$reader_port, patient portal on https://127.0.0.1:$portal_port"
# The tests' real npm oidc-provider (tests/Hydra.Testing.Oidc/interop/provider.mjs), configured as OidcProvider.cs
# does for the portal's client, with two patients: the demo study's and one with no images. It listens on a free port
# of its own choosing and prints its issuer once it does.
command -v node >/dev/null || fail "no node (Node 20); run bash .ci/setup.sh"
patient_id=$("$python" -c 'import sys; sys.path.insert(0, ".ci"); import demo_study; print(demo_study.image("1.2", "1.2", "1.2", 1).PatientID)')
node .ci/demo_portal.mjs provider-config "$run/oidc-provider.json" "$patient_id"
start oidc-provider node "$root/tests/Hydra.Testing.Oidc/interop/provider.mjs" "$run/oidc-provider.json"
for _ in $(seq 120); do
  issuer=$(sed -n 's/^{"issuer":"\([^"]*\)"}$/\1/p' "$run/logs/oidc-provider.log" 2>/dev/null || true)
  [[ -n $issuer ]] && break
  kill -0 "${pids[-1]}" 2>/dev/null || fail "the OpenID provider exited at start"
  sleep 0.5
done
[[ -n $issuer ]] || fail "the OpenID provider printed no issuer within 60 s"
curl --silent --fail --output /dev/null "$issuer/.well-known/openid-configuration" || fail "the OpenID provider at $issuer does not answer discovery"
echo "OpenID provider $issuer: patients jane (the demo study's patient, $patient_id) and sam (no images)"
start bridge dicom-bridge/Hydra.Bridge/bin/Release/net10.0/Hydra.Bridge.dll \
  --Bridge:AeTitle=HYDRA --Bridge:ListenAddress=127.0.0.1 \
  --Bridge:DicomPort="$dicom_port" --Bridge:DicomTlsPort="$dicom_tls_port" --Bridge:ReaderPort="$reader_port" \
  --Bridge:DataDirectory="$run/bridge" --Bridge:ClusterFile="$run/bridge-cluster.json" \
  --Bridge:HostCertificate="$pki/hosts/bridge/hostcert.pem" --Bridge:HostKey="$pki/hosts/bridge/hostkey.pem" \
  --Bridge:TrustDirectory="$pki/certificates" --Bridge:VomsDirectory="$pki/vomsdir" \
  --Bridge:DefaultAcl:0="fqan:/hospital/radiology=g" \
  --Bridge:Curators:0="dn:$clinician_dn" \
  --Bridge:QuarantineAcl:0="dn:$officer_dn=g" --Bridge:QuarantineAcl:1="fqan:/hospital/security/Role=officer=g" \
  --Bridge:Patients:Grant=g \
  --Bridge:Portal:Port="$portal_port" --Bridge:Portal:Authority="$issuer" --Bridge:Portal:ClientId=hydra-portal \
  --Logging:LogLevel:Default=Warning
for _ in $(seq 60); do
  TCP_NODELAY=1 echoscu -aet HOSPITAL -aec HYDRA 127.0.0.1 "$dicom_port" 2>/dev/null && break
  kill -0 "${pids[-1]}" 2>/dev/null || fail "the bridge exited at start"
  sleep 1
done
TCP_NODELAY=1 echoscu -aet HOSPITAL -aec HYDRA 127.0.0.1 "$dicom_port" || fail "the bridge did not answer C-ECHO within 60 s"
echo "bridge answers C-ECHO; new images may be read by fqan:/hospital/radiology, and by their own patient (grant g)"
# --insecure: the portal's certificate is the bridge's host certificate, from the dev grid CA.
curl --silent --insecure --fail --output /dev/null "https://127.0.0.1:$portal_port/" ||
  fail "the patient portal does not answer on https://127.0.0.1:$portal_port"
echo "patient portal answers on https://127.0.0.1:$portal_port; sign-in at $issuer"

step "4. A hospital sends a CT study ($images slices, 512x512) and an ultrasound image with storescu"
mapfile -t files < <("$python" .ci/demo_study.py write "$run/hospital" "$images")
dcmdump +P PatientName +P PatientID +P PatientBirthDate +P StudyInstanceUID "${files[0]}"
TCP_NODELAY=1 storescu -aet HOSPITAL -aec HYDRA 127.0.0.1 "$dicom_port" "${files[@]}"
echo "storescu: $images images acknowledged (each one only once it was encrypted, catalogued and its key split)"
echo "and an ultrasound screen of a second patient, their name and id burned into its pixels (no Burned In Annotation):"
us_original=$("$python" .ci/demo_study.py write-us "$run/hospital-us")
TCP_NODELAY=1 storescu -aet HOSPITAL -aec HYDRA 127.0.0.1 "$dicom_port" "$us_original"
echo "storescu: 1 image acknowledged (its every frame scanned for text, and the text blanked, before it was stored)"

step "5. What the bridge stores is ciphertext"
objects=()
# Images only: the officer's review thumbnail of the ultrasound (objects/review) is stored encrypted beside them.
mapfile -t objects < <(find "$run/bridge/objects" -name '*.hydra' -not -path '*/review/*' -not -path '*/quarantine/*' | sort)
((${#objects[@]} == images + 1)) || fail "expected $((images + 1)) stored images, found ${#objects[@]}"
echo "${objects[0]#"$root/"}:"
head -c 64 "${objects[0]}" | xxd
occurrences() { { grep -r -a -o "$1" "$2" || true; } | wc -l; }
in_originals=$(($(occurrences HYDRADEMO "$run/hospital") + $(occurrences HYDRADEMO "$run/hospital-us")))
in_bridge=$(occurrences HYDRADEMO "$run/bridge")
echo "identifying text 'HYDRADEMO' (patient name, id, institution...): $in_originals times in the originals, $in_bridge in the bridge's data folder"
((in_bridge == 0)) || fail "identifying text found in the bridge's data folder"

step "6. An authorised reader (VOMS proxy, /hospital/radiology) lists, fetches and decrypts the images"
"${certs[@]}" proxy --pki "$pki" --user reader --out "$run/x509up_reader" >/dev/null
with_proxy "$run/x509up_reader" images list
study_of() { with_proxy "$run/x509up_reader" --json images list | "$python" -c 'import json,sys; print(next(i["studyInstanceUid"] for i in json.load(sys.stdin)["images"] if i["modality"] == sys.argv[1]))' "$1"; }
study=$(study_of CT)
with_proxy "$run/x509up_reader" images get --study "$study" --out "$run/reader"
mapfile -t decrypted < <(find "$run/reader" -name '*.dcm' | sort)
((${#decrypted[@]} == images)) || fail "expected $images decrypted images, found ${#decrypted[@]}"
echo "original   ${files[0]#"$root/"}:"
dcmdump +P PatientName +P PatientID +P PatientBirthDate +P InstitutionName +P StudyDate +P StudyInstanceUID +P SOPInstanceUID "${files[0]}"
echo "decrypted  ${decrypted[0]#"$root/"}:"
dcmdump +P PatientName +P PatientID +P PatientBirthDate +P InstitutionName +P StudyDate +P StudyInstanceUID +P SOPInstanceUID +P PatientIdentityRemoved +P DeidentificationMethod "${decrypted[0]}" || true
"$python" .ci/demo_study.py compare "$run/hospital" "$run/reader"

step "7. Text burned into the ultrasound's pixels: tesseract reads it in the original, not in what the reader gets"
us_study=$(study_of US)
with_proxy "$run/x509up_reader" images get --study "$us_study" --out "$run/reader-us"
us_decrypted=$(find "$run/reader-us" -name '*.dcm')
echo "tesseract (the program, on the image and its negative) in the original ${us_original#"$root/"}:"
"$python" .ci/demo_study.py ocr "$us_original" found || fail "tesseract did not read the burned-in name in the original"
echo "tesseract in the reader's copy ${us_decrypted#"$root/"}:"
"$python" .ci/demo_study.py ocr "$us_decrypted" absent || fail "the reader's copy still shows the burned-in name"
dcmdump +P BurnedInAnnotation +P CodeValue +P CodeMeaning "$us_decrypted"
echo "the security officer sees where text was blanked (never what it said), and a thumbnail with the regions outlined:"
as_user officer redactions list
us_sop=$(basename "$us_decrypted" .dcm)
as_user officer redactions thumbnail "$us_sop" --out "$run/officer-redactions.png"

step "8. The same reader through DICOMweb, what web viewers (OHIF, Weasis) speak: QIDO-RS search, WADO-RS image"
# curl is the viewer here: the reader's VOMS proxy as client certificate, the dev CA folder as trust.
dicomweb() { curl --silent --show-error --fail-with-body --http2 --capath "$pki/certificates" \
  --cert "$run/x509up_reader" --key "$run/x509up_reader" "https://localhost:$reader_port/dicom-web/$1" "${@:2}"; }
dicomweb "studies?includefield=StudyDate" -H "Accept: application/dicom+json" | "$python" -c '
import json, sys
for s in json.load(sys.stdin):
    v = lambda tag: (s.get(tag, {}).get("Value") or ["?"])[0]
    print("study", v("0020000D"), "patient", v("00100020"), "date", v("00080020"), "modalities", v("00080061"),
          "series", v("00201206"), "instances", v("00201208"))'
instances=$(dicomweb "studies/$study/instances?limit=1" -H "Accept: application/dicom+json")
series=$("$python" -c 'import json,sys; print(json.load(sys.stdin)[0]["0020000E"]["Value"][0])' <<<"$instances")
first=$("$python" -c 'import json,sys; print(json.load(sys.stdin)[0]["00080018"]["Value"][0])' <<<"$instances")
dicomweb "studies/$study/series/$series/instances/$first/rendered?window=40,400" -H "Accept: image/png" -o "$run/reader/rendered.png"
"$python" -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); assert d[:8]==b"\x89PNG\r\n\x1a\n"; print("WADO-RS rendered %s: PNG %dx%d, decrypted with a key rebuilt on the reader'"'"'s behalf" % (sys.argv[1].split("/")[-1], *struct.unpack(">II", d[16:24])))' "$run/reader/rendered.png"

step "9. The patient signs in to the portal (headless Chromium) and sees their study and who opened it"
cn() { sed 's/.*CN=//' <<<"$1"; }
# The patient's browser: .ci/demo_portal.mjs prints what the pages show and fails on what they must not.
portal_as() {
  local code=0
  timeout 300 node .ci/demo_portal.mjs browse "https://127.0.0.1:$portal_port/" "$1" "$run/portal" "$2" || code=$?
  ((code != 130)) || exit 130
  ((code == 0)) || fail "the patient portal step failed for $1 (exit $code); screenshots in ${run#"$root/"}/portal"
}
# The reader's reads: step 6's client rebuilt each image's key itself ("directly"), step 8's through the bridge.
portal_as jane "{\"study\": {\"date\": \"15 March 2024\", \"images\": $images}, \"reader\": \"$(cn "$reader_dn")\", \"reads\": [
  {\"service\": \"directly\", \"atLeast\": $images, \"label\": \"in step 6 (hydra images get)\"},
  {\"service\": \"$(cn "$bridge_dn")\", \"atLeast\": 1, \"label\": \"in step 8 (DICOMweb, through the bridge)\"}]}"
printf '\na second patient, sam, who has no images here:\n'
portal_as sam '{"study": null}'

step "10. A stranger (researcher of the biomed VO) gets nothing"
"${certs[@]}" proxy --pki "$pki" --user researcher --out "$run/x509up_researcher" >/dev/null
with_proxy "$run/x509up_researcher" images list
sop=$(basename "${decrypted[0]}" .dcm)
expect_refused with_proxy "$run/x509up_researcher" images get "$sop" --out "$run/stranger"
echo "even with a copy of the ciphertext from the bridge's disk, every keystore node refuses the key:"
stolen=$(find "$run/bridge" -name "$sop.hydra")
expect_refused with_proxy "$run/x509up_researcher" decrypt "$stolen" "$run/stranger.dcm"

step "11. The security officer's audit: every node's trail verified; the records of that one image's key"
key=$(with_proxy "$run/x509up_reader" --json images list --study "$study" |
  "$python" -c 'import json,sys; print(next(i["keyId"] for i in json.load(sys.stdin)["images"] if i["sopInstanceUid"] == sys.argv[1]))' "$sop")
as_user officer audit --key-id "$key"

step "12. Stopping everything"
stop_all
echo "three keystore nodes, the OpenID provider and the bridge stopped; data of this run kept in ${run#"$root/"}"
