package org.ikescope.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering, written down so that a wrong arrow fails the build: {@code plugins-api} uses only
 * the JDK; the {@code dissector} never sees the {@code analyzer}; the built-in diagnostics are
 * plugins like any other (the API and the JDK, nothing of the analyzer); and no package depends
 * on itself through others. Run over the production classes of the three modules (the analyzer's
 * test class path holds them all).
 */
@AnalyzeClasses(packages = "org.ikescope", importOptions = {ImportOption.DoNotIncludeTests.class,
    ArchitectureTest.NoTestJars.class})
class ArchitectureTest {
    /** The dissector's test helpers reach the analyzer's tests as a test-jar: not production code. */
    static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar") && !location.contains("/test-classes/");
        }
    }

    @ArchTest
    static final ArchRule pluginsApiUsesOnlyTheJdk = classes().that().resideInAPackage("org.ikescope.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.ikescope.api..")
            .because("plugins compile against plugins-api alone; it must stay JDK-only (no Guava, no dissector)");

    @ArchTest
    static final ArchRule dissectorNeverSeesTheAnalyzer = noClasses().that().resideInAPackage("org.ikescope.dissector..")
            .should().dependOnClassesThat().resideInAPackage("org.ikescope.analyzer..")
            .because("plugins-api <- dissector <- analyzer: bytes know nothing of exchanges, states or plugins");

    @ArchTest
    static final ArchRule builtInDiagnosticsUseOnlyTheApi = classes().that()
            .resideInAPackage("org.ikescope.analyzer.diagnostics..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "org.ikescope.api..", "org.ikescope.analyzer.diagnostics..")
            .because("the built-in diagnostics are plugins: what they can do, a user's plugin can do");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.ikescope.(*).(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noTypeInTheDissectorsRootPackage = noClasses().should()
            .resideInAPackage("org.ikescope.dissector")
            .because("the root package held both the pipeline and the leaf types the other packages use: a cycle");
}
