#!/usr/bin/env bash
# Builds the image loadcert-demo-target:local with `docker import` (no registry needed): a root filesystem
# holding the host's node binary, /bin/sh (the host's dash), the libraries ldd lists for both, the repo's
# package.json, bin, src and node_modules under /app, and /usr/local/bin/loadcert. The same image is tagged
# loadcert:local, the default image of `loadcert swarm` and `loadcert k8s` (its default command runs the
# demo target; they give their own). Usage: build-demo-image.sh REPO_DIR WORK_DIR (DOCKER_HOST must point at the engine).
set -euo pipefail

REPO=${1:?repo dir}
WORK=${2:?work dir}
IMAGE=${LOADCERT_DEMO_IMAGE:-loadcert-demo-target:local}
LOADCERT_IMAGE=${LOADCERT_IMAGE:-loadcert:local}
NODE=$(readlink -f "$(command -v node)")
SH=$(readlink -f /bin/sh)
TAR="$WORK/rootfs.tar"

# Libraries of node and sh (absolute paths ldd prints, including the dynamic loader), without the leading '/'.
mapfile -t LIBS < <({ ldd "$NODE"; ldd "$SH"; } | grep -o '/[^ ]*' | sed 's,^/,,' | sort -u)

SKEL="$WORK/skel"
rm -rf "$SKEL" "$TAR"
mkdir -p "$SKEL/tmp" "$SKEL/etc" "$SKEL/app" "$SKEL/proc" "$SKEL/sys" "$SKEL/dev" "$SKEL/bin" "$SKEL/usr/local/bin"
chmod 1777 "$SKEL/tmp"
cp "$SH" "$SKEL/bin/sh"
printf '#!/bin/sh\nexec %s /app/bin/loadcert.mjs "$@"\n' "$NODE" > "$SKEL/usr/local/bin/loadcert"
chmod 755 "$SKEL/usr/local/bin/loadcert"
echo 'root:x:0:0:root:/root:/bin/sh' > "$SKEL/etc/passwd"
echo 'root:x:0:' > "$SKEL/etc/group"

tar -C "$SKEL" -cf "$TAR" .
# -h stores each library under the path ldd printed, as a regular file (symlinks resolved).
tar -C / -rhf "$TAR" "${NODE#/}" "${LIBS[@]}"
# -h: a worktree's node_modules may be a symlink to another checkout's; the image needs the files.
tar -C "$REPO" -rhf "$TAR" --transform 's,^,app/,' \
  --exclude='node_modules/typescript' --exclude='node_modules/playwright-core' \
  --exclude='node_modules/@types' --exclude='node_modules/.cache' \
  package.json tsconfig.json bin src node_modules

docker import \
  --change 'WORKDIR /app' \
  --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin NODE_ENV=production' \
  --change "CMD [\"$NODE\", \"--import\", \"tsx\", \"src/target/main.ts\", \"--port\", \"8080\"]" \
  "$TAR" "$IMAGE" >/dev/null
docker tag "$IMAGE" "$LOADCERT_IMAGE"
rm -f "$TAR"
rm -rf "$SKEL"
echo "built $IMAGE (also tagged $LOADCERT_IMAGE)" >&2
