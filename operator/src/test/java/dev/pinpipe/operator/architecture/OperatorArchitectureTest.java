package dev.pinpipe.operator.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The operator's packages depend on each other without cycles; the custom resources' model depends
 * on nothing else of the operator (the CRDs are generated from it alone), and the operator runs
 * without the service, the harness or Vert.x.
 */
class OperatorArchitectureTest {

  private static final JavaClasses OPERATOR = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
      .importPackages("dev.pinpipe.operator");

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("dev.pinpipe.operator.(*)..").should().beFreeOfCycles().check(OPERATOR);
  }

  @Test
  void theModelDependsOnNothingElseOfTheOperator() {
    noClasses().that().resideInAPackage("dev.pinpipe.operator.model..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.pinpipe.operator.run..", "dev.pinpipe.operator.schedule..",
            "dev.pinpipe.operator.spark..", "dev.pinpipe.operator.runtime..", "dev.pinpipe.operator.cli..", "dev.pinpipe.operator.config..",
            "dev.pinpipe.operator.status..", "dev.pinpipe.operator.metrics..")
        .check(OPERATOR);
  }

  @Test
  void theOperatorNeedsNeitherTheServiceNorTheHarnessNorVertx() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.pinpipe.local..", "dev.pinpipe.embedded..", "dev.pinpipe.ingest..",
        "dev.pinpipe.sink..", "dev.pinpipe.runtime..", "io.vertx..").check(OPERATOR);
  }
}
