#!/usr/bin/env bash
# Makes the offline base image of the Mercato images: a jlink'd Java runtime of the JDK that runs the build, the glibc
# files that runtime links against (copied from this machine), /etc/passwd and /etc/group naming the non-root user
# mercato (10001), and /tmp. Written as a `docker save` archive that Jib reads as `tar://...`; `docker load` takes it
# as it is. It is the base for machines that cannot pull a registry image; users' default is a registry JRE 25 image
# (mercato.image.base in the root pom, docs/deploy.md).
#
# usage: jre-base.sh <jdk home> <output .tar>
set -euo pipefail

jdk=${1:?usage: jre-base.sh <jdk home> <output .tar>}
out=${2:?usage: jre-base.sh <jdk home> <output .tar>}
# What the services use: the Java SE modules (java.desktop for java.beans, java.sql, java.naming, ...), Unsafe for
# Netty, JMX and JFR for the metrics, DNS for gRPC's dns:/// targets, the locale data for Accept-Language.
modules=java.se,jdk.unsupported,jdk.management,jdk.jfr,jdk.naming.dns,jdk.localedata,jdk.charsets,jdk.zipfs

fail() { echo "jre-base.sh: $*" >&2; exit 1; }
[[ -x $jdk/bin/jlink ]] || fail "$jdk has no bin/jlink; run the build with a JDK 25."
command -v ldd >/dev/null || fail "ldd is missing (a glibc Linux is needed to make the offline base)."

# Up to date: same JDK release file and same script as the archive was made from.
stamp="$(cksum <"$jdk/release") $(cksum <"${BASH_SOURCE[0]}")"
if [[ -f $out && -f $out.stamp && $(cat "$out.stamp") == "$stamp" ]]; then
  echo "jre-base.sh: $out is up to date"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
mkdir -p "$root/etc" "$root/tmp" "$root/opt"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=zip-6 \
  --output "$root/opt/java"

# Every shared library the runtime's binaries need, at the path the loader looks for it.
while read -r lib; do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done < <(find "$root/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} \; 2>/dev/null |
  awk '$2 == "=>" && $3 ~ /^\// && $3 !~ /\/opt\/java\// { print $3 } $1 ~ /^\/.*ld-linux/ { print $1 }' | sort -u)
missing=$(find "$root/opt/java" -type f -name '*.so' -exec ldd {} \; 2>/dev/null | awk '/not found/ && $1 !~ /^lib(jvm|java|jli|net|nio|verify)\.so/ { print $1 }' | sort -u | tr '\n' ' ')
[[ -z $missing ]] || echo "jre-base.sh: note: libraries not on this machine (those runtime parts will not load): $missing" >&2

printf 'root:x:0:0:root:/root:/sbin/nologin\nmercato:x:10001:10001:mercato:/tmp:/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\nmercato:x:10001:\n' >"$root/etc/group"
chmod 1777 "$root/tmp"

# One reproducible layer: fixed owner and times, sorted names.
tar -C "$root" --sort=name --owner=0 --group=0 --numeric-owner --mtime='2000-01-01 00:00Z' -cf "$work/layer.tar" .
diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
gzip -n -6 "$work/layer.tar"
cat >"$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"2000-01-01T00:00:00Z","config":{"User":"10001:10001","WorkingDir":"/tmp","Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"]},"rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]}}
JSON
printf '[{"Config":"config.json","RepoTags":["mercato/jre-base:25"],"Layers":["layer.tar.gz"]}]\n' >"$work/manifest.json"
mkdir -p "$(dirname "$out")"
tar -C "$work" --owner=0 --group=0 --numeric-owner --mtime='2000-01-01 00:00Z' -cf "$out.partial" \
  manifest.json config.json layer.tar.gz
mv "$out.partial" "$out"
echo "$stamp" >"$out.stamp"
echo "jre-base.sh: wrote $out ($(du -h "$out" | cut -f1))"
