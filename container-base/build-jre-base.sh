#!/usr/bin/env bash
# Assembles docpipe's JRE base image without a container engine or registry: a jlink runtime of the JDK that
# runs the build, the shared libraries it needs copied from the Debian packages installed here (glibc, libstdc++,
# libgcc, zlib), a non-root user, a sticky /tmp and the state directory /var/lib/docpipe, written as a
# `docker save` tar that Jib reads with `tar://`. Used by CI and `./mvnw verify`; production images build on
# a maintained JRE base instead (README, "Running in production").
#
# usage: build-jre-base.sh OUTPUT.tar
set -euo pipefail
out="$(realpath -m "$1")"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
[ -d "$java_home/jmods" ] || { echo "build-jre-base: $java_home has no jmods (Debian: apt-get install openjdk-17-jmods)" >&2; exit 1; }
if [ -f "$out" ] && [ "$out" -nt "$0" ] && [ "$out" -nt "$java_home/release" ]; then
  echo "build-jre-base: $out is up to date"
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root"

# The modules the services, Tika's parsers, the Kafka clients and the ops server use.
modules=java.base,java.compiler,java.datatransfer,java.desktop,java.instrument,java.logging,java.management,\
java.management.rmi,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,\
java.security.sasl,java.sql,java.sql.rowset,java.transaction.xa,java.xml,java.xml.crypto,jdk.crypto.cryptoki,\
jdk.crypto.ec,jdk.httpserver,jdk.jfr,jdk.localedata,jdk.management,jdk.management.agent,jdk.management.jfr,\
jdk.naming.dns,jdk.net,jdk.security.auth,jdk.security.jgss,jdk.unsupported,jdk.zipfs
"$java_home/bin/jlink" --module-path "$java_home/jmods" --add-modules "$modules" --output "$root/opt/java" \
  --strip-debug --no-header-files --no-man-pages --compress=2

# Shared libraries: every file the JVM's binaries and libraries load, resolved on this (Debian) system.
libs() {
  find "$root/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} + 2>/dev/null \
    | awk '/=>/ {print $3} /^\t\/lib/ {print $1}' | grep '^/' | grep -v "^$root/" | sort -u
}
# Plus the whole of the C runtime's Debian packages: native code loaded later (RocksDB's JNI library,
# unpacked to /tmp by Kafka Streams) needs libpthread, libdl, librt, libstdc++ and the resolver's NSS modules.
runtime_libs() {
  for pkg in libc6 libstdc++6 libgcc-s1 zlib1g; do
    dpkg -L "$pkg:$(dpkg --print-architecture)" 2>/dev/null || dpkg -L "$pkg"
  done | grep -E '^(/usr)?/lib.*\.so[.0-9]*$' | grep -v '/gconv/' | sort -u
}
# Each is copied as a plain file to the path the loader found it at (the loader itself included).
for lib in $(libs) $(runtime_libs); do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done

mkdir -p "$root/etc" "$root/tmp" "$root/var/lib/docpipe" "$root/bin"
cat > "$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
docpipe:x:10001:10001:docpipe:/var/lib/docpipe:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
PASSWD
cat > "$root/etc/group" <<'GROUP'
root:x:0:
docpipe:x:10001:
nogroup:x:65534:
GROUP
echo "hosts: files dns" > "$root/etc/nsswitch.conf"
ln -s /opt/java/bin/java "$root/bin/java"
chmod 1777 "$root/tmp"
chmod 0775 "$root/var/lib/docpipe"

# One reproducible layer: fixed order, times and owners; the state directory belongs to the docpipe user.
layer="$work/layer.tar"
tar --sort=name --mtime=@0 --numeric-owner --owner=0 --group=0 -C "$root" \
  --exclude=./var/lib/docpipe -cf "$layer" .
tar --mtime=@0 --numeric-owner --owner=10001 --group=10001 -C "$root" -rf "$layer" ./var/lib/docpipe
diff_id="sha256:$(sha256sum "$layer" | cut -d' ' -f1)"
arch="$(uname -m)"; case "$arch" in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; esac
image="$work/image"
mkdir -p "$image"
mv "$layer" "$image/layer.tar"
cat > "$image/config.json" <<JSON
{"architecture":"$arch","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"Env":["PATH=/opt/java/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"],"User":"10001:10001",
  "WorkingDir":"/var/lib/docpipe","Labels":{"org.opencontainers.image.title":"docpipe JRE base",
  "org.opencontainers.image.description":"jlink runtime of $("$java_home/bin/java" -version 2>&1 | head -1 | tr -d '"') on Debian libraries"}},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},"history":[{"created":"1970-01-01T00:00:00Z","created_by":"container-base/build-jre-base.sh"}]}
JSON
echo '[{"Config":"config.json","RepoTags":["docpipe/jre-base:17"],"Layers":["layer.tar"]}]' > "$image/manifest.json"
mkdir -p "$(dirname "$out")"
tar --sort=name --mtime=@0 --numeric-owner --owner=0 --group=0 -C "$image" -cf "$out" manifest.json config.json layer.tar
echo "build-jre-base: $out ($(du -h "$out" | cut -f1))"
