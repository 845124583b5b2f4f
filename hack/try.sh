#!/usr/bin/env bash
# Send an AdmissionReview to the webhook that `make run` started and show what it answers:
# allowed or not, the warnings, and the JSON patch decoded.
set -euo pipefail
review=${1:-examples/online-boutique/admission-review-frontend.json}
url=${URL:-https://localhost:${PORT:-9443}/mutate-v1-pod}
ca=${CERT_DIR:-.cache/dev-certs}/ca.crt

resp=$(curl -sS --fail-with-body --cacert "$ca" -H 'Content-Type: application/json' --data-binary @"$review" "$url")
echo "$resp" | sed -e 's/"patch":"[^"]*",\{0,1\}//' && echo
patch=$(echo "$resp" | sed -n 's/.*"patch":"\([^"]*\)".*/\1/p')
if [ -n "$patch" ]; then
	echo "patch:"
	echo "$patch" | base64 -d | sed -e 's/},{/},\n{/g' && echo
else
	echo "no patch"
fi
