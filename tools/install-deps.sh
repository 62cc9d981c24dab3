#!/usr/bin/env bash
# Installs every Debian package advlab needs (build, run, tests, benchmarks).
# Idempotent and quick when everything is present: apt is only touched when a
# package is missing. Run as root on Debian 12 (bookworm).
set -euo pipefail

# One list, pinned to Debian 12's versions by the release itself.
packages=(
  build-essential cmake ninja-build pkg-config git
  libtorch-dev            # LibTorch 1.13.1 (CPU)
  libopenblas0-openmp     # without it LibTorch uses the reference BLAS: 7-20x slower layers
  libopencv-dev           # PNG images and level renders
  libeigen3-dev           # Levenberg-Marquardt (unsupported/NonLinearOptimization)
  libtbb-dev              # parallel loops over torch-free work
  libyaml-cpp-dev         # configs
  catch2                  # tests (v2 API)
  gnuplot-nox             # SVG figures, run time
  dataset-fashion-mnist   # adversarial module data
  nlohmann-json3-dev      # manifest.json
  zlib1g-dev              # gzip-compressed IDX files and BPE merges
  libgloo-dev             # headers of the Gloo library behind LibTorch's c10d (scale-out)
  clang libclang-rt-14-dev  # sanitizer build and libFuzzer targets (.ci/run)
  clang-tidy              # tools/clang-tidy.sh (.ci/run)
  chromium                # browser tests of the HTML reports (tests/browser)
  fonts-liberation        # Helvetica's metric twin: report text measures the same everywhere
)
# Node.js runs the browser tests' driver; a machine that has Node.js 18 or
# newer keeps its own, otherwise Debian's (18).
if ! command -v npm >/dev/null ||
  ! node -e 'process.exit(+process.versions.node.split(".")[0] >= 18 ? 0 : 1)' 2>/dev/null; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  # dpkg-query prints "install ok installed" only for fully installed packages.
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all ${#packages[@]} packages present"
fi

# The browser tests' driver (puppeteer-core), pinned by package-lock.json;
# reinstalled only when the lock file changed.
browser="$(cd "$(dirname "$0")/../tests/browser" && pwd)"
stamp="$browser/node_modules/.advlab-package-lock.json"
if ! cmp -s "$browser/package-lock.json" "$stamp" 2>/dev/null; then
  echo "install-deps: npm ci in tests/browser"
  (cd "$browser" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$browser/package-lock.json" "$stamp"
fi
