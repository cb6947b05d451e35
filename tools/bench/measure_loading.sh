#!/usr/bin/env bash
# Measures whole-process time and peak RSS of loading big models: Loupe's CLI against Python's onnx.load.
#   tools/bench/measure_loading.sh [RUNS]      (models from make_perf_models.py in /tmp/loupe-perf)
# Prints one line per tool and model: median wall seconds, median CPU seconds (user + system) and median
# peak RSS in MiB over RUNS runs. CPU time is the steadier figure on a loaded machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-5}"
dir=/tmp/loupe-perf
[[ -f "$dir/weights512.onnx" && -f "$dir/synth18k.onnx" ]] || /usr/bin/python3 "$root/tools/bench/make_perf_models.py" "$dir" >/dev/null
"$root/loupe" --version >/dev/null 2>&1   # build if needed, outside the measurement

measure() {  # label, command...
  local label="$1"; shift
  local times=() cpus=() rss=()
  for ((i = 0; i < runs; i++)); do
    local out tmp
    tmp="$(mktemp)"
    /usr/bin/time -o "$tmp" -f '%e %U %S %M' "$@" >/dev/null 2>&1 || true
    read -r wall user sys peak < <(tail -1 "$tmp")
    rm -f "$tmp"
    times+=("$wall"); cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN{print u+s}')"); rss+=("$peak")
  done
  local mt mc mr
  mt="$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")"
  mc="$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")"
  mr="$(printf '%s\n' "${rss[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")"
  printf '%-44s wall %6.2f s  cpu %6.2f s  peak RSS %7.1f MiB\n' "$label" "$mt" "$mc" "$(awk -v r="$mr" 'BEGIN{print r/1024}')"
}

for model in weights512 synth18k; do
  measure "loupe info $model" "$root/loupe" info "$dir/$model.onnx"
  measure "loupe check $model (load+check+shapes)" "$root/loupe" check "$dir/$model.onnx"
  measure "python onnx.load $model" /usr/bin/python3 -c "import onnx,sys; onnx.load(sys.argv[1])" "$dir/$model.onnx"
done
