#!/usr/bin/env bash
# Sends one signed request to a tenant's v1 API as an API client (README, "API clients").
#   HUREN_CLIENT=js_… HUREN_SECRET=… tools/signed-request.sh GET 'http://localhost:8080/api/t/js/v1/parties?uscc=…'
#   HUREN_CLIENT=js_… HUREN_SECRET=… tools/signed-request.sh POST http://localhost:8080/api/t/js/v1/track-records/7/uses '{"useId":"bid-1"}'
# Needs bash, openssl, sha256sum, base64 and curl. The URL's path and query are signed exactly as written.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 METHOD URL [JSON-BODY]" >&2; exit 2; }
method=$1 url=$2 body=${3-}
: "${HUREN_CLIENT:?set HUREN_CLIENT to the client id}" "${HUREN_SECRET:?set HUREN_SECRET to the client secret}"

target=/${url#*://*/}                     # path and query, as sent
path=${target%%\?*}
query=""
[[ $target == *\?* ]] && query=${target#*\?}
timestamp=$(date +%s)
nonce=$(openssl rand -hex 16)
body_sha256=$(printf '%s' "$body" | sha256sum | cut -d' ' -f1)
signature=$(printf '%s\n%s\n%s\n%s\n%s\n%s' "$method" "$path" "$query" "$body_sha256" "$timestamp" "$nonce" \
  | openssl dgst -sha256 -hmac "$HUREN_SECRET" -binary | base64 -w0)

args=(-sS -X "$method" "$url" -H "X-Huren-Client: $HUREN_CLIENT" -H "X-Huren-Timestamp: $timestamp"
      -H "X-Huren-Nonce: $nonce" -H "X-Huren-Signature: $signature")
[ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
curl "${args[@]}"
