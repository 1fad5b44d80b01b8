#!/usr/bin/env bash
# Makes the stack's private CA and the API's server certificate with openssl, in $TLS_DIR (under the
# stack's state folder, never in the work tree): ca.crt / ca.key, server.crt / server.key (EC P-256,
# SAN 127.0.0.1, ::1, localhost). Kept between starts; remade when a file is missing, the server
# certificate expires within a day, or it no longer verifies against the CA.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

command -v openssl >/dev/null || die "openssl is required to make the stack's certificates (apt-get install openssl)"

valid() {
  [[ -s "$TLS_DIR/ca.crt" && -s "$TLS_DIR/ca.key" && -s "$TLS_DIR/server.crt" && -s "$TLS_DIR/server.key" ]] || return 1
  openssl x509 -in "$TLS_DIR/server.crt" -noout -checkend 86400 >/dev/null 2>&1 || return 1
  openssl verify -CAfile "$TLS_DIR/ca.crt" "$TLS_DIR/server.crt" >/dev/null 2>&1
}

if valid; then log "certificates in $TLS_DIR are valid"; exit 0; fi

log "making a private CA and the API's server certificate in $TLS_DIR"
rm -rf "$TLS_DIR"
mkdir -p "$TLS_DIR"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
openssl req -x509 "${ec[@]}" -days 825 -subj '/CN=enterprise-docs stack CA (loadcert, private)' \
  -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign' \
  -keyout "$TLS_DIR/ca.key" -out "$TLS_DIR/ca.crt" 2>/dev/null
openssl req "${ec[@]}" -subj '/CN=127.0.0.1' -keyout "$TLS_DIR/server.key" -out "$tmp/server.csr" 2>/dev/null
printf '%s\n' 'basicConstraints=CA:FALSE' 'keyUsage=critical,digitalSignature' 'extendedKeyUsage=serverAuth' \
  'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost' > "$tmp/server.ext"
openssl x509 -req -in "$tmp/server.csr" -CA "$TLS_DIR/ca.crt" -CAkey "$TLS_DIR/ca.key" -CAcreateserial \
  -CAserial "$tmp/ca.srl" -days 397 -extfile "$tmp/server.ext" -out "$TLS_DIR/server.crt" 2>/dev/null
chmod 600 "$TLS_DIR/ca.key" "$TLS_DIR/server.key"
chmod 644 "$TLS_DIR/ca.crt" "$TLS_DIR/server.crt"
valid || die "the certificates made in $TLS_DIR do not verify"
log "CA $TLS_DIR/ca.crt"
