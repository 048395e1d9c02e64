#!/usr/bin/env bash
# Writes a throw-away self-signed certificate and key for trying this example and
# examples/functions (cert.pem, key.pem in the current folder). Never use them for anything real.
set -euo pipefail
domain=${1:-www.example.com}
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 90 \
  -subj "/CN=${domain}" -addext "subjectAltName=DNS:${domain}" \
  -keyout key.pem -out cert.pem 2>/dev/null
echo "wrote cert.pem and key.pem for ${domain}"
