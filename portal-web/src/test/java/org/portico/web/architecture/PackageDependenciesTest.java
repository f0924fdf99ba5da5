package org.portico.web.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package structure of portal-web, as drawn in {@code src/docs/architecture.md} ("Package dependencies"):
 * packages by feature, dependencies pointing one way only, from the entry points (pages, REST, servlets, jobs) and the
 * CDI wiring down through the features to a few leaves that know no other package of Portico's.
 */
class PackageDependenciesTest {

    private static final String WEB = "org.portico.web";

    /** The user-facing text: the lowest building block, which every other may use. */
    private static final String I18N = WEB + ".i18n";

    /** JSON-P's one provider ({@code Jsons.JSON}): a leaf that imports nothing of Portico's, which the others may use. */
    private static final String JSON = WEB + ".json";

    /**
     * Building blocks every feature may use: they import no other package of portal-web but {@link #I18N} and
     * {@link #JSON}.
     */
    private static final List<String> LEAVES = List.of(I18N, WEB + ".settings", WEB + ".database", WEB + ".problem",
            WEB + ".json", WEB + ".concurrent", WEB + ".csv", WEB + ".metrics");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(WEB);
    }

    @Test
    void noPackageImportsOneThatImportsItBack() {
        slices().matching(WEB + ".(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void leavesKnowNoOtherPackageOfPortal() {
        noClasses().that().resideInAPackage(JSON)
                .should().dependOnClassesThat(resideInAPackage(WEB + "..").and(not(resideInAPackage(JSON))))
                .check(classes);
        noClasses().that().resideInAPackage(I18N)
                .should().dependOnClassesThat(resideInAPackage(WEB + "..").and(not(resideInAPackage(I18N))))
                .check(classes);
        for (String leaf : LEAVES) {
            noClasses().that().resideInAPackage(leaf)
                    .should().dependOnClassesThat(resideInAPackage(WEB + "..")
                            .and(not(resideInAPackage(leaf))).and(not(resideInAPackage(I18N)))
                            .and(not(resideInAPackage(JSON))))
                    .as("classes of the leaf " + leaf + " depend on no other package of portal-web but " + I18N
                            + " and " + JSON)
                    .check(classes);
        }
    }

    @Test
    void onlyTheWiringUsesTheWiring() {
        noClasses().that().resideOutsideOfPackage(WEB + ".config..")
                .should().dependOnClassesThat().resideInAPackage(WEB + ".config..")
                .check(classes);
    }

    @Test
    void featuresDoNotReachUpIntoPagesOrTheRestApi() {
        noClasses().that().resideOutsideOfPackages(WEB + ".view..", WEB + ".config..")
                .should().dependOnClassesThat().resideInAPackage(WEB + ".view..")
                .check(classes);
        noClasses().that().resideOutsideOfPackages(WEB + ".rest..", WEB + ".config..")
                .should().dependOnClassesThat().resideInAPackage(WEB + ".rest..")
                .check(classes);
    }

    /** The media store is a feature of its own that only the entry points and the wiring use (issue 11). */
    @Test
    void onlyTheEntryPointsUseTheMediaStore() {
        noClasses().that().resideOutsideOfPackages(WEB + ".media..", WEB + ".rest..", WEB + ".view..", WEB + ".config..")
                .should().dependOnClassesThat().resideInAPackage(WEB + ".media..")
                .check(classes);
    }
}
