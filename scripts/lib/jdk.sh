# shellcheck shell=bash
# Finds a JDK 25 or newer and exports JAVA_HOME for every java and mvn started from here.

MERCATO_MIN_JAVA=25

# "25.0.1" for a JDK home, read from its release file without starting a JVM.
jdk_version() {
  local home=$1 version=''
  if [[ -f $home/release ]]; then
    version=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$home/release")
  fi
  if [[ -z $version && -x $home/bin/java ]]; then
    version=$("$home/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1 || true)
  fi
  echo "$version"
}

jdk_major() {
  local version
  version=$(jdk_version "$1")
  version=${version#1.}
  echo "${version%%[!0-9]*}"
}

is_suitable_jdk() {
  local home=$1 major
  [[ -x $home/bin/java && -x $home/bin/javac ]] || return 1
  major=$(jdk_major "$home")
  [[ -n $major ]] && ((major >= MERCATO_MIN_JAVA))
}

java_home_of_path_java() {
  command -v java >/dev/null 2>&1 || return 0
  java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p'
}

installed_jdk_homes() {
  local home
  for home in /usr/lib/jvm/* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [[ -d $home && ! -L $home ]] && echo "$home"
  done
  return 0
}

newest_installed_jdk() {
  local home
  installed_jdk_homes | while read -r home; do
    if is_suitable_jdk "$home"; then printf '%s\t%s\n' "$(jdk_version "$home")" "$home"; fi
  done | sort -t. -k1,1n -k2,2n -k3,3n | tail -n 1 | cut -f2
}

find_jdk() {
  if [[ -n ${JAVA_HOME:-} ]] && is_suitable_jdk "$JAVA_HOME"; then
    echo "$JAVA_HOME"
    return
  fi
  local home
  home=$(java_home_of_path_java)
  if [[ -n $home ]] && is_suitable_jdk "$home"; then
    echo "$home"
    return
  fi
  newest_installed_jdk
}

use_jdk() {
  local home
  home=$(find_jdk)
  [[ -n $home ]] || die "Mercato needs JDK ${MERCATO_MIN_JAVA} or newer and none was found." \
    "Looked at JAVA_HOME, java on PATH, /usr/lib/jvm, ~/.sdkman/candidates/java and /Library/Java/JavaVirtualMachines." \
    "Install one, for example:" \
    "  SDKMAN:         sdk install java 25-tem" \
    "  Debian/Ubuntu:  apt-get install temurin-25-jdk   (Adoptium repository: https://adoptium.net/installation/linux/)" \
    "  macOS:          brew install --cask temurin@25" \
    "or set JAVA_HOME to a JDK ${MERCATO_MIN_JAVA}+."
  if [[ -n ${JAVA_HOME:-} && $JAVA_HOME != "$home" ]]; then
    note "JAVA_HOME ($JAVA_HOME) is not a JDK ${MERCATO_MIN_JAVA}+; using $home" >&2
  fi
  export JAVA_HOME=$home
  export PATH="$JAVA_HOME/bin:$PATH"
}
