package dev.pinpipe.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The service's structure, checked on its compiled classes: its packages depend on each other
 * without cycles, and nothing of the local harness or of the embedded services is reachable
 * from it (the container image carries only the service).
 */
class ServiceArchitectureTest {

  private static final JavaClasses SERVICE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
      .importPackages("dev.pinpipe");

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("dev.pinpipe.(*)..").should().beFreeOfCycles().check(SERVICE);
  }

  @Test
  void theServiceNeverReachesTheLocalHarnessOrTheEmbeddedServices() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "dev.pinpipe.local..", "dev.pinpipe.embedded..", "kafka.server..", "org.gaul.s3proxy..", "ch.vorburger..")
        .check(SERVICE);
  }
}
