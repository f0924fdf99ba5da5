package org.portico.web.cms;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.portico.cms.spi.ContentKind;

/**
 * Signed, expiring links to one version of a CMS item, for reviewers who are not its editors: {@code /review/<token>}
 * where the token names the item, the version and the expiry, signed with HMAC-SHA-256 under a key derived from the
 * master secret ({@link Key}). Nothing is stored: a link is valid until it expires, and shows the version it names (a
 * later edit does not change what the reviewer sees). The token travels in the path, never in a query, and the page
 * that shows it sends no Referer.
 *
 * <p>Immutable and thread-safe; the time comes from the {@link Clock}.
 */
public final class PreviewLinks {

    /** The key the links are signed with: derived from the master secret for this purpose only. */
    public record Key(byte[] bytes) {
        public Key {
            if (bytes == null || bytes.length < 32) {
                throw new IllegalArgumentException("a preview link key needs at least 32 bytes");
            }
            bytes = bytes.clone();
        }
    }

    /** What a valid link shows. */
    public record Target(ContentKind kind, String key, Locale locale, long revision, Instant expires) {
    }

    /** The longest a link may live. */
    public static final Duration MAX_VALIDITY = Duration.ofDays(30);
    /** A token's form: the payload and the signature, each base64url without padding. */
    public static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{8,400}\\.[A-Za-z0-9_-]{43}");

    private static final String VERSION = "v1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;

    public PreviewLinks(Key key, Clock clock) {
        this.key = new SecretKeySpec(key.bytes(), "HmacSHA256");
        this.clock = clock;
    }

    /** The token of a link to {@code revision} of the item, valid for {@code validFor} (at most {@link #MAX_VALIDITY}). */
    public String token(ContentKind kind, String itemKey, Locale locale, long revision, Duration validFor) {
        if (validFor.isNegative() || validFor.isZero() || validFor.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("a preview link is valid for up to " + MAX_VALIDITY + ", got " + validFor);
        }
        long expires = clock.instant().plus(validFor).getEpochSecond();
        String payload = String.join("|", VERSION, kind.name(), itemKey, locale.toLanguageTag(),
                Long.toString(revision), Long.toString(expires));
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
    }

    /** What a token shows: empty when it is malformed, its signature does not match, or it has expired. */
    public Optional<Target> verify(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(token.substring(0, dot));
            signature = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac(payload), signature)) {
            return Optional.empty();
        }
        String[] fields = new String(payload, StandardCharsets.UTF_8).split("\\|", -1);
        if (fields.length != 6 || !VERSION.equals(fields[0])) {
            return Optional.empty();
        }
        try {
            Instant expires = Instant.ofEpochSecond(Long.parseLong(fields[5]));
            if (!clock.instant().isBefore(expires)) {
                return Optional.empty();
            }
            return Optional.of(new Target(ContentKind.valueOf(fields[1]), fields[2], Locale.forLanguageTag(fields[3]),
                    Long.parseLong(fields[4]), expires));
        } catch (IllegalArgumentException e) { // a signed payload we wrote ourselves; never expected
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }
}
