# shellcheck shell=bash
# The Go environment of every server we build from Go modules: module and
# build caches under $CACHE (the project's .cache), reproducible flags, the
# installed toolchain only, static binaries without a C compiler.
# Source after setting CACHE.
export GOPATH="$CACHE/go"
export GOMODCACHE="$CACHE/go/mod"
export GOCACHE="$CACHE/go/cache"
export GOFLAGS="-trimpath -buildvcs=false"
export GOWORK=off
export GOTOOLCHAIN=local
export CGO_ENABLED=0
