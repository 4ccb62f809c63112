#!/usr/bin/env bash
# Prepares the GPU-machine check. Runs HERE (the build machine), never on the GPU machine, which
# has no compiler toolchain for this project (no Vulkan headers, no glslc).
#
# It fills two git-ignored folders that travel to the GPU machine with the tree (scripts/README.md):
#   .gl/          the Vulkan loader and GL dispatch .debs (the device README's recipe)
#   .gpu/bundle.tar.xz  bin/: hearth-cli and every vulkan_*_test executable, stripped;
#                       testdata/: the small shared models and golden files the golden tests read
#   .gpu/debs/    .debs of every shared library those binaries need beyond libc/libstdc++
#                 (ICU 72, PCRE2, SQLite, curl, ...: the GPU image is not Debian 12)
#
# Environment:
#   HEARTH_GPU_BUILD_DIR  build folder (default build/gpu: a Release build of its own). Pointing
#                         it at an existing build (e.g. build/h5) skips a second compile.
#   HEARTH_TESTDATA       shared test data (default ../shared/testdata)
#   JOBS                  parallel compile jobs (default 2)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=${HEARTH_GPU_BUILD_DIR:-build/gpu}
testdata=${HEARTH_TESTDATA:-$root/../shared/testdata}
jobs=${JOBS:-2}
stage=$root/build/gpu-stage  # unpacked copy of the bundle (not carried)
limit_mib=60  # what travels (tree + .gl + .gpu) stays small enough to copy in one go: under 64 MiB

step() { printf '\n== %s\n' "$*"; }

# A bundle from older sources is worse than none: it goes now, and comes back only if all works.
rm -f .gpu/bundle.tar.xz

step "configure $build"
if [ ! -f "$build/build.ninja" ]; then
  nice -n 10 cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DHEARTH_WERROR=ON \
    -DHEARTH_BUILD_APP=OFF -DHEARTH_BUILD_BENCH=OFF
else
  nice -n 10 cmake "$build" >/dev/null
fi

step "build hearth-cli"
nice -n 10 cmake --build "$build" --target hearth-cli -j"$jobs"

# Every Vulkan test executable that exists in this tree (other folders may add some).
tests=$(ninja -C "$build" -t targets all | sed -n 's/^\(vulkan_[a-z0-9_]*test\): phony$/\1/p' | sort -u)
built=()
for t in $tests; do
  step "build $t"
  if nice -n 10 cmake --build "$build" --target "$t" -j"$jobs"; then
    built+=("$t")
  else
    echo "warning: $t did not build; it is left out of the check"
  fi
done

step "stage binaries into $stage/bin"
rm -rf "$stage" .gpu/bin .gpu/debs .gpu/testdata .gpu/bundle.tar.xz
mkdir -p "$stage/bin/tests" .gpu/debs
cp "$build/app/hearth-cli" "$stage/bin/"
strip --strip-all "$stage/bin/hearth-cli"
for t in "${built[@]}"; do
  exe=$(find "$build/tests" -type f -name "$t" -perm -u+x | head -n1)
  [ -n "$exe" ] || { echo "warning: no executable for $t"; continue; }
  cp "$exe" "$stage/bin/tests/"
  strip --strip-all "$stage/bin/tests/$t"
done
ls -l "$stage/bin" "$stage/bin/tests"
{
  echo "built $(date -u '+%Y-%m-%d %H:%M UTC') from $(git rev-parse --short HEAD)" \
    "with $(git status --porcelain | wc -l) uncommitted changes, in $build ($(grep -m1 CMAKE_BUILD_TYPE: "$build/CMakeCache.txt" | cut -d= -f2))"
  echo "test executables: ${built[*]}"
} >"$stage/bin/BUILD_INFO"
cat "$stage/bin/BUILD_INFO"

# The Debian packages of every shared library the binaries load, except those any Linux has
# (libc, libstdc++, libgcc) and the Vulkan loader (carried in .gl as the device README says).
step "runtime library packages into .gpu/debs"
apt_opts=(-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/amd64)
mkdir -p /tmp/amd64/partial
apt-get "${apt_opts[@]}" update -qq
pkgs=$(
  for b in "$stage"/bin/hearth-cli "$stage"/bin/tests/*; do ldd "$b"; done |
    awk '/=> \// {print $3}' | sort -u |
    while read -r lib; do
      real=$(readlink -f "$lib")
      for p in "$real" "${real#/usr}" "/usr${real}" "$lib"; do
        if owner=$(dpkg -S "$p" 2>/dev/null); then echo "${owner%%:*}"; break; fi
      done
    done | sort -u | grep -vxE 'libc6|libgcc-s1|libstdc\+\+6|libvulkan1'
)
read -r -a pkg_list <<<"$(echo "$pkgs" | tr '\n' ' ')"
echo "packages: ${pkg_list[*]}"
(cd .gpu/debs && apt-get "${apt_opts[@]}" download "${pkg_list[@]}")

step "Vulkan loader packages into .gl"
mkdir -p .gl
(cd .gl && apt-get "${apt_opts[@]}" download libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2)
# Keep one version of each package (a re-run may have fetched a newer one).
for d in .gl .gpu/debs; do
  ls "$d"/*.deb | sed 's#.*/##; s/_.*//' | sort | uniq -d | while read -r dup; do
    ls -t "$d/${dup}"_*.deb | tail -n +2 | xargs rm -f
  done
done

step "test data into $stage/testdata"
mkdir -p "$stage/testdata"
if [ -d "$testdata/models" ]; then
  cp -r "$testdata/models" "$testdata/golden" "$stage/testdata/"
  [ -f "$testdata/README.md" ] && cp "$testdata/README.md" "$stage/testdata/"
else
  echo "warning: no shared test data at $testdata; the golden tests will skip on the GPU"
fi

# The test executables share most of their bytes (the engine, its SPIR-V): one xz stream with
# a large window stores them a few times smaller than side by side.
step "pack $stage into .gpu/bundle.tar.xz"
tar -C "$stage" -cf - bin testdata | xz -9 -T"$jobs" >.gpu/bundle.tar.xz
du -sh "$stage/bin" "$stage/testdata" 2>/dev/null || true
ls -l .gpu/bundle.tar.xz

step "size of what one run call carries"
tree_bytes=$(git ls-files -co --exclude-standard -z | xargs -0 stat -c %s 2>/dev/null | awk '{s+=$1} END {print s+0}')
gl_bytes=$(du -sb .gl | cut -f1)
gpu_bytes=$(du -sb .gpu | cut -f1)
total=$((tree_bytes + gl_bytes + gpu_bytes))
mib() { awk -v b="$1" 'BEGIN {printf "%.1f MiB", b / 1048576}'; }
echo "working tree $(mib "$tree_bytes"), .gl $(mib "$gl_bytes"), .gpu $(mib "$gpu_bytes"): $(mib "$total") of 64 MiB"
du -sh .gpu/debs .gpu/bundle.tar.xz .gl
if [ "$total" -gt $((limit_mib * 1048576)) ]; then
  echo "error: the carried tree is over ${limit_mib} MiB; drop test executables or test data" >&2
  exit 1
fi
echo "ready: see scripts/README.md for the run call"
