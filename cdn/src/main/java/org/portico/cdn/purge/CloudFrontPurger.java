package org.portico.cdn.purge;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.Distribution;
import software.amazon.awssdk.services.cloudfront.model.Invalidation;

/**
 * Amazon CloudFront: {@code CreateInvalidation} with the URLs' paths (and queries), through the AWS SDK, which signs
 * with SigV4 for us-east-1 (CloudFront's API is global). CloudFront has no cache tags ({@code maxTags} 0: the caller
 * resolves tags to URLs) and takes up to 3,000 paths of invalidations in progress per distribution, so one purge
 * carries at most 3,000 (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/InvalidationLimits.html;
 * request and answers: https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateInvalidation.html).
 * URLs on any host become paths of the one distribution.
 *
 * <p>The {@code CallerReference} is the paths' SHA-256, so a purge resent after a lost answer finds the invalidation
 * the first attempt created instead of making a second one (CloudFront returns the earlier invalidation for a repeated
 * reference and batch). When that earlier invalidation is already {@code Completed}, the same paths are being purged
 * again (content changed since): a second invalidation is made with the clock's time added to the reference, so that
 * a repeated purge is never swallowed by an old one.
 *
 * <p>Thread-safe (the SDK client is). The SDK does not retry: the durable queue does.
 */
final class CloudFrontPurger implements CdnPurger {

    static final PurgeLimits LIMITS = new PurgeLimits(0, 3000);

    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Z0-9]{16,128}");
    private static final Set<String> RETRYABLE_CODES = Set.of("TooManyInvalidationsInProgress", "Throttling",
            "ThrottlingException", "RequestLimitExceeded", "ServiceUnavailable", "InternalError",
            "InternalFailure");

    private final CloudFrontClient client;
    private final URI endpoint;
    private final String distributionId;
    private final String secret;
    private final Duration timeout;
    private final Clock clock;

    private CloudFrontPurger(CloudFrontClient client, URI endpoint, String distributionId, String secret,
            Duration timeout, Clock clock) {
        this.client = client;
        this.endpoint = endpoint;
        this.distributionId = distributionId;
        this.secret = secret;
        this.timeout = timeout;
        this.clock = clock;
    }

    /**
     * @throws IllegalArgumentException when the credential is not {@code accessKeyId:secretAccessKey}
     */
    static CloudFrontPurger create(TargetSettings settings, String distributionId, Clock clock) {
        String credential = settings.credential();
        int colon = credential.indexOf(':');
        String accessKeyId = colon < 0 ? "" : credential.substring(0, colon);
        String secret = colon < 0 ? "" : credential.substring(colon + 1);
        if (!ACCESS_KEY_ID.matcher(accessKeyId).matches() || secret.isEmpty()) {
            throw settings.invalid("the credential must be accessKeyId:secretAccessKey, such as "
                    + "AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        }
        Duration timeout = settings.timeout();
        CloudFrontClient client = CloudFrontClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(settings.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(timeout)
                        .socketTimeout(timeout)
                        .build())
                .overrideConfiguration(configuration -> configuration
                        .retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        return new CloudFrontPurger(client, settings.endpoint(), distributionId, secret, timeout, clock);
    }

    @Override
    public PurgeLimits limits() {
        return LIMITS;
    }

    @Override
    public void purge(Purge purge) throws PurgeException {
        PurgeRequests.requireWithin(LIMITS, purge, "CloudFront");
        SortedSet<String> paths = new TreeSet<>();
        PurgeRequests.sortedUrls(purge).forEach(url -> paths.add(PurgeRequests.pathAndQuery(url)));
        String what = "invalidating " + paths.size() + (paths.size() == 1 ? " path" : " paths");
        String reference = callerReference(paths);
        Invalidation invalidation = invalidate(List.copyOf(paths), reference, what);
        if ("Completed".equalsIgnoreCase(invalidation.status())) {
            invalidate(List.copyOf(paths), reference + "-" + clock.millis(), what);
        }
    }

    @Override
    public String check() throws PurgeException {
        String what = "reading distribution " + distributionId;
        try {
            Distribution distribution = client.getDistribution(request -> request.id(distributionId)).distribution();
            List<String> aliases = distribution.distributionConfig() == null
                    || distribution.distributionConfig().aliases() == null ? List.of()
                    : distribution.distributionConfig().aliases().items();
            return "CloudFront distribution " + distributionId + " (" + distribution.domainName()
                    + (aliases.isEmpty() ? "" : ", " + String.join(", ", aliases)) + ")";
        } catch (SdkException e) {
            throw failure(e, what);
        }
    }

    private Invalidation invalidate(List<String> paths, String reference, String what) throws PurgeException {
        try {
            return client.createInvalidation(request -> request
                    .distributionId(distributionId)
                    .invalidationBatch(batch -> batch
                            .callerReference(reference)
                            .paths(items -> items.quantity(paths.size()).items(paths))))
                    .invalidation();
        } catch (SdkException e) {
            throw failure(e, what);
        }
    }

    /** {@code portico-} and the SHA-256 of the sorted paths, one a line. */
    static String callerReference(SortedSet<String> paths) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", paths).getBytes(StandardCharsets.UTF_8));
            return "portico-" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private PurgeException failure(SdkException e, String what) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null || service.awsErrorDetails().errorCode() == null ? ""
                    : service.awsErrorDetails().errorCode();
            String said = service.awsErrorDetails() == null || service.awsErrorDetails().errorMessage() == null ? ""
                    : PurgeRequests.excerpt(service.awsErrorDetails().errorMessage());
            int status = service.statusCode();
            boolean retryable = RETRYABLE_CODES.contains(code) || service.isThrottlingException() || status >= 500;
            String explanation = switch (code) {
                case "TooManyInvalidationsInProgress" -> "CloudFront takes 3,000 paths (15 with wildcards) of "
                        + "invalidations in progress per distribution; the purge is resent when some have finished";
                case "AccessDenied" -> "the access key may not do this (it needs cloudfront:CreateInvalidation, and "
                        + "cloudfront:GetDistribution for Test connection)";
                case "NoSuchDistribution" -> "no distribution " + distributionId
                        + " in this AWS account (check the distributionId)";
                case "InvalidClientTokenId", "SignatureDoesNotMatch", "InvalidAccessKeyId" ->
                        "the access key was refused (wrong, deleted or inactive, or the secret does not match)";
                default -> retryable ? "CloudFront is busy or unwell" : "the request was refused";
            };
            Duration retryAfter = service.awsErrorDetails() == null
                    || service.awsErrorDetails().sdkHttpResponse() == null ? null
                    : service.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After")
                            .map(String::strip).filter(value -> value.matches("\\d{1,9}"))
                            .map(value -> Duration.ofSeconds(Long.parseLong(value))).orElse(null);
            return new PurgeException(redact("CloudFront answered HTTP " + status + (code.isEmpty() ? "" : " " + code)
                    + " " + what + " (" + endpoint + "): " + explanation
                    + (said.isEmpty() ? "" : "; CloudFront says: " + said)), retryable,
                    retryable ? retryAfter : null, e);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException
                || hasCause(e, SocketTimeoutException.class)) {
            return new PurgeException("CloudFront did not answer within " + PurgeRequests.describe(timeout) + " "
                    + what + " (" + endpoint + ")", true, null, e);
        }
        if (hasCause(e, ConnectException.class)) {
            return new PurgeException("CloudFront could not be reached at " + endpoint + " " + what
                    + " (connection refused or no route)", true, null, e);
        }
        // Unreadable answers and other I/O failures: a purge can safely be resent
        return new PurgeException(redact("CloudFront at " + endpoint + " failed " + what + ": "
                + PurgeRequests.excerpt(String.valueOf(e.getMessage()))), true, null, e);
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private String redact(String text) {
        return text.replace(secret, "[credential]");
    }
}
