<?php
/**
 * Installs and seeds the development WordPress; run by wordpress.sh with PHP's CLI as www-data, once per site:
 *
 *   php setup.php install   creates the tables, the options and the administrator (wp_install())
 *   php setup.php seed      pretty permalinks, seed content, an application password (printed as APP_PASSWORD=...)
 *
 * The two steps run in separate processes: wp_install() needs WP_INSTALLING, which must not be set for the rest.
 * ABSPATH comes from auto_prepend_file; the rest from the environment: PORTICO_WP_URL, PORTICO_WP_USER,
 * PORTICO_WP_PASSWORD, PORTICO_WP_EMAIL.
 *
 * @package Portico\Dev
 */

if ( PHP_SAPI !== 'cli' || ! defined( 'ABSPATH' ) ) {
	exit( 1 );
}

$portico_step  = isset( $argv[1] ) ? $argv[1] : '';
$portico_parts = parse_url( getenv( 'PORTICO_WP_URL' ) );

// What a request to the site would carry: WordPress reads these even from the CLI.
$_SERVER['HTTP_HOST']       = $portico_parts['host'] . ( isset( $portico_parts['port'] ) ? ':' . $portico_parts['port'] : '' );
$_SERVER['SERVER_NAME']     = $portico_parts['host'];
$_SERVER['SERVER_PORT']     = isset( $portico_parts['port'] ) ? (string) $portico_parts['port'] : '80';
$_SERVER['REQUEST_URI']     = '/';
$_SERVER['REQUEST_METHOD']  = 'GET';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
$_SERVER['REMOTE_ADDR']     = '127.0.0.1';

/**
 * Fails the step with a message on standard error.
 *
 * @param string $message What went wrong.
 */
function portico_setup_fail( $message ) {
	fwrite( STDERR, "setup.php: $message\n" );
	exit( 1 );
}

if ( 'install' === $portico_step ) {
	define( 'WP_INSTALLING', true );
	require ABSPATH . 'wp-load.php';

	/**
	 * No "your new site" e-mail: there is no mail server, and nobody to read it.
	 */
	function wp_new_blog_notification() {
	}

	require_once ABSPATH . 'wp-admin/includes/upgrade.php';
	if ( is_blog_installed() ) {
		portico_setup_fail( 'WordPress is already installed in this database' );
	}
	$portico_result = wp_install( 'Portico development WordPress', getenv( 'PORTICO_WP_USER' ), getenv( 'PORTICO_WP_EMAIL' ), false, '', wp_slash( getenv( 'PORTICO_WP_PASSWORD' ) ) );
	if ( is_wp_error( $portico_result ) || empty( $portico_result['user_id'] ) ) {
		portico_setup_fail( 'wp_install() failed' );
	}
	echo 'USER_ID=' . (int) $portico_result['user_id'] . "\n";
	exit( 0 );
}

if ( 'seed' !== $portico_step ) {
	portico_setup_fail( "unknown step '$portico_step' (install or seed)" );
}

require ABSPATH . 'wp-load.php';

$portico_user = get_user_by( 'login', getenv( 'PORTICO_WP_USER' ) );
if ( ! $portico_user ) {
	portico_setup_fail( 'the administrator was not created' );
}
// As the administrator: content is stored as written (unfiltered_html), and authored by them.
wp_set_current_user( $portico_user->ID );

// Pretty permalinks, so the REST API is at /wp-json/ as on real sites (Apache's config has the rewrite rules).
global $wp_rewrite;
$wp_rewrite->set_permalink_structure( '/%postname%/' );
$wp_rewrite->flush_rules( false );
update_option( 'blogdescription', 'Where Portico reads CMS pages in tests' );

// WordPress's own samples (Hello world!, Sample Page, the privacy policy draft) would only get in the tests' way.
foreach ( get_posts(
	array(
		'post_type'   => array( 'post', 'page' ),
		'post_status' => 'any',
		'numberposts' => -1,
	)
) as $portico_post ) {
	wp_delete_post( $portico_post->ID, true );
}
update_option( 'wp_page_for_privacy_policy', 0 );

/**
 * Inserts a post, failing the step when WordPress refuses.
 *
 * @param array $fields Fields for wp_insert_post(), unslashed.
 * @return int The new post's ID.
 */
function portico_insert( array $fields ) {
	$id = wp_insert_post( wp_slash( $fields ), true );
	if ( is_wp_error( $id ) ) {
		portico_setup_fail( 'could not create ' . $fields['post_name'] . ': ' . $id->get_error_message() );
	}
	return $id;
}

// A title with an apostrophe and an ampersand: rendered titles come back as &#8217; and &#038;.
portico_insert(
	array(
		'post_type'    => 'page',
		'post_status'  => 'publish',
		'post_name'    => 'about-wordpress',
		'post_title'   => "Portico's pages & WordPress",
		'post_excerpt' => 'How Portico shows pages written in WordPress.',
		'post_content' => implode(
			"\n\n",
			array(
				"<!-- wp:heading -->\n<h2 class=\"wp-block-heading\">Pages from WordPress</h2>\n<!-- /wp:heading -->",
				"<!-- wp:paragraph -->\n<p>Portico reads this page over the <a href=\"https://developer.wordpress.org/rest-api/\">WordPress REST API</a> &amp; shows it inside the portal.</p>\n<!-- /wp:paragraph -->",
				"<!-- wp:image {\"sizeSlug\":\"large\"} -->\n<figure class=\"wp-block-image size-large\"><img src=\"https://media.example.org/portico/wordpress-logo.png\" alt=\"The WordPress logo\"/></figure>\n<!-- /wp:image -->",
			)
		),
	)
);

portico_insert(
	array(
		'post_type'    => 'page',
		'post_status'  => 'draft',
		'post_name'    => 'portico-draft',
		'post_title'   => 'A draft Portico must not show',
		'post_content' => "<!-- wp:paragraph -->\n<p>Work in progress.</p>\n<!-- /wp:paragraph -->",
	)
);

portico_insert(
	array(
		'post_type'    => 'wp_block',
		'post_status'  => 'publish',
		'post_name'    => 'welcome',
		'post_title'   => 'Welcome',
		'post_content' => "<!-- wp:paragraph -->\n<p>Welcome to <strong>Portico</strong>.</p>\n<!-- /wp:paragraph -->",
	)
);

$portico_created = WP_Application_Passwords::create_new_application_password( $portico_user->ID, array( 'name' => 'portico-it' ) );
if ( is_wp_error( $portico_created ) ) {
	portico_setup_fail( 'could not create an application password: ' . $portico_created->get_error_message() );
}
echo 'APP_PASSWORD=' . $portico_created[0] . "\n";
