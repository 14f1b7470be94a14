package dev.pinpipe.local.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The local harness's packages depend on each other without cycles. */
class LocalArchitectureTest {

  private static final JavaClasses HARNESS = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
      .importPackages("dev.pinpipe.local");

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("dev.pinpipe.local.(*)..").should().beFreeOfCycles().check(HARNESS);
  }
}
