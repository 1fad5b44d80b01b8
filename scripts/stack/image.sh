#!/usr/bin/env bash
# Publishes the API (framework-dependent, Release) and builds the image enterprise-docs-api:latest
# with `docker import` of a root filesystem holding the host's .NET runtime, the libraries it loads
# (from ldd) and the published app. No registry is needed. Skips both steps when nothing changed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PUBLISH="$STACK_STATE/publish"
ROOTFS="$STACK_STATE/rootfs"
DOTNET_ROOT_DIR="$(dirname "$(readlink -f "$(command -v dotnet)")")"

source_hash() {
  (cd "$STACK_TARGET_DIR/src" && find . -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.json' \) \
     -not -path './bin/*' -not -path './obj/*' -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16
}

publish() {
  local hash; hash="$(source_hash)"
  if [[ -s "$PUBLISH/.source-hash" && "$(cat "$PUBLISH/.source-hash")" == "$hash" && -s "$PUBLISH/EnterpriseDocs.dll" ]]; then
    log "publish is up to date ($hash)"; return
  fi
  log "dotnet publish (Release) -> $PUBLISH"
  rm -rf "$PUBLISH"
  DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 dotnet publish "$STACK_TARGET_DIR/src/EnterpriseDocs.csproj" \
    -c Release -o "$PUBLISH" --nologo -v quiet -p:UseAppHost=false >"$STACK_STATE/publish.log" 2>&1 \
    || { tail -n 30 "$STACK_STATE/publish.log" >&2; die "dotnet publish failed"; }
  echo "$hash" > "$PUBLISH/.source-hash"
}

copy_with_libs() { # copies each file given and every library ldd lists for it into the rootfs
  local f lib
  for f in "$@"; do
    ldd "$f" 2>/dev/null | grep -o '/[^ ]*' | while read -r lib; do
      [[ -e "$ROOTFS$lib" ]] || { mkdir -p "$ROOTFS$(dirname "$lib")"; cp -L "$lib" "$ROOTFS$lib"; }
    done
  done
}

build_rootfs() {
  rm -rf "$ROOTFS"
  mkdir -p "$ROOTFS"/{app,tmp,etc,usr/share/dotnet}
  chmod 1777 "$ROOTFS/tmp"
  cp -a "$DOTNET_ROOT_DIR/dotnet" "$DOTNET_ROOT_DIR/host" "$ROOTFS/usr/share/dotnet/"
  mkdir -p "$ROOTFS/usr/share/dotnet/shared"
  cp -a "$DOTNET_ROOT_DIR/shared/Microsoft.NETCore.App" "$DOTNET_ROOT_DIR/shared/Microsoft.AspNetCore.App" "$ROOTFS/usr/share/dotnet/shared/"
  cp -a "$PUBLISH/." "$ROOTFS/app/"
  # Libraries the runtime loads with dlopen (OpenSSL for crypto, zlib) are not in ldd of the host.
  local extra=() ldcache l p so_files=()
  ldcache="$(ldconfig -p)"
  for l in libssl.so.3 libcrypto.so.3 libz.so.1 libgssapi_krb5.so.2; do
    # The whole ldconfig list is read first: an early-exiting reader on its pipe would kill it with
    # SIGPIPE, failing the script under pipefail (the cause of an intermittent exit 141 on fresh machines).
    p="$(awk -v l="$l" '$1 == l && /x86-64/ && !found { print $NF; found = 1 }' <<<"$ldcache")"
    [[ -n "$p" ]] && extra+=("$p")
  done
  for p in "${extra[@]}"; do mkdir -p "$ROOTFS$(dirname "$p")"; cp -L "$p" "$ROOTFS$p"; done
  mapfile -t so_files < <(find "$ROOTFS/usr/share/dotnet" -name '*.so')
  copy_with_libs "$ROOTFS/usr/share/dotnet/dotnet" "${extra[@]}" "${so_files[@]}"
  mkdir -p "$ROOTFS/lib64"
  [[ -e "$ROOTFS/lib64/ld-linux-x86-64.so.2" ]] || cp -L /lib64/ld-linux-x86-64.so.2 "$ROOTFS/lib64/"
  echo 'root:x:0:0:root:/root:/bin/sh' > "$ROOTFS/etc/passwd"
  echo 'root:x:0:' > "$ROOTFS/etc/group"
  printf '127.0.0.1 localhost\n::1 localhost\n' > "$ROOTFS/etc/hosts"
}

image() {
  local runtimes hash
  runtimes="$(printf '%s\n' "$DOTNET_ROOT_DIR"/shared/Microsoft.NETCore.App/*)"
  hash="$(cat "$PUBLISH/.source-hash")-$(basename "$(sort -V <<<"$runtimes" | tail -n 1)")"
  if [[ "$(dk image inspect -f '{{ index .Config.Labels "loadcert.source-hash" }}' "$IMAGE_NAME" 2>/dev/null || true)" == "$hash" ]]; then
    log "image $IMAGE_NAME is up to date"; return
  fi
  log "building rootfs and importing $IMAGE_NAME"
  build_rootfs
  tar -C "$ROOTFS" -c . | dk import \
    --change 'WORKDIR /app' \
    --change 'ENV DOTNET_ROOT=/usr/share/dotnet DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_gcServer=0 ASPNETCORE_ENVIRONMENT=Production' \
    --change "LABEL loadcert.source-hash=$hash com.docker.compose.project=$COMPOSE_PROJECT" \
    --change 'ENTRYPOINT ["/usr/share/dotnet/dotnet", "/app/EnterpriseDocs.dll"]' \
    - "$IMAGE_NAME" >/dev/null
  rm -rf "$ROOTFS"
  dk image prune -f >/dev/null 2>&1 || true # the previous build, now untagged
  log "image $IMAGE_NAME built ($(dk image inspect -f '{{ .Size }}' "$IMAGE_NAME" | awk '{ printf "%.0f MB", $1 / 1e6 }'))"
}

publish
image
