#!/usr/bin/env bash
# A throwaway WordPress 6.1 for Portico's development and integration tests, built from Debian's packages and bound
# to 127.0.0.1: its own MariaDB (datadir, socket and port under --dir, run as the mysql user) and its own Apache
# (own config file, pid file and logs, mod_php, run as www-data). Nothing under /etc is written or read for it.
#
# Debian's /usr/share/wordpress/wp-config.php only reads /etc/wordpress/config-<host>.php, where the host is the
# request's Host header *without its port*: two sites on 127.0.0.1 (a developer's and a CI run's, say) would have
# to share one file. So the site runs from a private tree under --dir instead: symbolic links to Debian's files
# plus its own wp-config.php. PHP resolves symbolic links in __FILE__, so wp-load.php would still look for
# wp-config.php next to Debian's copy; PHP's auto_prepend_file therefore defines ABSPATH as the private tree first
# (wp-load.php keeps an ABSPATH that is already defined).
set -euo pipefail

prog=wordpress.sh
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"
plugin=$(cd "$here/../cms/wordpress" && pwd)/portico-webhooks.php
wp_core=/usr/share/wordpress

usage() {
    cat <<EOF
Usage: $prog start|stop|status [options]

A throwaway WordPress 6.1 on 127.0.0.1 for Portico's development and tests (Debian packages wordpress, apache2,
libapache2-mod-php, php-cli, php-mysql and mariadb-server; run as root).

  start    install into --dir on first use (MariaDB datadir, WordPress with pretty permalinks, an admin with an
           application password, seed pages, Portico's must-use plugin), then start MariaDB and Apache. Running
           again on an installed --dir restarts what is stopped and reuses the credentials. Prints the variables
           below on standard output and writes them to DIR/env.
  stop     stop Apache and MariaDB; with --clean also delete --dir.
  status   say what runs; exit status 0 when both servers run, 3 when not.

Options:
  --dir DIR       state: database, config, logs (default \$PORTICO_WORDPRESS_DIR or /tmp/portico-wordpress)
  --port PORT     Apache's port, or 'auto' for the first free one from 18080 (default 18080)
  --db-port PORT  MariaDB's TCP port, or 'auto' (default 18306); WordPress itself uses the socket
  --clean         with stop: delete --dir afterwards
  -h, --help      this help

Printed variables (also in DIR/env, mode 600):
  PORTICO_IT_WORDPRESS_URL           http://127.0.0.1:PORT (REST API under /wp-json/)
  PORTICO_IT_WORDPRESS_USER          the administrator's login
  PORTICO_IT_WORDPRESS_PASSWORD      the administrator's password (wp-admin)
  PORTICO_IT_WORDPRESS_APP_PASSWORD  an application password of that user (REST: HTTP Basic auth)
  PORTICO_IT_WORDPRESS_DIR           DIR (logs in DIR/apache/logs and DIR/mysql)

Seed content: published page 'about-wordpress', draft page 'portico-draft', published reusable block 'welcome'.
Ports are recorded at installation: a later start of the same --dir uses the same ones.
EOF
}

cmd=${1:-}
[[ $cmd == -h || $cmd == --help ]] && { usage; exit 0; }
[[ $cmd == start || $cmd == stop || $cmd == status ]] || { usage >&2; exit 2; }
shift

dir=${PORTICO_WORDPRESS_DIR:-/tmp/portico-wordpress}
port=18080
db_port=18306
port_given=false
clean=false
while (($#)); do
    case $1 in
        --dir) dir=${2:?--dir needs a value}; shift 2 ;;
        --port) port=${2:?--port needs a value}; port_given=true; shift 2 ;;
        --db-port) db_port=${2:?--db-port needs a value}; port_given=true; shift 2 ;;
        --clean) clean=true; shift ;;
        -h | --help) usage; exit 0 ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done
dir=$(realpath -m "$dir")
[[ $dir != / ]] || die "--dir must not be /"

stamp=$dir/.portico-wordpress
settings=$dir/settings
env_file=$dir/env
mysql_pid=$dir/mysql/run/mariadb.pid
mysql_sock=$dir/mysql/run/mysqld.sock
apache_conf=$dir/apache/apache2.conf
apache_pid=$dir/apache/run/apache2.pid

require_tools() {
    [[ $(id -u) == 0 ]] || die "run as root: MariaDB and Apache are started as root and drop to the mysql and www-data users"
    [[ -f $wp_core/wp-settings.php ]] || die "WordPress not found in $wp_core: apt-get install wordpress"
    need apache2 apache2
    need mariadbd mariadb-server
    need mariadb-install-db mariadb-server
    need mariadb mariadb-client
    need php php-cli
    need curl curl
    compgen -G '/usr/lib/apache2/modules/libphp*.so' >/dev/null || die "mod_php not found: apt-get install libapache2-mod-php"
    php -r 'exit(extension_loaded("mysqli") ? 0 : 1);' || die "PHP's mysqli extension is missing: apt-get install php-mysql"
    id mysql >/dev/null 2>&1 || die "no 'mysql' user: apt-get install mariadb-server"
    id www-data >/dev/null 2>&1 || die "no 'www-data' user: apt-get install apache2"
    [[ -r $plugin ]] || die "Portico's plugin not found at $plugin"
}

mysql_running() { pid_alive "$mysql_pid"; }
apache_running() { pid_alive "$apache_pid"; }

start_mysql() {
    mysql_running && return 0
    check_port MariaDB "$db_port" --db-port
    log "starting MariaDB on 127.0.0.1:$db_port (socket $mysql_sock)"
    rm -f "$mysql_pid" "$dir/mysql/spawn.pid"
    # mariadbd writes its own pid file and error log as the mysql user; spawn's files are root's.
    spawn "$dir/mysql/spawn.pid" "$dir/mysql/stdout.log" mariadbd --no-defaults --user=mysql \
        --datadir="$dir/mysql/data" --socket="$mysql_sock" --port="$db_port" --bind-address=127.0.0.1 \
        --pid-file="$mysql_pid" --log-error="$dir/mysql/mariadb.log" --skip-name-resolve \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci --innodb-buffer-pool-size=64M \
        --max-connections=50 --skip-log-bin
    local tries=0
    until mariadb-admin --no-defaults --socket="$mysql_sock" -uroot --silent ping >/dev/null 2>&1; do
        tries=$((tries + 1))
        if ((tries > 300)) || ! pid_alive "$dir/mysql/spawn.pid"; then
            tail -n 20 "$dir/mysql/stdout.log" "$dir/mysql/mariadb.log" >&2 2>/dev/null || true
            die "MariaDB did not start (log: $dir/mysql/mariadb.log)"
        fi
        sleep 0.1
    done
}

start_apache() {
    apache_running && return 0
    check_port Apache "$port" --port
    log "starting Apache on http://127.0.0.1:$port/"
    apache2 -f "$apache_conf" -k start || die "Apache did not start (config: $apache_conf, log: $dir/apache/logs/error.log)"
    local tries=0
    until port_in_use "$port"; do
        tries=$((tries + 1))
        if ((tries > 100)); then
            tail -n 20 "$dir/apache/logs/error.log" >&2 || true
            die "Apache does not answer on 127.0.0.1:$port (log: $dir/apache/logs/error.log)"
        fi
        sleep 0.1
    done
}

stop_servers() {
    if apache_running; then
        log "stopping Apache"
        stop_pid "$apache_pid" Apache 20
    fi
    if mysql_running; then
        log "stopping MariaDB"
        stop_pid "$mysql_pid" MariaDB 60
    fi
}

print_env() {
    cat "$env_file"
}

write_apache_conf() {
    local php_module types=''
    php_module=$(compgen -G '/usr/lib/apache2/modules/libphp*.so' | sort -V | tail -n 1)
    [[ -f /etc/mime.types ]] && types='TypesConfig /etc/mime.types'
    cat >"$apache_conf" <<EOF
# Written by src/cms-dev/wordpress.sh: a private Apache for one throwaway WordPress. Debian's /etc/apache2 is unused.
ServerRoot "$dir/apache"
ServerName 127.0.0.1
Listen 127.0.0.1:$port
PidFile "$apache_pid"
DefaultRuntimeDir "$dir/apache/run"
Mutex file:$dir/apache/run default
ErrorLog "$dir/apache/logs/error.log"
LogLevel warn
LogFormat "%h %l %u %t \"%r\" %>s %b %D" portico
CustomLog "$dir/apache/logs/access.log" portico

LoadModule mpm_prefork_module /usr/lib/apache2/modules/mod_mpm_prefork.so
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule dir_module /usr/lib/apache2/modules/mod_dir.so
LoadModule mime_module /usr/lib/apache2/modules/mod_mime.so
LoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so
LoadModule php_module $php_module

User www-data
Group www-data
StartServers 2
MinSpareServers 2
MaxSpareServers 4
MaxRequestWorkers 16
Timeout 60
$types

# ABSPATH points WordPress at this site's own wp-config.php (see wordpress.sh's header).
php_admin_value auto_prepend_file "$dir/php/abspath.php"

DocumentRoot "$dir/wordpress"
DirectoryIndex index.php index.html
<FilesMatch "\\.php\$">
    SetHandler application/x-httpd-php
</FilesMatch>
<Directory />
    Options None
    AllowOverride None
    Require all denied
</Directory>
<Directory "$dir/wordpress">
    Options FollowSymLinks
    AllowOverride None
    Require all granted
    # WordPress's pretty permalinks (/wp-json/..., /about-wordpress/) without an .htaccess file.
    RewriteEngine On
    RewriteBase /
    RewriteRule ^index\\.php\$ - [L]
    RewriteCond %{REQUEST_FILENAME} !-f
    RewriteCond %{REQUEST_FILENAME} !-d
    RewriteRule . /index.php [L]
</Directory>
<Directory "$dir/wp-content">
    Options FollowSymLinks
    Require all granted
</Directory>
<Directory "$wp_core">
    Options FollowSymLinks
    Require all granted
</Directory>
<Files "wp-config.php">
    Require all denied
</Files>
EOF
}

write_wp_config() {
    local db_password=$1 url=$2 key keys=''
    for key in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
        keys+="define( '$key', '$(random_alnum 64)' );"$'\n'
    done
    cat >"$dir/wordpress/wp-config.php" <<EOF
<?php
// Written by src/cms-dev/wordpress.sh for a throwaway development site (Debian's /etc/wordpress is not used).
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wordpress' );
define( 'DB_PASSWORD', '$db_password' );
define( 'DB_HOST', 'localhost:$mysql_sock' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
\$table_prefix = 'wp_';
$keys
define( 'WP_HOME', '$url' );
define( 'WP_SITEURL', '$url' );
define( 'WP_CONTENT_DIR', '$dir/wp-content' );
define( 'WP_CONTENT_URL', '$url/wp-content' );
// Application passwords need https unless the site says it is a local one.
define( 'WP_ENVIRONMENT_TYPE', 'local' );
// No calls home: only this host (127.0.0.1, so the Portico under test too) and localhost may be reached.
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_AUTO_UPDATE_CORE', false );
define( 'WP_DEBUG', false );
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
EOF
}

# The private tree: links to Debian's WordPress, this site's wp-config.php and wp-content.
make_tree() {
    local entry name
    mkdir -p "$dir/wordpress" "$dir/wp-content/plugins" "$dir/wp-content/mu-plugins" "$dir/wp-content/uploads" "$dir/php"
    for entry in "$wp_core"/* "$wp_core"/.[!.]*; do
        [[ -e $entry || -L $entry ]] || continue
        name=$(basename "$entry")
        case $name in
            wp-config.php | wp-content | .htaccess) ;;
            *) ln -s "$entry" "$dir/wordpress/$name" ;;
        esac
    done
    ln -s ../wp-content "$dir/wordpress/wp-content"
    # Themes and translations from Debian's packages (a headless site needs no theme, but WordPress expects one).
    for name in themes languages; do
        if [[ -d $wp_core/wp-content/$name ]]; then
            ln -s "$(realpath "$wp_core/wp-content/$name")" "$dir/wp-content/$name"
        fi
    done
    # Portico's plugin: linked, so edits apply at once, unless the web server's user cannot read it.
    if runuser -u www-data -- test -r "$plugin"; then
        ln -s "$plugin" "$dir/wp-content/mu-plugins/portico-webhooks.php"
    else
        log "www-data cannot read $plugin: copying it (restart with a new --dir to pick up edits)"
        cp "$plugin" "$dir/wp-content/mu-plugins/portico-webhooks.php"
    fi
    cp "$here/wordpress/setup.php" "$dir/php/setup.php"
    printf "<?php\ndefine( 'ABSPATH', '%s/wordpress/' );\n" "$dir" >"$dir/php/abspath.php"
    chown www-data:www-data "$dir/wp-content/uploads"
}

# run_setup STEP: runs src/cms-dev/wordpress/setup.php as www-data (so files it may create belong to the site).
run_setup() {
    runuser -u www-data -- env -i PATH=/usr/bin:/bin PORTICO_WP_ROOT="$dir/wordpress" PORTICO_WP_URL="$url" \
        PORTICO_WP_USER="$wp_user" PORTICO_WP_PASSWORD="$wp_password" PORTICO_WP_EMAIL="$wp_email" \
        php -d display_errors=stderr -d error_reporting=E_ALL\&~E_DEPRECATED\&~E_STRICT \
        -d auto_prepend_file="$dir/php/abspath.php" "$dir/php/setup.php" "$1"
}

install_fresh() {
    local t0 db_password
    t0=$(date +%s%N)
    [[ $port == auto ]] && port=$(free_port 18080)
    [[ $db_port == auto ]] && db_port=$(free_port 18306)
    check_port Apache "$port" --port
    check_port MariaDB "$db_port" --db-port
    url="http://127.0.0.1:$port"
    wp_user=portico-admin
    wp_password=$(random_alnum 24)
    wp_email=wordpress-admin@example.com
    db_password=$(random_alnum 24)

    log "installing a new WordPress into $dir"
    mkdir -p "$dir"
    chmod 755 "$dir"
    touch "$stamp"
    printf 'port=%s\ndb_port=%s\n' "$port" "$db_port" >"$settings"
    mkdir -p "$dir/mysql/data" "$dir/mysql/run" "$dir/apache/run" "$dir/apache/logs"
    chown -R mysql:mysql "$dir/mysql"
    # MariaDB and Apache's workers run as mysql and www-data: every folder above --dir must let them through.
    local user
    for user in mysql www-data; do
        runuser -u "$user" -- test -x "$dir/mysql" ||
            die "the $user user cannot reach $dir: make its parent folders searchable (chmod o+x), or choose another --dir"
    done

    mariadb-install-db --no-defaults --user=mysql --datadir="$dir/mysql/data" --auth-root-authentication-method=socket \
        --skip-test-db >"$dir/mysql/install.log" 2>&1 ||
        { tail -n 20 "$dir/mysql/install.log" >&2; die "mariadb-install-db failed (log: $dir/mysql/install.log)"; }
    start_mysql
    mariadb --no-defaults --socket="$mysql_sock" -uroot -e "
        CREATE DATABASE wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
        CREATE USER 'wordpress'@'localhost' IDENTIFIED BY '$db_password';
        CREATE USER 'wordpress'@'127.0.0.1' IDENTIFIED BY '$db_password';
        GRANT ALL ON wordpress.* TO 'wordpress'@'localhost';
        GRANT ALL ON wordpress.* TO 'wordpress'@'127.0.0.1';" || die "could not create the WordPress database"

    make_tree
    write_wp_config "$db_password" "$url"
    chown root:www-data "$dir/wordpress/wp-config.php"
    chmod 640 "$dir/wordpress/wp-config.php"
    write_apache_conf

    log "running WordPress's installer"
    run_setup install >/dev/null
    local out app_password
    out=$(run_setup seed) || die "seeding WordPress failed"
    app_password=$(sed -n 's/^APP_PASSWORD=//p' <<<"$out")
    [[ -n $app_password ]] || die "seeding WordPress printed no application password"

    (
        umask 077
        cat >"$env_file" <<EOF
PORTICO_IT_WORDPRESS_URL=$url
PORTICO_IT_WORDPRESS_USER=$wp_user
PORTICO_IT_WORDPRESS_PASSWORD=$wp_password
PORTICO_IT_WORDPRESS_APP_PASSWORD=$app_password
PORTICO_IT_WORDPRESS_DIR=$dir
EOF
    )
    start_apache
    touch "$dir/installed"
    log "WordPress installed and started in $(elapsed_since "$t0") s: $url/wp-json/"
}

do_start() {
    require_tools
    if [[ -e $dir && ! -e $stamp ]] && [[ -n $(ls -A "$dir") ]]; then
        die "$dir exists and was not made by $prog: choose another --dir"
    fi
    if [[ -f $dir/installed ]]; then
        local t0 asked_port=$port asked_db_port=$db_port
        t0=$(date +%s%N)
        port=$(sed -n 's/^port=//p' "$settings")
        db_port=$(sed -n 's/^db_port=//p' "$settings")
        if $port_given && [[ "$asked_port/$asked_db_port" != "$port/$db_port" && $asked_port != auto ]]; then
            log "note: $dir was installed for ports $port (Apache) and $db_port (MariaDB); using those"
        fi
        if mysql_running && apache_running; then
            log "already running: $(env_value "$env_file" PORTICO_IT_WORDPRESS_URL)"
        else
            start_mysql
            start_apache
            log "started in $(elapsed_since "$t0") s"
        fi
    else
        if [[ -e $stamp ]]; then
            log "$dir holds an unfinished installation: removing it"
            stop_servers
            rm -rf "$dir"
        fi
        install_fresh
    fi
    print_env
}

do_stop() {
    if [[ -e $dir && ! -e $stamp ]]; then
        die "$dir was not made by $prog: nothing to stop there"
    fi
    stop_servers
    if $clean && [[ -e $stamp ]]; then
        log "deleting $dir"
        rm -rf "$dir"
    fi
}

do_status() {
    local state=0
    if [[ ! -f $dir/installed ]]; then
        echo "not installed in $dir"
        exit 3
    fi
    if mysql_running; then echo "MariaDB: running (pid $(<"$mysql_pid"), socket $mysql_sock)"; else echo "MariaDB: stopped"; state=3; fi
    if apache_running; then echo "Apache: running (pid $(<"$apache_pid"))"; else echo "Apache: stopped"; state=3; fi
    echo "URL: $(env_value "$env_file" PORTICO_IT_WORDPRESS_URL)"
    exit "$state"
}

case $cmd in
    start) do_start ;;
    stop) do_stop ;;
    status) do_status ;;
esac
