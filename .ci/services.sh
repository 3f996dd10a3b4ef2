# Services the store and UI tests use; SOURCE it (". .ci/services.sh") so the exports reach pytest.
#
# - Debian's PostgreSQL and Chromium are installed when missing (apt-get; root, or sudo).
# - A throwaway PostgreSQL server starts on 127.0.0.1 (a free port, a temporary data directory,
#   run as a non-root user: initdb refuses root) and PERISTIWA_TEST_PG_URL points at a fresh
#   database in it. The server is stopped when the sourcing shell exits.
# - PERISTIWA_TEST_CHROMIUM names the browser the UI tests drive (/usr/bin/chromium).
# Nothing is downloaded but Debian packages.

_peristiwa_services() {
    local sudo=""
    if [ "$(id -u)" != 0 ]; then
        sudo="sudo"
    fi
    local need=()
    ls -d /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
    [ -x /usr/bin/chromium ] || need+=(chromium)
    if [ ${#need[@]} -gt 0 ]; then
        echo "services: installing ${need[*]} (Debian packages)" >&2
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    fi
    export PERISTIWA_TEST_CHROMIUM=/usr/bin/chromium

    local bin
    bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    local user run
    if [ "$(id -u)" = 0 ]; then
        user=postgres
        id -u "$user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
        run=(runuser -u "$user" --)
    else
        user="$(id -un)"
        run=()
    fi
    local dir port
    dir="$(mktemp -d /tmp/peristiwa-pg.XXXXXX)"
    chown "$user" "$dir"
    chmod 700 "$dir"
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    "${run[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale --no-sync >/dev/null
    # A test server: durability off for speed (the data directory is thrown away).
    "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null
    "${run[@]}" "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -q -c "CREATE DATABASE peristiwa_test" >/dev/null
    export PERISTIWA_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/peristiwa_test"
    _PERISTIWA_PG_STOP="${run[*]} $bin/pg_ctl -D $dir/data -m immediate stop; rm -rf $dir"
    trap 'eval "$_PERISTIWA_PG_STOP" >/dev/null 2>&1 || true' EXIT
    echo "services: PostgreSQL on 127.0.0.1:$port ($dir), PERISTIWA_TEST_PG_URL set; chromium at /usr/bin/chromium" >&2
}

_peristiwa_services
