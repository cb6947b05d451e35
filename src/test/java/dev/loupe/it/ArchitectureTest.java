package dev.loupe.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/// The layering rules of docs/ARCHITECTURE: dependencies point one way, the model and the executor never
/// see JavaFX, and generated protobuf classes stay inside the package that owns them.
class ArchitectureTest {

    private static JavaClasses loupe;

    @BeforeAll
    static void importClasses() {
        loupe = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.loupe");
    }

    @Test
    void modelAndExecutorNeverUseJavaFx() {
        noClasses().that().resideInAnyPackage("dev.loupe.model..", "dev.loupe.executor..", "dev.loupe.gpu..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .check(loupe);
    }

    @Test
    void onnxProtobufClassesStayInTheModelIoPackage() {
        classes().that().resideInAPackage("dev.loupe.model.io.proto..")
                .should().onlyBeAccessed().byAnyPackage("dev.loupe.model.io..")
                .check(loupe);
    }

    @Test
    void schemaProtobufClassesStayInTheSchemaPackage() {
        classes().that().resideInAPackage("dev.loupe.model.schema.proto..")
                .should().onlyBeAccessed().byAnyPackage("dev.loupe.model.schema..")
                .check(loupe);
    }

    @Test
    void onlyTheModelLayerTouchesProtobuf() {
        noClasses().that().resideOutsideOfPackages("dev.loupe.model.io..", "dev.loupe.model.schema..")
                .should().dependOnClassesThat().resideInAnyPackage("com.google.protobuf..")
                .check(loupe);
    }

    @Test
    void modelDependsOnNoOtherLoupeModule() {
        noClasses().that().resideInAPackage("dev.loupe.model..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.loupe.executor..", "dev.loupe.gpu..",
                        "dev.loupe.plugins..", "dev.loupe.app..")
                .check(loupe);
    }

    @Test
    void executorDependsOnlyOnTheModel() {
        noClasses().that().resideInAPackage("dev.loupe.executor..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.loupe.gpu..", "dev.loupe.plugins..", "dev.loupe.app..")
                .check(loupe);
    }

    @Test
    void gpuBridgeAndPluginsNeverDependOnTheApp() {
        noClasses().that().resideInAnyPackage("dev.loupe.gpu..", "dev.loupe.plugins..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.loupe.app..")
                .check(loupe);
    }
}
