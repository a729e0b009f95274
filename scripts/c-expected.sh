#!/usr/bin/env bash
# Regenerates test/c/NNN-*.expected (stdout) and .status (exit status) by
# compiling every corpus program with the host gcc, so the expectations
# come from a real C implementation rather than from the interpreter.
#
# Each program must also compile with -Wall -Werror and run clean under
# UBSan+ASan: a program with undefined behaviour has no single right
# answer, and the interpreter would be judged against an accident of gcc.
#
# The fault programs (test/c/faults/) are checked the other way round:
# the memory faults must make ASan fail at the line their .fault names.
#
# Usage: scripts/c-expected.sh [--check]   (--check: verify, write nothing)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/test/c"
check=0
[[ ${1:-} == --check ]] && check=1

cc=${CC:-gcc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Leak checking needs ptrace-free LSan; report leaks as failures too, since
# a corpus program is meant to free what it allocates.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1
fail=0
n=0

for src in "$dir"/[0-9][0-9][0-9]-*.c; do
  base=${src%.c}
  name=$(basename "$base")
  n=$((n + 1))
  if ! "$cc" -O0 -std=gnu11 -Wall -Werror -o "$tmp/plain" "$src" 2>"$tmp/cc.err"; then
    echo "FAIL $name: does not compile cleanly"; cat "$tmp/cc.err"; fail=1; continue
  fi
  "$cc" -O0 -g -std=gnu11 -fsanitize=undefined,address -fno-sanitize-recover=all -o "$tmp/san" "$src"

  set +e
  (cd "$tmp" && ./plain) >"$tmp/out" 2>"$tmp/err" </dev/null
  status=$?
  (cd "$tmp" && ./san) >"$tmp/san.out" 2>"$tmp/san.err" </dev/null
  san_status=$?
  set -e

  if [[ -s $tmp/san.err ]] || [[ $san_status != "$status" ]] || ! cmp -s "$tmp/out" "$tmp/san.out"; then
    echo "FAIL $name: sanitizers disagree (status $status vs $san_status)"; head -20 "$tmp/san.err"; fail=1; continue
  fi
  if [[ -s $tmp/err ]]; then
    echo "FAIL $name: wrote to stderr"; fail=1; continue
  fi

  if ((check)); then
    if ! cmp -s "$tmp/out" "$base.expected" || [[ $(cat "$base.status" 2>/dev/null) != "$status" ]]; then
      echo "FAIL $name: differs from the stored expectation"; fail=1
    fi
  else
    cp "$tmp/out" "$base.expected"
    echo "$status" >"$base.status"
  fi
done

for src in "$dir"/faults/*.c; do
  [[ -e $src ]] || continue
  name=$(basename "${src%.c}")
  read -r kind line <"${src%.c}.fault"
  if ! "$cc" -O0 -g -std=gnu11 -w -fsanitize=address -o "$tmp/fault" "$src" 2>"$tmp/cc.err"; then
    echo "FAIL faults/$name: does not compile"; cat "$tmp/cc.err"; fail=1; continue
  fi
  case $kind in
    step-limit) continue ;; # never terminates: nothing to run
    depth-limit) want='stack-overflow' ;;
    null-deref) want='SEGV' ;;
    use-after-free) want='heap-use-after-free' ;;
    double-free) want='double-free' ;;
    out-of-bounds) want='heap-buffer-overflow' ;;
    *) echo "FAIL faults/$name: unknown kind $kind"; fail=1; continue ;;
  esac
  set +e
  (cd "$tmp" && ./fault) >/dev/null 2>"$tmp/fault.err" </dev/null
  set -e
  where=$(grep -m1 -o "$(basename "$src"):[0-9]*" "$tmp/fault.err" || true)
  where=${where##*:}
  if ! grep -q "$want" "$tmp/fault.err" || [[ $where != "$line" ]]; then
    echo "FAIL faults/$name: ASan reported '$(grep -m1 ERROR "$tmp/fault.err")' at line '$where', .fault says $kind $line"
    fail=1
  fi
done

if ((fail)); then
  echo "c-expected: failures above"
  exit 1
fi
echo "c-expected: $n programs ok"
