# Shared by scripts/dev-bench and .ci/run: find the bench, make sure its services answer, and
# install this checkout on the test site. Source it; it defines functions only.

FEEDBACK_LOOP_REPO=${FEEDBACK_LOOP_REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
BENCH_DIR=${FEEDBACK_LOOP_BENCH:-$HOME/frappe-bench}
SITE=${FEEDBACK_LOOP_SITE:-test.localhost}

log() { printf '[feedback_loop] %s\n' "$*"; }

bench_exists() { [ -d "$BENCH_DIR/sites" ] && [ -x "$BENCH_DIR/env/bin/python" ]; }

# `bench --site ... <frappe command>` without needing the bench CLI on PATH: this is what the
# CLI itself runs for every frappe command.
frappe_cli() {
	(cd "$BENCH_DIR/sites" && "$BENCH_DIR/env/bin/python" -m frappe.utils.bench_helper frappe "$@")
}

wait_until() { # seconds command...
	local seconds=$1
	shift
	for _ in $(seq "$seconds"); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 1
	done
	return 1
}

mariadb_answers() { mariadb-admin ping >/dev/null 2>&1 || mysqladmin ping >/dev/null 2>&1; }

ensure_mariadb() {
	if mariadb_answers; then
		log "MariaDB answers"
		return 0
	fi
	log "MariaDB is not answering: starting it"
	start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd ||
		{ command -v service >/dev/null && service mariadb start; }
	wait_until 60 mariadb_answers || { log "MariaDB did not start"; return 1; }
	log "MariaDB started"
}

# What a Frappe bench needs from the system beyond Python and Node, from Debian's packages:
# wkhtmltopdf renders every PDF (Frappe's print), a CJK font draws Chinese in PDFs and
# screenshots instead of boxes, and Chromium runs the browser suite. Installed when missing.
SYSTEM_PACKAGES=(wkhtmltopdf fonts-wqy-zenhei chromium)
system_package_present() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

ensure_system_packages() {
	local missing=() package
	for package in "${SYSTEM_PACKAGES[@]}"; do
		system_package_present "$package" || missing+=("$package")
	done
	if [ ${#missing[@]} -eq 0 ]; then
		log "system packages present: ${SYSTEM_PACKAGES[*]}"
		return 0
	fi
	log "installing system packages: ${missing[*]}"
	local sudo=()
	[ "$(id -u)" -eq 0 ] || sudo=(sudo)
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null ||
		{ "${sudo[@]}" apt-get update -q >/dev/null &&
			"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null; } ||
		{ log "could not install ${missing[*]} (apt-get); PDFs and the browser suite need them"; return 1; }
}

# Every redis the bench is configured for (cache, queue, socketio), started on its own port.
ensure_redis() {
	local url port
	for url in $("$BENCH_DIR/env/bin/python" - "$BENCH_DIR/sites/common_site_config.json" <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))
print("\n".join(sorted({config[k] for k in ("redis_cache", "redis_queue", "redis_socketio") if config.get(k)})))
PY
	); do
		port=${url##*:}
		port=${port%%/*}
		if redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1; then
			log "Redis on port $port answers"
			continue
		fi
		log "Redis on port $port is not answering: starting it"
		mkdir -p /var/lib/redis /var/log/redis
		redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$port" --save "" --appendonly no \
			--dir /var/lib/redis --logfile "/var/log/redis/feedback-loop-$port.log" ||
			{ log "Redis on port $port did not start"; return 1; }
		wait_until 30 redis-cli -h 127.0.0.1 -p "$port" ping || return 1
	done
}

# The requirements pyproject.toml lists: "dependencies" and/or names of optional groups.
project_requirements() {
	python3 - "$FEEDBACK_LOOP_REPO/pyproject.toml" "$@" <<'PY'
import sys, tomllib
project = tomllib.load(open(sys.argv[1], "rb"))["project"]
for group in sys.argv[2:]:
	names = project["dependencies"] if group == "dependencies" else project["optional-dependencies"][group]
	print("\n".join(names))
PY
}

# What the integration tests need besides the app: [tool.bench.dev-dependencies] of frappe
# (freezegun behind frappe's freeze_time, hypothesis pinned) and of this app. bench installs
# them only with `bench setup requirements --dev`; a bench made without it fails on import.
# $1: frappe's pyproject.toml, when the bench is not $BENCH_DIR (one reached through a runner).
bench_dev_requirements() {
	python3 - "${1:-$BENCH_DIR/apps/frappe/pyproject.toml}" "$FEEDBACK_LOOP_REPO/pyproject.toml" <<'PY'
import sys, tomllib
for path in sys.argv[1:]:
	try:
		dev = tomllib.load(open(path, "rb")).get("tool", {}).get("bench", {}).get("dev-dependencies", {})
	except FileNotFoundError:
		continue
	print("\n".join(f"{name}{spec}" for name, spec in dev.items()))
PY
}

# Point the bench's apps/feedback_loop at this checkout, importable from the bench's Python.
link_checkout_into_bench() {
	local app_dir="$BENCH_DIR/apps/feedback_loop"
	if [ -e "$app_dir" ] && [ ! -L "$app_dir" ]; then
		local aside="$app_dir.replaced-$(date +%Y%m%d%H%M%S)"
		log "apps/feedback_loop is a real folder, not this checkout: moved aside to $aside"
		mv "$app_dir" "$aside"
	fi
	ln -sfn "$FEEDBACK_LOOP_REPO" "$app_dir"
	local imported
	# Asked from / so that the current folder cannot shadow what the bench really imports.
	# `|| true`: before the first install the import fails, and dev-bench runs under `set -e`.
	imported=$(cd / && "$BENCH_DIR/env/bin/python" -c 'import os, feedback_loop; print(os.path.realpath(os.path.dirname(feedback_loop.__file__)))' 2>/dev/null || true)
	if [ "$imported" != "$(realpath "$FEEDBACK_LOOP_REPO")/feedback_loop" ]; then
		log "installing the checkout into the bench's Python (editable)"
		"$BENCH_DIR/env/bin/python" -m pip install --quiet --no-deps -e "$app_dir" || return 1
	fi
	# --no-deps above keeps pip away from frappe's own pins; the app's libraries come here,
	# and pip leaves what is already satisfied alone.
	local requirements
	mapfile -t requirements < <(project_requirements dependencies; bench_dev_requirements)
	if [ ${#requirements[@]} -gt 0 ]; then
		"$BENCH_DIR/env/bin/python" -m pip install --quiet --disable-pip-version-check "${requirements[@]}" ||
			{ log "could not install the app's libraries: ${requirements[*]}"; return 1; }
	fi
	grep -qx "feedback_loop" "$BENCH_DIR/sites/apps.txt" || printf '\nfeedback_loop\n' >>"$BENCH_DIR/sites/apps.txt"
	# apps.txt must not hold blank lines: frappe reads every line as an app name.
	sed -i '/^[[:space:]]*$/d' "$BENCH_DIR/sites/apps.txt"
}

# Install the app on the site, or migrate it to this checkout's doctypes and patches.
install_or_migrate() {
	# -p stores a JSON true; without it the config holds the string "true".
	frappe_cli --site "$SITE" set-config -p allow_tests True >/dev/null || return 1
	if frappe_cli --site "$SITE" list-apps 2>/dev/null | grep -qw feedback_loop; then
		log "migrating $SITE to this checkout"
		frappe_cli --site "$SITE" migrate --skip-search-index || return 1
	else
		log "installing feedback_loop on $SITE"
		# A site used before feedback_loop was in apps.txt keeps its list of app modules in Redis;
		# install-app would read that list, create none of the app's doctypes and fail half done.
		frappe_cli --site "$SITE" clear-cache || return 1
		frappe_cli --site "$SITE" install-app feedback_loop || return 1
	fi
}

# The desk script (public/js/*.bundle.js) built into the bench's assets, as `bench get-app` does:
# without it the desk asks for a bundle that is not there.
build_desk_assets() {
	log "building the app's desk assets"
	frappe_cli build --app feedback_loop >/dev/null || { log "building the desk assets failed"; return 1; }
}
