package org.portico.cdn.purge;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a site admin fills in for one kind of purge target, for a form and for its validation messages: the options
 * (their names are the keys of {@link PurgeTarget#options()}), the default endpoint, and the credential.
 *
 * <p>Immutable. Obtained from {@link CdnPurgers#descriptor(PurgeTarget.Kind)}.
 *
 * @param kind            the vendor
 * @param name            the vendor's name for people, such as {@code Fastly}
 * @param defaultEndpoint the vendor's public API; empty for Varnish, whose address only the admin knows
 * @param endpointHint    what the endpoint is, for a form's help text
 * @param options         the options, required ones first
 * @param credential      the credential the kind needs, or {@link Credential#NONE}
 */
public record PurgeTargetDescriptor(PurgeTarget.Kind kind, String name, Optional<URI> defaultEndpoint,
        String endpointHint, List<Option> options, Credential credential) {

    public PurgeTargetDescriptor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultEndpoint, "defaultEndpoint");
        Objects.requireNonNull(endpointHint, "endpointHint");
        options = List.copyOf(options);
        Objects.requireNonNull(credential, "credential");
    }

    /** The option of that name. */
    public Optional<Option> option(String optionName) {
        return options.stream().filter(option -> option.name().equals(optionName)).findFirst();
    }

    /**
     * One setting of a purge target.
     *
     * @param name         the key in {@link PurgeTarget#options()}, such as {@code serviceId}
     * @param required     whether the target cannot work without it
     * @param defaultValue the value used when the option is absent (never for a required one)
     * @param description  what it is and what a valid value looks like, for a form's help text
     */
    public record Option(String name, boolean required, Optional<String> defaultValue, String description) {

        public Option {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(defaultValue, "defaultValue");
            Objects.requireNonNull(description, "description");
        }
    }

    /**
     * The secret a purge target needs to talk to its CDN.
     *
     * @param required    whether one is needed; when not, a target must have none
     * @param description what it is and which permissions it needs, for a form's help text
     */
    public record Credential(boolean required, String description) {

        /** Varnish's: none (its VCL decides who may purge by address). */
        public static final Credential NONE = new Credential(false,
                "None: Varnish accepts purges from the addresses its VCL allows");

        public Credential {
            Objects.requireNonNull(description, "description");
        }
    }
}
