#!/bin/sh
# Builds libsaivs and its C tests twice more and runs them:
#   1. AddressSanitizer + UndefinedBehaviorSanitizer (any report fails the run; leaks included);
#   2. valgrind memcheck (--error-exitcode=1 --leak-check=full) on a plain -O2 -g build.
# Route counts are smaller than `make test`'s 1M so the instrumented runs stay quick:
# SAIVS_ASAN_ROUTES (default 200000) and SAIVS_VALGRIND_ROUTES (default 50000).
# Exit status 0 only when both runs end with "N passed, 0 failed" and no sanitizer error.
set -eu
cd "$(dirname "$0")"
MAKE="${MAKE:-make}"

echo "== AddressSanitizer + UBSan"
$MAKE --no-print-directory BUILD=build/asan \
    CFLAGS_EXTRA="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all" \
    LDFLAGS_EXTRA="-fsanitize=address,undefined" build/asan/saivs_test >/dev/null
rc=0
(cd build/asan && \
    ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1" \
    UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
    SAIVS_TEST_ROUTES="${SAIVS_ASAN_ROUTES:-200000}" ./saivs_test >output.txt 2>&1) || rc=$?
tail -n 1 build/asan/output.txt
if [ "$rc" -ne 0 ] || ! tail -n 1 build/asan/output.txt | grep -q ", 0 failed$"; then
    echo "ASan/UBSan run failed (exit $rc); see native/build/asan/output.txt" >&2
    tail -n 40 build/asan/output.txt >&2
    exit 1
fi

if ! command -v valgrind >/dev/null 2>&1; then
    echo "valgrind not installed" >&2
    exit 1
fi
echo "== valgrind memcheck"
$MAKE --no-print-directory BUILD=build/valgrind CFLAGS_EXTRA="-g" build/valgrind/saivs_test >/dev/null
rc=0
(cd build/valgrind && SAIVS_TEST_ROUTES="${SAIVS_VALGRIND_ROUTES:-50000}" \
    valgrind --error-exitcode=1 --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
    --track-origins=yes ./saivs_test >output.txt 2>valgrind.log) || rc=$?
tail -n 1 build/valgrind/output.txt
grep -E "ERROR SUMMARY|definitely lost|indirectly lost|possibly lost|still reachable|All heap blocks" \
    build/valgrind/valgrind.log || true
if [ "$rc" -ne 0 ] || ! tail -n 1 build/valgrind/output.txt | grep -q ", 0 failed$"; then
    echo "valgrind run failed (exit $rc); see native/build/valgrind/valgrind.log" >&2
    exit 1
fi
echo "sanitizers: clean"
