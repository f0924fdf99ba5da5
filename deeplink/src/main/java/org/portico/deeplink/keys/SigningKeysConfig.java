package org.portico.deeplink.keys;

import java.time.Duration;
import java.util.Objects;

import org.portico.deeplink.app.AppRegistration;

/**
 * How {@link SigningKeys} generates, rotates and retires keys. Checked when created; the message names the property
 * and shows a valid value.
 *
 * <p>Immutable and thread-safe.
 *
 * @param algorithm        algorithm of newly generated keys ({@code portico.keys.algorithm}, default ES256)
 * @param rsaKeySize       bits of new RSA keys, 2048 to 8192 ({@code portico.keys.rsa-key-size}, default 2048)
 * @param rotationPeriod   age after which {@link SigningKeys#rotateIfDue()} replaces the active key, 1 hour to 365
 *                         days ({@code portico.keys.rotation-period}, default P30D)
 * @param maxTokenLifetime the longest lifetime of any token signed by these keys; a retired key stays published for
 *                         this long plus {@code clockSkew} (default and maximum: {@link AppRegistration#MAX_TOKEN_LIFETIME})
 * @param clockSkew        tolerance for clocks of verifiers, 0 to 5 minutes ({@code portico.tokens.clock-skew},
 *                         default PT30S)
 */
public record SigningKeysConfig(SigningAlgorithm algorithm, int rsaKeySize, Duration rotationPeriod,
                                Duration maxTokenLifetime, Duration clockSkew) {

    /** @throws KeySetupException when a value is out of range */
    public SigningKeysConfig {
        Objects.requireNonNull(algorithm, "algorithm");
        if (rsaKeySize < 2048 || rsaKeySize > 8192) {
            throw new KeySetupException("portico.keys.rsa-key-size must be between 2048 and 8192, got " + rsaKeySize);
        }
        if (rotationPeriod == null || rotationPeriod.compareTo(Duration.ofHours(1)) < 0
                || rotationPeriod.compareTo(Duration.ofDays(365)) > 0) {
            throw new KeySetupException("portico.keys.rotation-period must be between PT1H and P365D, e.g. P30D, got '"
                    + rotationPeriod + "'");
        }
        if (maxTokenLifetime == null || maxTokenLifetime.isNegative() || maxTokenLifetime.isZero()
                || maxTokenLifetime.compareTo(AppRegistration.MAX_TOKEN_LIFETIME) > 0) {
            throw new KeySetupException("maximum token lifetime must be between PT1S and "
                    + AppRegistration.MAX_TOKEN_LIFETIME + ", got '" + maxTokenLifetime + "'");
        }
        if (clockSkew == null || clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new KeySetupException("portico.tokens.clock-skew must be between PT0S and PT5M, e.g. PT30S, got '"
                    + clockSkew + "'");
        }
    }

    /** ES256, RSA 2048 when RS256 is chosen, rotation every 30 days, tokens of at most 1 hour, 30 s clock skew. */
    public static SigningKeysConfig defaults() {
        return new SigningKeysConfig(SigningAlgorithm.ES256, 2048, Duration.ofDays(30),
                AppRegistration.MAX_TOKEN_LIFETIME, Duration.ofSeconds(30));
    }

    /** A copy that generates keys with {@code algorithm}. */
    public SigningKeysConfig withAlgorithm(SigningAlgorithm algorithm) {
        return new SigningKeysConfig(algorithm, rsaKeySize, rotationPeriod, maxTokenLifetime, clockSkew);
    }

    /** A copy with another rotation period. */
    public SigningKeysConfig withRotationPeriod(Duration period) {
        return new SigningKeysConfig(algorithm, rsaKeySize, period, maxTokenLifetime, clockSkew);
    }

    /** A copy with another clock skew. */
    public SigningKeysConfig withClockSkew(Duration skew) {
        return new SigningKeysConfig(algorithm, rsaKeySize, rotationPeriod, maxTokenLifetime, skew);
    }

    /** How long a key stays published (and verifying) after it retired. */
    public Duration retirementGrace() {
        return maxTokenLifetime.plus(clockSkew);
    }
}
