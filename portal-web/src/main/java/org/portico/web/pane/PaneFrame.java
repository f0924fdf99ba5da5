package org.portico.web.pane;

/**
 * What the page shows for a pane whose app may be framed now: the iframe's {@code src}, {@code sandbox} and height,
 * the exact origin the pane script talks to, and the app's name for the frame's title and the fallback message.
 * Immutable.
 *
 * @param src     the framed page, normalised (lower-case scheme and host, default port omitted)
 * @param origin  {@code src}'s origin: the only one the pane script answers and posts tokens to
 * @param sandbox the app's allowed sandbox flags, space-separated; empty for the strictest sandbox
 * @param height  in pixels
 * @param appId   the app's id
 * @param appName the app's name
 */
public record PaneFrame(String src, String origin, String sandbox, int height, String appId, String appName) {
}
