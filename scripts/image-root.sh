#!/usr/bin/env bash
# Builds the container image's root file system into the folder given ($1), from the build
# machine's own JDK and C library, so that `./mvnw package` makes the image with no registry and
# no Docker daemon: Jib lays this folder over an empty base ("scratch"), then adds the application.
#
#   /opt/java                 a Java runtime linked by jlink from $JAVA_HOME (the modules below)
#   /lib*/..., /usr/lib*/...  the shared libraries that runtime loads, and the dynamic loader
#   /etc/passwd, /etc/group   the user the gateway runs as (uid and gid 10001, "switchboard")
#   /data, /tmp               writable by that user: the SQLite file and its key files; temp files
#
# The libraries come from this machine, so the image runs on the CPU architecture it was built
# on (set -Dimage.architecture=arm64 when building on ARM). Linux only.
set -euo pipefail

root=${1:?usage: image-root.sh <output folder>}
java_home=${JAVA_HOME:?JAVA_HOME must name the JDK to take the runtime from}

[ "$(uname -s)" = Linux ] || { echo "image-root.sh: the image is built on Linux only" >&2; exit 1; }

# What the gateway and its libraries use (jdeps --print-module-deps over the jar and target/libs),
# with jdk.unsupported for the libraries' sun.misc.Unsafe, jdk.crypto.ec for TLS on Java 21
# (part of java.base from 22), jdk.jfr for profiling a live replica.
wanted="java.base java.desktop java.naming java.net.http java.security.jgss java.sql jdk.management
jdk.unsupported jdk.crypto.ec jdk.jfr"
available=$("$java_home/bin/java" --list-modules | sed 's/@.*//')
modules=$(for m in $wanted; do grep -qx "$m" <<<"$available" && printf '%s,' "$m"; done)
modules=${modules%,}

rm -rf "$root"
mkdir -p "$root/opt" "$root/etc" "$root/data" "$root/tmp"

# The desktop's native libraries (windows, sound, the splash screen) are left out: the gateway is
# headless, and they would bring X11 and ALSA libraries into the image.
desktop='**/libawt_xawt.so,**/libjawt.so,**/libsplashscreen.so,**/libjsound.so'
if ! "$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
    --exclude-files="$desktop" --output "$root/opt/java" 2>"$root/jlink.err"; then
  # A JDK built without jmods and without a linkable runtime (JEP 493): take the whole of it.
  echo "image-root.sh: jlink could not link a runtime ($(head -1 "$root/jlink.err")); copying $java_home" >&2
  rm -rf "$root/opt/java"
  mkdir -p "$root/opt/java"
  (cd "$java_home" && tar --dereference --exclude=./jmods --exclude=./include --exclude=./man \
      --exclude=./demo --exclude=./lib/src.zip --exclude=./lib/libawt_xawt.so --exclude=./lib/libjawt.so \
      --exclude=./lib/libsplashscreen.so --exclude=./lib/libjsound.so -cf - .) | tar -xf - -C "$root/opt/java"
fi
rm -f "$root/jlink.err"

# Every shared library the runtime's programs and libraries load, as this machine resolves it,
# kept at the same path (symbolic links followed).
libraries() {
  find "$root/opt/java" -type f \( -name '*.so' -o -perm -u+x \) -print0 |
    xargs -0 -n 50 ldd 2>/dev/null |
    awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' | sort -u
}
# pthread_cancel and thread exit unwind through libgcc_s, which glibc loads only when needed.
extra=$(ldconfig -p 2>/dev/null | awk '$1 == "libgcc_s.so.1" && $NF ~ /^\// { print $NF; exit }')
for lib in $(libraries) $extra; do
  case "$lib" in "$root"/*) continue ;; esac
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done

cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
switchboard:x:10001:10001:Switchboard:/data:/sbin/nologin
EOF
cat >"$root/etc/group" <<'EOF'
root:x:0:
switchboard:x:10001:
EOF
cat >"$root/etc/nsswitch.conf" <<'EOF'
passwd: files
group: files
hosts: files dns
EOF
echo "image-root.sh: $(du -sh "$root" | cut -f1) in $root (modules: $modules)"
