package org.portico.web.it;

import java.io.File;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WARs under test are the ones the build produced, exactly as users deploy them. */
public final class Deployments {

    /** Name of the demo app's deployment, for {@code @OperateOnDeployment}. */
    public static final String DEMO_APP = "demo-app";

    private Deployments() {
    }

    /** Portico, at {@code /}. */
    public static WebArchive portico() {
        return fromBuild("portico.it.war", "target/portico.war", "Build the WAR first (mvn package)");
    }

    /**
     * The demo app (module {@code demo-app}), at {@code /demo-app}: the app behind Portico that shows what a link's
     * token says. Deploy it beside {@link #portico()} with a second {@code @Deployment(name = DEMO_APP)}.
     */
    public static WebArchive demoApp() {
        return fromBuild("portico.it.demo-app.war", "target/demo-app.war",
                "Build the demo app and portal-web first (mvn package; portal-web copies demo-app.war into its target/)");
    }

    private static WebArchive fromBuild(String property, String fallback, String hint) {
        File war = new File(System.getProperty(property, fallback));
        if (!war.isFile()) {
            throw new IllegalStateException(hint + "; not found: " + war.getAbsolutePath());
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }
}
