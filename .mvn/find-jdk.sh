# shellcheck shell=sh
# Finds an installed Java 21 or newer and exports JAVA_HOME to it, so that ./mvnw and ./switchboard
# work on a machine whose default java (or JAVA_HOME) is older. Sourced by ./mvnw, ./switchboard and
# .ci/run, the one copy of this rule. Plain POSIX sh; defines only names starting with switchboard_.
#
# Looks, in this order, at JAVA_HOME, the java on PATH, macOS's /usr/libexec/java_home, then the
# usual install folders; the first Java 21+ found wins. Reading a home's `release` file costs no JVM
# start, so the common case (JAVA_HOME already right) adds nothing measurable.

# Prints the major version of the Java in home $1 (21, 25, ...), or nothing.
switchboard_java_major() {
  switchboard_v=
  if [ -f "$1/release" ]; then
    switchboard_v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9.]*\).*/\1/p' "$1/release" 2>/dev/null)
  fi
  if [ -z "$switchboard_v" ] && [ -x "$1/bin/java" ]; then
    switchboard_v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java.specification.version = //p')
  fi
  case $switchboard_v in
  1.*) switchboard_v=${switchboard_v#1.} ;; # Java 8 and older call themselves 1.8
  esac
  printf '%s\n' "${switchboard_v%%.*}"
}

# True when $1 is a Java 21+ home with bin/java and, unless $2 is "java", bin/javac (a JDK).
switchboard_fits() {
  [ -n "$1" ] && [ -x "$1/bin/java" ] || return 1
  [ "${2:-javac}" = java ] || [ -x "$1/bin/javac" ] || return 1
  switchboard_m=$(switchboard_java_major "$1")
  [ -n "$switchboard_m" ] && [ "$switchboard_m" -ge 21 ] 2>/dev/null
}

# The home of the java on PATH (its java.home property), or nothing.
switchboard_path_java_home() {
  command -v java >/dev/null 2>&1 || return 0
  java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p'
}

# What the Java home $1 is, for messages: "Java 17", "Java 21 without javac", "not a Java home".
switchboard_describe() {
  if [ ! -x "$1/bin/java" ]; then echo "not a Java home"; return 0; fi
  switchboard_m=$(switchboard_java_major "$1")
  if [ -n "$switchboard_m" ] && [ "$switchboard_m" -ge 21 ] 2>/dev/null && [ ! -x "$1/bin/javac" ]; then
    echo "Java $switchboard_m without javac"
  else
    echo "Java ${switchboard_m:-of unknown version}"
  fi
}

# Prints the home of the first Java 21+ found; $1 = "java" when a runtime without javac will do.
switchboard_find_jdk() {
  switchboard_need=${1:-javac}
  if switchboard_fits "${JAVA_HOME:-}" "$switchboard_need"; then printf '%s\n' "$JAVA_HOME"; return 0; fi
  switchboard_h=$(switchboard_path_java_home)
  if switchboard_fits "$switchboard_h" "$switchboard_need"; then printf '%s\n' "$switchboard_h"; return 0; fi
  if [ -x /usr/libexec/java_home ]; then
    switchboard_h=$(/usr/libexec/java_home -v 21+ 2>/dev/null) || switchboard_h=
    if switchboard_fits "$switchboard_h" "$switchboard_need"; then printf '%s\n' "$switchboard_h"; return 0; fi
  fi
  # ./mvnw runs with globbing off (set -f): turn it on for the folders, and back off after.
  case $- in *f*) switchboard_noglob=1; set +f ;; *) switchboard_noglob= ;; esac
  switchboard_found=
  for switchboard_h in /usr/lib/jvm/* /usr/lib64/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
      "${HOME:-/nonexistent}"/.sdkman/candidates/java/* "${HOME:-/nonexistent}"/.jdks/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home \
      /opt/homebrew/opt/openjdk*/libexec/openjdk.jdk/Contents/Home \
      /usr/local/opt/openjdk*/libexec/openjdk.jdk/Contents/Home; do
    if switchboard_fits "$switchboard_h" "$switchboard_need"; then switchboard_found=$switchboard_h; break; fi
  done
  [ -z "$switchboard_noglob" ] || set -f
  [ -n "$switchboard_found" ] || return 1
  printf '%s\n' "$switchboard_found"
}

# Exports JAVA_HOME as a Java 21+ home, or says what to install and returns 1.
# $1: the command's name for messages; $2: "java" when a runtime without javac will do.
switchboard_use_jdk() {
  if switchboard_home=$(switchboard_find_jdk "${2:-javac}"); then
    if [ -n "${JAVA_HOME:-}" ] && [ "$JAVA_HOME" != "$switchboard_home" ]; then
      echo "$1: JAVA_HOME=$JAVA_HOME is $(switchboard_describe "$JAVA_HOME"); using $switchboard_home" >&2
    fi
    JAVA_HOME=$switchboard_home
    export JAVA_HOME
    return 0
  fi
  switchboard_what=JDK
  [ "${2:-javac}" != java ] || switchboard_what="Java runtime"
  switchboard_seen="JAVA_HOME ${JAVA_HOME:-is not set}"
  [ -z "${JAVA_HOME:-}" ] || switchboard_seen="JAVA_HOME=$JAVA_HOME is $(switchboard_describe "$JAVA_HOME")"
  switchboard_h=$(switchboard_path_java_home)
  if [ -n "$switchboard_h" ]; then
    switchboard_seen="$switchboard_seen; java on PATH is Java $(switchboard_java_major "$switchboard_h") ($switchboard_h)"
  else
    switchboard_seen="$switchboard_seen; no java on PATH"
  fi
  cat >&2 <<EOF
$1: Switchboard needs a $switchboard_what 21 or newer, and found none.
  Seen: $switchboard_seen; nothing 21+ under /usr/lib/jvm, /usr/java, /opt or ~/.sdkman.
Install one, then run the command again:
  Debian 13, Ubuntu 24.04:  sudo apt-get install openjdk-21-jdk-headless   (Debian 12 has none: take Temurin)
  Fedora, RHEL 9:           sudo dnf install java-21-openjdk-devel
  macOS:                    brew install openjdk@21
  any system:               Eclipse Temurin 21 or newer from https://adoptium.net/
or, if one is installed elsewhere, point JAVA_HOME at it:  export JAVA_HOME=/path/to/jdk-21
EOF
  return 1
}
