# help: Build a container image tar of every service with Jib (layered, non-root); no container engine needed
# usage: images [--base <image>|local]
# The base is --base, else MERCATO_IMAGE_BASE, else eclipse-temurin:25-jre where its registry answers and otherwise
# `local`: a Java runtime made here from this JDK (deploy/images/jre-base.sh). Each image lands in
# services/<name>/target/jib-image.tar as mercato/<name>:<version>; `docker load -i` takes it (docs/deploy.md).
cmd_images() {
  local base=${MERCATO_IMAGE_BASE:-} log=$MERCATO_LOGS/images.log modules='' service tar
  while [[ $# -gt 0 ]]; do
    case $1 in
      --base)
        [[ $# -ge 2 && -n $2 ]] || die "--base needs an image name (e.g. eclipse-temurin:25-jre) or the word local."
        base=$2
        shift 2
        ;;
      -h | --help)
        echo "usage: ./mercato images [--base <image>|local]   (docs/deploy.md)"
        return 0
        ;;
      *) die "Unknown argument '$1'." "Usage: ./mercato images [--base <image>|local]" ;;
    esac
  done
  if [[ -z $base ]]; then
    if image_registry_reachable; then
      base=eclipse-temurin:25-jre
    else
      base=local
      note "The registry of eclipse-temurin:25-jre does not answer: using a base made here (--base to choose)."
    fi
  fi
  for service in $MERCATO_SERVICES; do modules+="${modules:+,}services/$service"; done
  section "Images from base $base"
  mkdir -p "$MERCATO_LOGS"
  run_logged "building the images" "$log" \
    maven -B -ntp -Dstyle.color=never package -Pimages "-Dmercato.image.base=$base" -DskipTests \
    -Dspotless.apply.skip=true -pl "$modules" -am -f "$MERCATO_ROOT/pom.xml" ||
    die "The image build failed; see $(display_path "$log")."
  for service in $MERCATO_SERVICES; do
    tar=$MERCATO_ROOT/services/$service/target/jib-image.tar
    [[ -f $tar ]] || die "The build made no image for $service; see $(display_path "$log")."
    ok "$(printf '%-10s %s  %s' "$service" "$(du -h "$tar" | cut -f1)" "$(display_path "$tar")")"
  done
  note "Load one into Docker with: docker load -i services/<name>/target/jib-image.tar"
}

# Docker Hub answers 401 to an anonymous /v2/ when it is reachable at all.
image_registry_reachable() {
  have curl && curl -s -o /dev/null --max-time 5 https://registry-1.docker.io/v2/
}
