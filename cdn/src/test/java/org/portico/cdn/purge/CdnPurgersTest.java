package org.portico.cdn.purge;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.portico.cdn.purge.PurgeTarget.Kind;
import org.portico.cdn.purge.PurgeTargetDescriptor.Option;

/** The factory and the descriptors a form is built from: what is valid, and what an admin is told when not. */
class CdnPurgersTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";

    private static CdnPurger create(Kind kind, String endpoint, Map<String, String> options,
            Optional<String> credential) {
        return CdnPurgers.create(new PurgeTarget(kind, URI.create(endpoint), options, credential), HTTP,
                Clock.systemUTC());
    }

    private static String rejection(Kind kind, String endpoint, Map<String, String> options,
            Optional<String> credential) {
        return assertThrows(IllegalArgumentException.class, () -> create(kind, endpoint, options, credential))
                .getMessage();
    }

    @Test
    void eachKindIsDescribedWithItsDefaultEndpointRequiredOptionsAndCredential() {
        assertAll(
                () -> assertEquals(List.of(Kind.values()),
                        CdnPurgers.descriptors().stream().map(PurgeTargetDescriptor::kind).toList()),
                () -> assertEquals(Optional.empty(), CdnPurgers.descriptor(Kind.VARNISH).defaultEndpoint()),
                () -> assertFalse(CdnPurgers.descriptor(Kind.VARNISH).credential().required()),
                () -> assertEquals(Optional.of(URI.create("https://api.fastly.com")),
                        CdnPurgers.descriptor(Kind.FASTLY).defaultEndpoint()),
                () -> assertEquals(Optional.of(URI.create("https://api.cloudflare.com")),
                        CdnPurgers.descriptor(Kind.CLOUDFLARE).defaultEndpoint()),
                () -> assertEquals(Optional.of(URI.create("https://cloudfront.amazonaws.com")),
                        CdnPurgers.descriptor(Kind.CLOUDFRONT).defaultEndpoint()),
                () -> assertEquals(List.of("serviceId"), required(Kind.FASTLY)),
                () -> assertEquals(List.of("zoneId"), required(Kind.CLOUDFLARE)),
                () -> assertEquals(List.of("distributionId"), required(Kind.CLOUDFRONT)),
                () -> assertEquals(List.of(), required(Kind.VARNISH)),
                () -> assertEquals(Optional.of("false"),
                        CdnPurgers.descriptor(Kind.FASTLY).option("softPurge").flatMap(Option::defaultValue)),
                () -> assertTrue(CdnPurgers.descriptor(Kind.CLOUDFRONT).credential().description()
                        .contains("accessKeyId:secretAccessKey")));
    }

    private static List<String> required(Kind kind) {
        return CdnPurgers.descriptor(kind).options().stream().filter(Option::required).map(Option::name).toList();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyKindHasATimeoutOfTenSecondsByDefault(Kind kind) {
        assertEquals(Optional.of("PT10S"),
                CdnPurgers.descriptor(kind).option("timeout").flatMap(Option::defaultValue));
    }

    @Test
    void validTargetsBuildTheirKindsAdapter() {
        assertAll(
                () -> assertInstanceOf(VarnishPurger.class,
                        create(Kind.VARNISH, "http://varnish:6081", Map.of(), Optional.empty())),
                () -> assertInstanceOf(FastlyPurger.class, create(Kind.FASTLY, "https://api.fastly.com/",
                        Map.of("serviceId", "SU1Z0isxPaozGVKXdv0eY", "softPurge", "TRUE"), Optional.of("token"))),
                () -> assertInstanceOf(CloudflarePurger.class, create(Kind.CLOUDFLARE, "https://api.cloudflare.com",
                        Map.of("zoneId", ZONE, "timeout", "PT2S"), Optional.of("token"))),
                () -> assertInstanceOf(CloudFrontPurger.class, create(Kind.CLOUDFRONT,
                        "https://cloudfront.amazonaws.com", Map.of("distributionId", "EDFDVBD6EXAMPLE"),
                        Optional.of("AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))));
    }

    @Test
    void aMissingRequiredOptionIsNamedWithWhatItIs() {
        assertEquals("Fastly purge target: needs the option serviceId (The service's ID (Service configuration "
                + "page), such as SU1Z0isxPaozGVKXdv0eY)",
                rejection(Kind.FASTLY, "https://api.fastly.com", Map.of(), Optional.of("token")));
    }

    @Test
    void anUnknownOptionIsNamedWithTheKnownOnes() {
        assertEquals("Cloudflare purge target: has no option 'zone'; its options are timeout, zoneId",
                rejection(Kind.CLOUDFLARE, "https://api.cloudflare.com", Map.of("zone", ZONE, "zoneId", ZONE),
                        Optional.of("token")));
    }

    @Test
    void identifiersThatGoIntoApiPathsAreCheckedAgainstTheVendorsShape() {
        assertAll(
                () -> assertEquals("Cloudflare purge target: zoneId must look like " + ZONE + ", got 'example.com'",
                        rejection(Kind.CLOUDFLARE, "https://api.cloudflare.com", Map.of("zoneId", "example.com"),
                                Optional.of("token"))),
                () -> assertEquals("Fastly purge target: serviceId must look like SU1Z0isxPaozGVKXdv0eY, got "
                        + "'../service'", rejection(Kind.FASTLY, "https://api.fastly.com",
                                Map.of("serviceId", "../service"), Optional.of("token"))),
                () -> assertEquals("CloudFront purge target: distributionId must look like EDFDVBD6EXAMPLE, got "
                        + "'e123'", rejection(Kind.CLOUDFRONT, "https://cloudfront.amazonaws.com",
                                Map.of("distributionId", "e123"), Optional.of("AKIAIOSFODNN7EXAMPLE:secret"))));
    }

    @Test
    void aTimeoutIsAnIsoDurationUpToTwoMinutes() {
        assertAll(
                () -> assertEquals("Varnish purge target: timeout must be an ISO-8601 duration above PT0S and at "
                        + "most PT2M, such as PT10S, got '10s'", rejection(Kind.VARNISH, "http://varnish:6081",
                                Map.of("timeout", "10s"), Optional.empty())),
                () -> assertTrue(rejection(Kind.VARNISH, "http://varnish:6081", Map.of("timeout", "PT5M"),
                        Optional.empty()).contains("got 'PT5M'")),
                () -> assertTrue(rejection(Kind.VARNISH, "http://varnish:6081", Map.of("timeout", "PT0S"),
                        Optional.empty()).contains("got 'PT0S'")));
    }

    @Test
    void softPurgeIsTrueOrFalse() {
        assertEquals("Fastly purge target: softPurge must be true or false, got 'yes'",
                rejection(Kind.FASTLY, "https://api.fastly.com",
                        Map.of("serviceId", "SU1Z0isxPaozGVKXdv0eY", "softPurge", "yes"), Optional.of("token")));
    }

    @Test
    void theEndpointIsAnHttpAddressAndVarnishsIsPlainHttpWithoutPath() {
        assertAll(
                () -> assertEquals("Fastly purge target: the endpoint must be an http or https address without "
                        + "query, such as https://api.fastly.com, got 'ftp://api.fastly.com'",
                        rejection(Kind.FASTLY, "ftp://api.fastly.com", Map.of("serviceId", "S1"),
                                Optional.of("token"))),
                () -> assertTrue(rejection(Kind.CLOUDFLARE, "https://api.cloudflare.com/?x=1",
                        Map.of("zoneId", ZONE), Optional.of("token")).contains("without query")),
                () -> assertEquals("Varnish purge target: the endpoint must be Varnish's plain HTTP listen address "
                        + "without a path, such as http://varnish:6081, got 'https://varnish:6081'",
                        rejection(Kind.VARNISH, "https://varnish:6081", Map.of(), Optional.empty())));
    }

    @Test
    void credentialsAreRequiredWhereNeededAndNeverQuoted() {
        String secret = "q8Zt1+Vd0mWx/3NbLr7KeY9sPfHcA2uGjE5oTi6y";
        String withoutKeyId = rejection(Kind.CLOUDFRONT, "https://cloudfront.amazonaws.com",
                Map.of("distributionId", "EDFDVBD6EXAMPLE"), Optional.of(secret));
        String withSpace = rejection(Kind.FASTLY, "https://api.fastly.com", Map.of("serviceId", "S1"),
                Optional.of("two words"));
        assertAll(
                () -> assertTrue(rejection(Kind.FASTLY, "https://api.fastly.com", Map.of("serviceId", "S1"),
                        Optional.empty()).startsWith("Fastly purge target: needs a credential: A Fastly API token")),
                () -> assertTrue(rejection(Kind.CLOUDFLARE, "https://api.cloudflare.com", Map.of("zoneId", ZONE),
                        Optional.of(" ")).startsWith("Cloudflare purge target: needs a credential")),
                () -> assertTrue(rejection(Kind.VARNISH, "http://varnish:6081", Map.of(), Optional.of("token"))
                        .startsWith("Varnish purge target: takes no credential")),
                () -> assertTrue(withoutKeyId.startsWith("CloudFront purge target: the credential must be "
                        + "accessKeyId:secretAccessKey"), withoutKeyId),
                () -> assertFalse(withoutKeyId.contains(secret.substring(0, 12)), withoutKeyId),
                () -> assertTrue(withSpace.contains("without spaces or line breaks"), withSpace),
                () -> assertFalse(withSpace.contains("two words"), withSpace));
    }
}
