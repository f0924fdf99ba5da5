package org.portico.cdn.purge;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.portico.cdn.purge.FakeCdnServer.Answer;
import org.portico.cdn.purge.FakeCdnServer.Request;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * CloudFront's CreateInvalidation and GetDistribution as documented
 * (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateInvalidation.html,
 * https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_GetDistribution.html), played by a local HTTP server
 * the AWS SDK is pointed at.
 */
class CloudFrontPurgerTest {

    private static final String DISTRIBUTION = "EDFDVBD6EXAMPLE";
    private static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final Instant NOW = Instant.parse("2026-12-07T11:00:00Z");
    private static final String INVALIDATIONS = "/2020-05-31/distribution/" + DISTRIBUTION + "/invalidation";

    private final FakeCdnServer cloudfront = FakeCdnServer.start();

    @AfterEach
    void stop() {
        cloudfront.close();
    }

    private CdnPurger purger(URI endpoint) {
        return purger(endpoint, "PT5S");
    }

    private CdnPurger purger(URI endpoint, String timeout) {
        return CdnPurgers.create(new PurgeTarget(PurgeTarget.Kind.CLOUDFRONT, endpoint,
                Map.of("distributionId", DISTRIBUTION, "timeout", timeout),
                Optional.of(ACCESS_KEY_ID + ":" + SECRET)), HttpClient.newHttpClient(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private CdnPurger purger() {
        return purger(cloudfront.endpoint());
    }

    private static Answer invalidation(String status, String reference, String... paths) {
        StringBuilder items = new StringBuilder();
        for (String path : paths) {
            items.append("<Path>").append(path).append("</Path>");
        }
        return Answer.xml(201, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Invalidation xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\">"
                + "<Id>I2J0I21PCUYOIK</Id><Status>" + status + "</Status>"
                + "<CreateTime>2026-12-07T10:59:58Z</CreateTime>"
                + "<InvalidationBatch><CallerReference>" + reference + "</CallerReference>"
                + "<Paths><Quantity>" + paths.length + "</Quantity><Items>" + items + "</Items></Paths>"
                + "</InvalidationBatch></Invalidation>")
                .withHeader("Location", "https://cloudfront.amazonaws.com" + INVALIDATIONS + "/I2J0I21PCUYOIK");
    }

    private static Answer error(int status, String type, String code, String message) {
        return Answer.xml(status, "<?xml version=\"1.0\"?>"
                + "<ErrorResponse xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\">"
                + "<Error><Type>" + type + "</Type><Code>" + code + "</Code><Message>" + message + "</Message></Error>"
                + "<RequestId>b1b3a6f4-2f0e-4b3c-9d1a-3c1f0e2a7a11</RequestId></ErrorResponse>")
                .withHeader("x-amzn-RequestId", "b1b3a6f4-2f0e-4b3c-9d1a-3c1f0e2a7a11");
    }

    /** The invalidation batch a request carries: its CallerReference, Quantity and paths. */
    private record Batch(String callerReference, int quantity, List<String> paths) {

        static Batch of(Request request) throws Exception {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document xml = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(request.body().getBytes(StandardCharsets.UTF_8)));
            assertEquals("InvalidationBatch", xml.getDocumentElement().getLocalName());
            assertEquals("http://cloudfront.amazonaws.com/doc/2020-05-31/", xml.getDocumentElement().getNamespaceURI());
            NodeList pathNodes = xml.getElementsByTagName("Path");
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < pathNodes.getLength(); i++) {
                paths.add(pathNodes.item(i).getTextContent());
            }
            return new Batch(xml.getElementsByTagName("CallerReference").item(0).getTextContent(),
                    Integer.parseInt(xml.getElementsByTagName("Quantity").item(0).getTextContent()), paths);
        }
    }

    private PurgeException failedPurge(Answer answer) {
        return failedPurge(answer, purger());
    }

    private PurgeException failedPurge(Answer answer, CdnPurger purger) {
        cloudfront.answer(answer);
        PurgeException e = assertThrows(PurgeException.class,
                () -> purger.purge(Purge.ofUrls(Set.of("https://portal.example.com/p/about"))));
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        return e;
    }

    @Test
    void urlsBecomeOneSignedInvalidationOfTheirPathsAndQueries() throws Exception {
        cloudfront.answer(invalidation("InProgress", "r", "/p/about", "/p/about?lang=de"));

        purger().purge(Purge.ofUrls(Set.of("https://portal.example.com/p/about?lang=de",
                "https://portal.example.com/p/about", "https://www.example.com/p/about")));

        Request request = cloudfront.onlyRequest();
        Batch batch = Batch.of(request);
        String authorization = request.header("Authorization").orElse("");
        assertAll(
                () -> assertEquals("POST", request.method()),
                () -> assertEquals(INVALIDATIONS, request.target()),
                () -> assertTrue(authorization.startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY_ID + "/"),
                        authorization),
                () -> assertTrue(authorization.contains("/us-east-1/cloudfront/aws4_request"), authorization),
                () -> assertFalse(authorization.contains(SECRET)),
                () -> assertEquals(List.of("/p/about", "/p/about?lang=de"), batch.paths()),
                () -> assertEquals(2, batch.quantity()),
                () -> assertTrue(batch.callerReference().matches("portico-[0-9a-f]{64}"), batch.callerReference()));
    }

    @Test
    void theSamePathsGiveTheSameCallerReferenceSoAResentPurgeMakesNoSecondInvalidation() throws Exception {
        cloudfront.answer(invalidation("InProgress", "r", "/a", "/b"));

        purger().purge(Purge.ofUrls(Set.of("https://portal.example.com/a", "https://portal.example.com/b")));
        purger().purge(Purge.ofUrls(Set.of("https://portal.example.com/b", "https://portal.example.com/a")));
        purger().purge(Purge.ofUrls(Set.of("https://portal.example.com/a")));

        List<Request> requests = cloudfront.requests();
        assertAll(
                () -> assertEquals(Batch.of(requests.get(0)).callerReference(),
                        Batch.of(requests.get(1)).callerReference()),
                () -> assertNotEquals(Batch.of(requests.get(0)).callerReference(),
                        Batch.of(requests.get(2)).callerReference()));
    }

    /**
     * CloudFront hands back the earlier invalidation for a repeated CallerReference. When that one has completed, the
     * content changed again since: a second invalidation is needed, or the new edit would stay cached.
     */
    @Test
    void aCompletedEarlierInvalidationOfTheSamePathsIsFollowedByANewOne() throws Exception {
        cloudfront.answer(invalidation("Completed", "r", "/a"), invalidation("InProgress", "r2", "/a"));

        purger().purge(Purge.ofUrls(Set.of("https://portal.example.com/a")));

        List<Request> requests = cloudfront.requests();
        assertEquals(2, requests.size());
        String first = Batch.of(requests.get(0)).callerReference();
        assertEquals(first + "-" + NOW.toEpochMilli(), Batch.of(requests.get(1)).callerReference());
    }

    @Test
    void checkNamesTheDistributionsDomain() throws PurgeException {
        cloudfront.answer(Answer.xml(200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Distribution xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\">"
                + "<Id>" + DISTRIBUTION + "</Id><ARN>arn:aws:cloudfront::123456789012:distribution/" + DISTRIBUTION
                + "</ARN><Status>Deployed</Status><LastModifiedTime>2026-12-01T10:00:00Z</LastModifiedTime>"
                + "<InProgressInvalidationBatches>0</InProgressInvalidationBatches>"
                + "<DomainName>d111111abcdef8.cloudfront.net</DomainName>"
                + "<DistributionConfig><CallerReference>portal</CallerReference>"
                + "<Aliases><Quantity>1</Quantity><Items><CNAME>portal.example.com</CNAME></Items></Aliases>"
                + "<Comment></Comment><Enabled>true</Enabled></DistributionConfig></Distribution>")
                .withHeader("ETag", "E2QWRUHAPOMQZL"));

        String reached = purger().check();

        assertAll(
                () -> assertEquals("CloudFront distribution " + DISTRIBUTION
                        + " (d111111abcdef8.cloudfront.net, portal.example.com)", reached),
                () -> assertEquals("GET", cloudfront.onlyRequest().method()),
                () -> assertEquals("/2020-05-31/distribution/" + DISTRIBUTION, cloudfront.onlyRequest().target()));
    }

    @Test
    void tooManyInvalidationsInProgressIsRetryable() {
        PurgeException e = failedPurge(error(400, "Sender", "TooManyInvalidationsInProgress",
                "Processing your request will cause you to exceed the maximum number of in-progress wildcard "
                        + "invalidations."));

        assertAll(
                () -> assertTrue(e.retryable()),
                () -> assertTrue(e.getMessage().startsWith("CloudFront answered HTTP 400 "
                        + "TooManyInvalidationsInProgress invalidating 1 path"), e.getMessage()));
    }

    @Test
    void throttlingIsRetryable() {
        PurgeException e = failedPurge(error(400, "Sender", "Throttling", "Rate exceeded"));

        assertTrue(e.retryable());
    }

    @Test
    void accessDeniedNeedsAnAdmin() {
        PurgeException e = failedPurge(error(403, "Sender", "AccessDenied", "Access denied."));

        assertAll(
                () -> assertFalse(e.retryable()),
                () -> assertTrue(e.getMessage().contains("cloudfront:CreateInvalidation"), e.getMessage()),
                () -> assertTrue(e.getMessage().endsWith("CloudFront says: Access denied."), e.getMessage()));
    }

    @Test
    void anUnknownDistributionNeedsAnAdmin() {
        PurgeException e = failedPurge(error(404, "Sender", "NoSuchDistribution",
                "The specified distribution does not exist."));

        assertAll(
                () -> assertFalse(e.retryable()),
                () -> assertTrue(e.getMessage().contains("no distribution " + DISTRIBUTION), e.getMessage()));
    }

    @Test
    void anInvalidRequestNeedsAnAdmin() {
        PurgeException e = failedPurge(error(400, "Sender", "InvalidArgument", "Your request contains one or more "
                + "invalid invalidation paths."));

        assertFalse(e.retryable());
    }

    @Test
    void aServerErrorIsRetryable() {
        PurgeException e = failedPurge(error(503, "Receiver", "ServiceUnavailable", "Service unavailable"));

        assertTrue(e.retryable());
    }

    @Test
    void anUnreadableAnswerIsRetryable() {
        PurgeException e = failedPurge(Answer.xml(201, "<html><body>not CloudFront"));

        assertAll(
                () -> assertTrue(e.retryable()),
                () -> assertTrue(e.getMessage().startsWith("CloudFront at " + cloudfront.endpoint()
                        + " failed invalidating 1 path: Unable to unmarshall response"), e.getMessage()));
    }

    @Test
    void aRefusedConnectionIsRetryable() {
        URI nowhere = FakeCdnServer.refusingEndpoint();

        PurgeException e = assertThrows(PurgeException.class,
                () -> purger(nowhere).purge(Purge.ofUrls(Set.of("https://portal.example.com/a"))));

        assertAll(
                () -> assertTrue(e.retryable()),
                () -> assertEquals("CloudFront could not be reached at " + nowhere + " invalidating 1 path "
                        + "(connection refused or no route)", e.getMessage()));
    }

    @Test
    void noAnswerWithinTheTimeoutIsRetryable() {
        PurgeException e = failedPurge(Answer.hanging(), purger(cloudfront.endpoint(), "PT0.5S"));

        assertAll(
                () -> assertTrue(e.retryable()),
                () -> assertEquals("CloudFront did not answer within 500 ms invalidating 1 path ("
                        + cloudfront.endpoint() + ")", e.getMessage()));
    }

    @Test
    void cloudFrontHasNoTagsAndTakes3000Paths() {
        CdnPurger purger = purger();

        assertAll(
                () -> assertEquals(new PurgeLimits(0, 3000), purger.limits()),
                () -> assertFalse(purger.limits().purgesTags()),
                () -> assertThrows(IllegalArgumentException.class, () -> purger.purge(Purge.ofTags(Set.of("a")))),
                () -> assertTrue(cloudfront.requests().isEmpty()));
    }
}
