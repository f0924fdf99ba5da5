/**
 * Portico's settings: {@link org.portico.web.settings.Settings} reads typed values with MicroProfile Config's
 * converters and reports a bad one, at start-up, with a message that shows a valid one.
 */
package org.portico.web.settings;
