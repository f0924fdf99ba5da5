package org.portico.demoapp.web;

import java.text.ParseException;
import java.util.Objects;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.util.Base64URL;

import org.portico.demoapp.verify.LinkToken;
import org.portico.demoapp.verify.LinkTokenRejectedException.Reason;

/** What checking the token of one visit came to; the page and the API show it. */
sealed interface Outcome {

    /** The link carried no token. */
    record NoToken() implements Outcome {
    }

    /** The token is a valid Portico link token for this app. */
    record Verified(LinkToken token) implements Outcome {
        public Verified {
            Objects.requireNonNull(token, "token");
        }
    }

    /**
     * The token was refused.
     *
     * @param header what the token's header says, unverified: shown to help find out what was sent
     */
    record Refused(Reason reason, String message, SentHeader header) implements Outcome {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(header, "header");
        }
    }

    /** {@code typ}, {@code alg} and {@code kid} of a token's header as sent; each null when absent or unreadable. */
    record SentHeader(String type, String algorithm, String keyId) {

        /** Reads the header of a compact JWS without trusting it; all null for anything unreadable. */
        static SentHeader peek(String token) {
            try {
                int dot = token.indexOf('.');
                Header header = Header.parse(new Base64URL(dot < 0 ? token : token.substring(0, dot)));
                return new SentHeader(header.getType() == null ? null : header.getType().toString(),
                        header.getAlgorithm() == null ? null : header.getAlgorithm().getName(),
                        header.toJSONObject().get("kid") instanceof String kid ? kid : null);
            } catch (ParseException | RuntimeException e) {
                return new SentHeader(null, null, null);
            }
        }
    }

    /** Portico's discovery document or keys could not be fetched: the token could not be judged. */
    record Unavailable(String message) implements Outcome {
        public Unavailable {
            Objects.requireNonNull(message, "message");
        }
    }
}
