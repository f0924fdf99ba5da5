package org.portico.deeplink.oauth;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.portico.deeplink.app.AppDirectory;
import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.oauth.OAuthError.Code;
import org.portico.deeplink.token.AccessToken;
import org.portico.deeplink.token.AccessTokenIssuer;
import org.portico.deeplink.token.AccessTokenRequest;
import org.portico.deeplink.token.AccessTokenVerifier;
import org.portico.deeplink.token.Actor;
import org.portico.deeplink.token.ReplayGuard;
import org.portico.deeplink.token.TokenRejectedException;
import org.portico.deeplink.token.VerifiedAccessToken;

/**
 * Token exchange (RFC 8693): an authenticated app trades a Portico token of the user for a token to another app.
 *
 * <p>Policy, in order:
 * <ol>
 *   <li>the client must be allowed to exchange at all (non-empty {@link AppRegistration#exchangeAudiences()}),
 *   else {@code unauthorized_client};</li>
 *   <li>exactly one target ({@code audience} or {@code resource}), naming a registered app's audience that the client
 *   may obtain, else {@code invalid_request} (none) or {@code invalid_target};</li>
 *   <li>the subject token must be a valid Portico access token <em>for the client</em> (its {@code aud} is the client's
 *   audience), unrevoked, else {@code invalid_grant}; with {@code singleUseSubjectTokens} it may be exchanged once;</li>
 *   <li>an actor token must be a valid Portico access token for the client too, and is single-use; it makes the
 *   new token a delegation: {@code act} names the actor, with the subject token's own {@code act} nested inside
 *   (RFC 8693 section 4.1), else {@code invalid_grant}.</li>
 * </ol>
 * The new token keeps the subject's {@code sub}, {@code sid} (so logout revokes it) and, of the user claims in the
 * subject token, those the target app may receive; its {@code client_id} is the requesting client; it never outlives
 * the subject token, so exchanges cannot extend a token's life.
 *
 * <p>Thread-safe.
 *
 * @throws OAuthException from {@link #exchange}, carrying the RFC 6749 error to send
 */
public final class TokenExchange {

    private final AppDirectory apps;
    private final AccessTokenVerifier verifier;
    private final AccessTokenIssuer issuer;
    private final ReplayGuard replayGuard;
    private final boolean singleUseSubjectTokens;
    private final Clock clock;

    /**
     * @param singleUseSubjectTokens whether a subject token may be exchanged only once (default in portal-web: false,
     *                               so one app can call several others with the same user token)
     */
    public TokenExchange(AppDirectory apps, AccessTokenVerifier verifier, AccessTokenIssuer issuer,
                         ReplayGuard replayGuard, boolean singleUseSubjectTokens, Clock clock) {
        this.apps = Objects.requireNonNull(apps, "apps");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
        this.singleUseSubjectTokens = singleUseSubjectTokens;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Exchanges the subject token for a token to the requested target.
     *
     * @param request the checked request ({@link TokenExchangeRequest#from(FormParameters)})
     * @param client  the client, as {@link ClientAuthenticator} authenticated it
     * @throws OAuthException with the error to send; see the class description
     */
    public TokenExchangeResponse exchange(TokenExchangeRequest request, AppRegistration client) {
        if (client.exchangeAudiences().isEmpty()) {
            throw new OAuthException(Code.UNAUTHORIZED_CLIENT, "this client may not use token exchange");
        }
        Set<String> targets = new LinkedHashSet<>(request.audiences());
        targets.addAll(request.resources());
        if (targets.isEmpty()) {
            throw new OAuthException(Code.INVALID_REQUEST, "audience or resource is required");
        }
        if (targets.size() > 1) {
            throw new OAuthException(Code.INVALID_TARGET, "only one audience or resource per request is supported");
        }
        AppRegistration target = apps.findByAudience(targets.iterator().next())
                .orElseThrow(() -> new OAuthException(Code.INVALID_TARGET, "the target is not a registered app"));
        if (!client.mayExchangeFor(target.audience())) {
            throw new OAuthException(Code.INVALID_TARGET, "this client may not obtain tokens for the target");
        }

        VerifiedAccessToken subject = verified("subject_token", request.subjectToken(), client,
                singleUseSubjectTokens);
        Actor actor = subject.findActor().orElse(null);
        if (request.actorToken() != null) {
            VerifiedAccessToken acting = verified("actor_token", request.actorToken(), client, true);
            if (actor != null && actor.depth() >= Actor.MAX_DEPTH) {
                throw new OAuthException(Code.INVALID_GRANT, "the delegation chain is too long");
            }
            actor = new Actor(acting.subject(), acting.clientId(), actor);
        }
        if (!subject.expiresAt().isAfter(clock.instant())) {
            throw new OAuthException(Code.INVALID_GRANT, "subject_token is expired");
        }
        AccessToken token = issuer.issue(new AccessTokenRequest(subject.user(), target, client.id(),
                subject.sessionId(), actor, subject.expiresAt()));
        return new TokenExchangeResponse(token.value(), request.requestedTokenType(), "Bearer", token.expiresIn());
    }

    private VerifiedAccessToken verified(String parameter, String token, AppRegistration client, boolean once) {
        try {
            return once
                    ? verifier.verifyOnce(token, client.audience(), replayGuard, parameter)
                    : verifier.verify(token, client.audience());
        } catch (TokenRejectedException e) {
            // The reason is a fixed word (expired, replayed, wrong_audience...), never token content.
            throw new OAuthException(Code.INVALID_GRANT,
                    parameter + " was rejected: " + e.reason().name().toLowerCase(Locale.ROOT));
        }
    }
}
