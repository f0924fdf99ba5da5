package org.portico.web.settings;

import java.util.Map;

import org.eclipse.microprofile.config.Config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Real MicroProfile Configs (SmallRye, WildFly's implementation) for unit tests of settings. */
public final class TestConfigs {

    private TestConfigs() {
    }

    /** A Config holding {@code values} and nothing else. */
    public static Config of(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 500)).build();
    }
}
