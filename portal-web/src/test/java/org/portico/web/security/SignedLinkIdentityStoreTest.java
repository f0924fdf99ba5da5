package org.portico.web.security;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.security.enterprise.identitystore.CredentialValidationResult;

import org.junit.jupiter.api.Test;
import org.portico.deeplink.app.AppRegistration;
import org.portico.deeplink.app.ClientAuthentication.PrivateKeyJwt;
import org.portico.deeplink.link.InboundLink;
import org.portico.web.user.UserAccount;
import org.portico.web.user.UserService;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SignedLinkIdentityStoreTest {

    private final AtomicInteger lookups = new AtomicInteger();
    private final SignedLinkIdentityStore store = new SignedLinkIdentityStore();

    SignedLinkIdentityStoreTest() {
        store.users = new UserService() {
            @Override
            public Optional<UserAccount> findByUsername(String username) {
                lookups.incrementAndGet();
                return Optional.empty();
            }
        };
    }

    @Test
    void checksACredentialOnceAndAnswersTheSameAfterwards() {
        SignedLinkCredential credential = new SignedLinkCredential(new InboundLink(AppRegistration.builder("partner")
                .name("Partner").baseUrl("https://partner.example").audience("https://partner.example")
                .clientAuthentication(new PrivateKeyJwt(URI.create("https://partner.example/jwks.json")))
                .trustedForSignOn(true).build(), "nobody", "jti-1", Instant.parse("2030-01-01T00:00:00Z")));

        CredentialValidationResult first = store.validate(credential);
        CredentialValidationResult second = store.validate(credential);

        assertEquals(CredentialValidationResult.Status.INVALID, first.getStatus());
        assertEquals(first, second);
        assertEquals(1, lookups.get());
        store.validate(new SignedLinkCredential(credential.link()));
        assertEquals(2, lookups.get(), "a new credential is checked anew");
    }
}
