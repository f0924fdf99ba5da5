<?php
/**
 * Plugin Name:       Portico webhooks
 * Description:       Tells Portico when a page, post or reusable block is published, updated, unpublished or deleted, with an HMAC-signed JSON webhook.
 * Version:           1.0.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Author:            Portico
 * License:           GPL-2.0-or-later
 *
 * Install: copy this one file into wp-content/mu-plugins/ (create the folder if needed). Must-use plugins are
 * loaded on every request and cannot be deactivated from the admin; nothing else is needed.
 *
 * Configure, either
 *   - in wp-config.php (wins over everything else; the REST route below then refuses changes):
 *         define( 'PORTICO_WEBHOOK_URL', 'https://portico.example.org/api/cms/webhooks/wordpress' );
 *         define( 'PORTICO_WEBHOOK_SECRET', '...at least 16 random characters, the same as in Portico...' );
 *   - or over REST, as a user who can manage_options (an application password works):
 *         POST   /wp-json/portico/v1/webhook  {"url": "...", "secret": "..."}   sets both
 *         GET    /wp-json/portico/v1/webhook  answers the URL (never the secret) and the last failed delivery
 *         DELETE /wp-json/portico/v1/webhook  switches the webhook off
 *     Both are kept as options that are not autoloaded (portico_webhook_url, portico_webhook_secret).
 * Without a URL and a secret the plugin sends nothing.
 *
 * What is sent: for a page, post or reusable block (wp_block; more types through the portico_webhooks_post_types
 * filter), one POST per change that touches what readers see:
 *   publish    it went live (from draft, pending, scheduled, private, trash, or new)
 *   update     it was saved while live (content, title, slug, ...)
 *   unpublish  it stopped being live (back to draft, private, scheduled, or trashed)
 *   delete     it was deleted for good (whatever its status; auto-drafts excepted)
 * Saves of content that is not live, autosaves and revisions send nothing. The body is JSON:
 *   {"event":"update","type":"page","id":42,"slug":"about","previousSlug":"old-about","status":"publish",
 *    "modified":"2026-12-07T10:42:00Z"}
 * previousSlug is the slug before this change when it changed (or, for a trashed item deleted for good, the slug
 * it had before it was trashed: WordPress appends "__trashed" to the slug of trashed items), else null.
 * modified is post_modified_gmt in ISO-8601 UTC. Headers:
 *   Content-Type: application/json
 *   X-Portico-Delivery: a UUID v4 per delivery (for de-duplication and logs)
 *   X-Portico-Timestamp: Unix seconds when it was sent
 *   X-Portico-Signature: sha256=<lower-case hex HMAC-SHA256 of "<timestamp>.<body>" with the secret>
 * The receiver recomputes the signature over the raw body, compares in constant time and rejects old timestamps.
 *
 * Delivery is synchronous (blocking, 2 s timeout, no redirects), sent once the post and its metadata are saved:
 * saving in the editor waits for Portico's answer, at most 2 s. A delivery is tried once; a failure (no answer,
 * or a status other than 2xx) is written to PHP's error log, kept as the option portico_webhook_last_failure
 * (shown by GET above) and announced with the action portico_webhooks_delivery_failed. Portico must therefore not
 * rely on webhooks alone: they make changes show at once, its cache expiry makes them show eventually.
 *
 * @package Portico\Webhooks
 */

defined( 'ABSPATH' ) || exit;

/**
 * Sends Portico's webhooks and serves the portico/v1/webhook settings route.
 *
 * All state is per request: events are gathered while WordPress saves a post and sent once the save is complete.
 */
final class Portico_Webhooks {

	const VERSION = '1.0.0';

	const OPTION_URL = 'portico_webhook_url';

	const OPTION_SECRET = 'portico_webhook_secret';

	const OPTION_LAST_FAILURE = 'portico_webhook_last_failure';

	const REST_NAMESPACE = 'portico/v1';

	const TIMEOUT_SECONDS = 2;

	const MIN_SECRET_LENGTH = 16;

	/**
	 * Events waiting to be sent, by post ID, in the order they happened.
	 *
	 * @var array<int, string[]>
	 */
	private static $pending = array();

	/**
	 * Slugs the posts being saved had before this request changed them, by post ID.
	 *
	 * @var array<int, string>
	 */
	private static $previous_slugs = array();

	/**
	 * Copies of the posts being deleted, by post ID, taken before WordPress removes them.
	 *
	 * @var array<int, WP_Post>
	 */
	private static $deleting = array();

	/**
	 * Hooks the plugin into WordPress.
	 */
	public static function init() {
		add_action( 'transition_post_status', array( __CLASS__, 'on_transition_post_status' ), 10, 3 );
		add_action( 'post_updated', array( __CLASS__, 'on_post_updated' ), 10, 3 );
		add_action( 'wp_after_insert_post', array( __CLASS__, 'on_after_insert_post' ), 10, 1 );
		add_action( 'before_delete_post', array( __CLASS__, 'on_before_delete_post' ), 10, 2 );
		add_action( 'deleted_post', array( __CLASS__, 'on_deleted_post' ), 10, 1 );
		// Sends what wp_after_insert_post did not (code that changes a status without wp_insert_post()).
		add_action( 'shutdown', array( __CLASS__, 'send_all_pending' ) );
		add_action( 'rest_api_init', array( __CLASS__, 'register_routes' ) );
	}

	/**
	 * Notes a publish, update or unpublish; it is sent once the save is complete.
	 *
	 * @param string  $new_status New post status.
	 * @param string  $old_status Old post status ('new' for a new post).
	 * @param WP_Post $post       The post.
	 */
	public static function on_transition_post_status( $new_status, $old_status, $post ) {
		if ( ! self::is_tracked( $post ) ) {
			return;
		}
		if ( 'publish' === $new_status ) {
			$event = 'publish' === $old_status ? 'update' : 'publish';
		} elseif ( 'publish' === $old_status ) {
			$event = 'unpublish';
		} else {
			return; // Never live, before or after: readers see no change.
		}
		self::$pending[ $post->ID ][] = $event;
	}

	/**
	 * Remembers the slug a post had before an update changed it.
	 *
	 * @param int     $post_id     Post ID.
	 * @param WP_Post $post_after  The post after the update.
	 * @param WP_Post $post_before The post before the update.
	 */
	public static function on_post_updated( $post_id, $post_after, $post_before ) {
		if ( self::is_tracked( $post_after ) && '' !== $post_before->post_name
			&& $post_before->post_name !== $post_after->post_name
			&& ! isset( self::$previous_slugs[ $post_id ] ) ) {
			self::$previous_slugs[ $post_id ] = $post_before->post_name;
		}
	}

	/**
	 * Sends the events of a post once it, its terms and its metadata are saved.
	 *
	 * @param int $post_id Post ID.
	 */
	public static function on_after_insert_post( $post_id ) {
		self::send_pending( (int) $post_id );
	}

	/**
	 * Keeps a copy of a post about to be deleted for good.
	 *
	 * @param int     $post_id Post ID.
	 * @param WP_Post $post    The post (passed since WordPress 5.5).
	 */
	public static function on_before_delete_post( $post_id, $post = null ) {
		$post = $post instanceof WP_Post ? $post : get_post( $post_id );
		if ( ! self::is_tracked( $post ) || 'auto-draft' === $post->post_status ) {
			return;
		}
		$copy = clone $post;
		if ( 'trash' === $post->post_status ) {
			$desired_slug = get_post_meta( $post_id, '_wp_desired_post_slug', true );
			if ( is_string( $desired_slug ) && '' !== $desired_slug ) {
				self::$previous_slugs[ $post_id ] = $desired_slug;
			}
		}
		self::$deleting[ $post_id ] = $copy;
	}

	/**
	 * Sends "delete" for a post that is gone.
	 *
	 * @param int $post_id Post ID.
	 */
	public static function on_deleted_post( $post_id ) {
		if ( ! isset( self::$deleting[ $post_id ] ) ) {
			return;
		}
		$post = self::$deleting[ $post_id ];
		unset( self::$deleting[ $post_id ], self::$pending[ $post_id ] );
		self::deliver( self::payload( 'delete', $post, self::take_previous_slug( $post_id ) ) );
	}

	/**
	 * Sends every event not sent yet.
	 */
	public static function send_all_pending() {
		foreach ( array_keys( self::$pending ) as $post_id ) {
			self::send_pending( $post_id );
		}
	}

	/**
	 * Registers GET, POST and DELETE /wp-json/portico/v1/webhook.
	 */
	public static function register_routes() {
		register_rest_route(
			self::REST_NAMESPACE,
			'/webhook',
			array(
				array(
					'methods'             => WP_REST_Server::READABLE,
					'callback'            => array( __CLASS__, 'rest_get_settings' ),
					'permission_callback' => array( __CLASS__, 'rest_can_manage' ),
				),
				array(
					'methods'             => WP_REST_Server::CREATABLE,
					'callback'            => array( __CLASS__, 'rest_update_settings' ),
					'permission_callback' => array( __CLASS__, 'rest_can_manage' ),
					'args'                => array(
						'url'    => array(
							'description'       => 'Where Portico receives the webhooks: an http(s) URL without user name or password.',
							'type'              => 'string',
							'required'          => true,
							'validate_callback' => array( __CLASS__, 'rest_validate_url' ),
						),
						'secret' => array(
							'description' => 'The shared secret the signatures are made with.',
							'type'        => 'string',
							'required'    => true,
							'minLength'   => self::MIN_SECRET_LENGTH,
						),
					),
				),
				array(
					'methods'             => WP_REST_Server::DELETABLE,
					'callback'            => array( __CLASS__, 'rest_delete_settings' ),
					'permission_callback' => array( __CLASS__, 'rest_can_manage' ),
				),
			)
		);
	}

	/**
	 * Only administrators may read or change where content changes are sent.
	 *
	 * @return bool
	 */
	public static function rest_can_manage() {
		return current_user_can( 'manage_options' );
	}

	/**
	 * Checks a webhook URL: absolute http(s), with a host, without credentials (they would end up in logs).
	 *
	 * @param mixed $value The URL sent.
	 * @return true|WP_Error
	 */
	public static function rest_validate_url( $value ) {
		$parts = is_string( $value ) ? wp_parse_url( $value ) : false;
		if ( ! is_array( $parts ) || empty( $parts['host'] ) || empty( $parts['scheme'] )
			|| ! in_array( strtolower( $parts['scheme'] ), array( 'http', 'https' ), true ) ) {
			return new WP_Error( 'rest_invalid_param', 'url must be an absolute http or https URL, e.g. https://portico.example.org/api/cms/webhooks/wordpress', array( 'status' => 400 ) );
		}
		if ( isset( $parts['user'] ) || isset( $parts['pass'] ) ) {
			return new WP_Error( 'rest_invalid_param', 'url must not contain a user name or password: the secret signs each webhook instead', array( 'status' => 400 ) );
		}
		return true;
	}

	/**
	 * GET: the URL in use, where it is configured, and the last failed delivery. Never the secret.
	 *
	 * @return WP_REST_Response
	 */
	public static function rest_get_settings() {
		return rest_ensure_response( self::settings_view() );
	}

	/**
	 * POST: stores the URL and the secret.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response|WP_Error
	 */
	public static function rest_update_settings( $request ) {
		if ( self::configured_in_wp_config() ) {
			return self::configured_in_wp_config_error();
		}
		update_option( self::OPTION_URL, esc_url_raw( $request['url'], array( 'http', 'https' ) ), false );
		update_option( self::OPTION_SECRET, (string) $request['secret'], false );
		delete_option( self::OPTION_LAST_FAILURE );
		return rest_ensure_response( self::settings_view() );
	}

	/**
	 * DELETE: forgets the URL and the secret, so nothing is sent any more.
	 *
	 * @return WP_REST_Response|WP_Error
	 */
	public static function rest_delete_settings() {
		if ( self::configured_in_wp_config() ) {
			return self::configured_in_wp_config_error();
		}
		delete_option( self::OPTION_URL );
		delete_option( self::OPTION_SECRET );
		delete_option( self::OPTION_LAST_FAILURE );
		return rest_ensure_response( self::settings_view() );
	}

	/**
	 * Whether the post is of a type Portico reads and this save is not an autosave or a revision.
	 *
	 * @param mixed $post The post.
	 * @return bool
	 */
	private static function is_tracked( $post ) {
		if ( ! $post instanceof WP_Post ) {
			return false;
		}
		if ( ( defined( 'DOING_AUTOSAVE' ) && DOING_AUTOSAVE ) || wp_is_post_revision( $post ) || wp_is_post_autosave( $post ) ) {
			return false;
		}
		/**
		 * Filters the post types whose changes are sent to Portico.
		 *
		 * @param string[] $post_types Post type names. Default page, post and wp_block.
		 */
		$post_types = (array) apply_filters( 'portico_webhooks_post_types', array( 'page', 'post', 'wp_block' ) );
		return in_array( $post->post_type, $post_types, true );
	}

	/**
	 * Sends and forgets the events noted for a post.
	 *
	 * @param int $post_id Post ID.
	 */
	private static function send_pending( $post_id ) {
		if ( empty( self::$pending[ $post_id ] ) ) {
			return;
		}
		$events = self::$pending[ $post_id ];
		unset( self::$pending[ $post_id ] );
		$post = get_post( $post_id );
		if ( ! $post instanceof WP_Post ) {
			return; // Deleted in the meantime: on_deleted_post() told Portico.
		}
		$previous_slug = self::take_previous_slug( $post_id );
		foreach ( $events as $event ) {
			self::deliver( self::payload( $event, $post, $previous_slug ) );
		}
	}

	/**
	 * The slug noted for a post before this request changed it, forgotten once taken.
	 *
	 * @param int $post_id Post ID.
	 * @return string|null
	 */
	private static function take_previous_slug( $post_id ) {
		$slug = isset( self::$previous_slugs[ $post_id ] ) ? self::$previous_slugs[ $post_id ] : null;
		unset( self::$previous_slugs[ $post_id ] );
		return $slug;
	}

	/**
	 * The webhook body for one event.
	 *
	 * @param string      $event         publish, update, unpublish or delete.
	 * @param WP_Post     $post          The post as it is now (or was just before deletion).
	 * @param string|null $previous_slug The slug before this change, if it changed.
	 * @return array
	 */
	private static function payload( $event, WP_Post $post, $previous_slug ) {
		return array(
			'event'        => $event,
			'type'         => $post->post_type,
			'id'           => (int) $post->ID,
			'slug'         => $post->post_name,
			'previousSlug' => ( null !== $previous_slug && $previous_slug !== $post->post_name ) ? $previous_slug : null,
			'status'       => $post->post_status,
			'modified'     => self::iso_utc( $post->post_modified_gmt ),
		);
	}

	/**
	 * A GMT MySQL date as ISO-8601 UTC ("2026-12-07T10:42:00Z"); now for an unset date.
	 *
	 * @param string $gmt_date Date as stored, e.g. "2026-12-07 10:42:00".
	 * @return string
	 */
	private static function iso_utc( $gmt_date ) {
		$date = DateTimeImmutable::createFromFormat( 'Y-m-d H:i:s', (string) $gmt_date, new DateTimeZone( 'UTC' ) );
		if ( false === $date || '0000-00-00 00:00:00' === $gmt_date ) {
			return gmdate( 'Y-m-d\TH:i:s\Z' );
		}
		return $date->format( 'Y-m-d\TH:i:s\Z' );
	}

	/**
	 * Signs and posts one webhook; a failure is logged, kept and announced, never thrown.
	 *
	 * @param array $payload The body, before JSON encoding.
	 */
	private static function deliver( array $payload ) {
		$config = self::config();
		if ( null === $config ) {
			return;
		}
		$body      = wp_json_encode( $payload, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
		$timestamp = (string) time();
		$delivery  = wp_generate_uuid4();
		$response  = wp_remote_post(
			$config['url'],
			array(
				'timeout'     => self::TIMEOUT_SECONDS,
				'redirection' => 0,
				'blocking'    => true,
				'user-agent'  => 'Portico-Webhooks/' . self::VERSION . '; WordPress/' . get_bloginfo( 'version' ),
				'headers'     => array(
					'Content-Type'        => 'application/json',
					'X-Portico-Delivery'  => $delivery,
					'X-Portico-Timestamp' => $timestamp,
					'X-Portico-Signature' => 'sha256=' . hash_hmac( 'sha256', $timestamp . '.' . $body, $config['secret'] ),
				),
				'body'        => $body,
				'data_format' => 'body',
			)
		);

		if ( is_wp_error( $response ) ) {
			$error = $response->get_error_message();
		} else {
			$status = (int) wp_remote_retrieve_response_code( $response );
			$error  = ( $status >= 200 && $status < 300 ) ? null : 'HTTP status ' . $status;
		}
		if ( null === $error ) {
			/**
			 * Fires after Portico accepted a webhook.
			 *
			 * @param array  $payload  The body sent.
			 * @param string $delivery The delivery ID.
			 */
			do_action( 'portico_webhooks_delivered', $payload, $delivery );
			return;
		}

		$failure = array(
			'delivery' => $delivery,
			'event'    => $payload['event'],
			'type'     => $payload['type'],
			'id'       => $payload['id'],
			'at'       => gmdate( 'Y-m-d\TH:i:s\Z' ),
			'error'    => $error,
		);
		// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- failures must reach the server's log.
		error_log( sprintf( 'Portico webhooks: delivery %s (%s %s %d) to %s failed: %s', $delivery, $payload['event'], $payload['type'], $payload['id'], $config['url'], $error ) );
		update_option( self::OPTION_LAST_FAILURE, $failure, false );
		/**
		 * Fires when a webhook could not be delivered. It is not retried.
		 *
		 * @param array  $payload  The body that was to be sent.
		 * @param string $delivery The delivery ID.
		 * @param string $error    What went wrong.
		 */
		do_action( 'portico_webhooks_delivery_failed', $payload, $delivery, $error );
	}

	/**
	 * The URL and secret in use, or null when the webhook is not configured.
	 *
	 * @return array{url: string, secret: string}|null
	 */
	private static function config() {
		if ( self::configured_in_wp_config() ) {
			$url    = defined( 'PORTICO_WEBHOOK_URL' ) ? (string) PORTICO_WEBHOOK_URL : '';
			$secret = defined( 'PORTICO_WEBHOOK_SECRET' ) ? (string) PORTICO_WEBHOOK_SECRET : '';
		} else {
			$url    = (string) get_option( self::OPTION_URL, '' );
			$secret = (string) get_option( self::OPTION_SECRET, '' );
		}
		if ( '' === $url || '' === $secret ) {
			return null;
		}
		return array(
			'url'    => $url,
			'secret' => $secret,
		);
	}

	/**
	 * Whether wp-config.php sets the webhook (then the REST route cannot change it).
	 *
	 * @return bool
	 */
	private static function configured_in_wp_config() {
		return defined( 'PORTICO_WEBHOOK_URL' ) || defined( 'PORTICO_WEBHOOK_SECRET' );
	}

	/**
	 * The answer to a change through REST while wp-config.php holds the settings.
	 *
	 * @return WP_Error
	 */
	private static function configured_in_wp_config_error() {
		return new WP_Error( 'portico_webhook_configured_in_wp_config', 'The Portico webhook is set by PORTICO_WEBHOOK_URL and PORTICO_WEBHOOK_SECRET in wp-config.php; change it there.', array( 'status' => 409 ) );
	}

	/**
	 * What GET and POST answer.
	 *
	 * @return array
	 */
	private static function settings_view() {
		$config  = self::config();
		$failure = get_option( self::OPTION_LAST_FAILURE, null );
		return array(
			'url'          => null === $config ? null : $config['url'],
			'configuredBy' => self::configured_in_wp_config() ? 'wp-config' : ( null === $config ? null : 'option' ),
			'enabled'      => null !== $config,
			'lastFailure'  => is_array( $failure ) ? $failure : null,
		);
	}
}

Portico_Webhooks::init();
