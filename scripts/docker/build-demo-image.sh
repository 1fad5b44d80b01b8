#!/usr/bin/env bash
# Builds the image loadcert-demo-target:local with `docker import` (no registry needed): a root filesystem
# holding the host's node binary, the libraries ldd lists for it, and the repo's package.json, src and
# node_modules under /app. Usage: build-demo-image.sh REPO_DIR WORK_DIR (DOCKER_HOST must point at the engine).
set -euo pipefail

REPO=${1:?repo dir}
WORK=${2:?work dir}
IMAGE=${LOADCERT_DEMO_IMAGE:-loadcert-demo-target:local}
NODE=$(readlink -f "$(command -v node)")
TAR="$WORK/rootfs.tar"

# Libraries of node (absolute paths ldd prints, including the dynamic loader), without the leading '/'.
mapfile -t LIBS < <(ldd "$NODE" | grep -o '/[^ ]*' | sed 's,^/,,' | sort -u)

SKEL="$WORK/skel"
rm -rf "$SKEL" "$TAR"
mkdir -p "$SKEL/tmp" "$SKEL/etc" "$SKEL/app" "$SKEL/proc" "$SKEL/sys" "$SKEL/dev"
chmod 1777 "$SKEL/tmp"
echo 'root:x:0:0:root:/root:/bin/sh' > "$SKEL/etc/passwd"
echo 'root:x:0:' > "$SKEL/etc/group"

tar -C "$SKEL" -cf "$TAR" .
# -h stores each library under the path ldd printed, as a regular file (symlinks resolved).
tar -C / -rhf "$TAR" "${NODE#/}" "${LIBS[@]}"
tar -C "$REPO" -rf "$TAR" --transform 's,^,app/,' \
  --exclude='node_modules/typescript' --exclude='node_modules/playwright-core' \
  --exclude='node_modules/@types' --exclude='node_modules/.cache' \
  package.json tsconfig.json src node_modules

docker import \
  --change 'WORKDIR /app' \
  --change 'ENV PATH=/usr/bin:/bin NODE_ENV=production' \
  --change "CMD [\"$NODE\", \"--import\", \"tsx\", \"src/target/main.ts\", \"--port\", \"8080\"]" \
  "$TAR" "$IMAGE" >/dev/null
rm -f "$TAR"
rm -rf "$SKEL"
echo "built $IMAGE" >&2
