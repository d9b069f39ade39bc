package dev.stallwatch.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module rules of docs/design.md, checked on the compiled classes of every module. */
class ModuleBoundariesTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importAllModules() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.stallwatch");
  }

  @Test
  void shouldKeepTheModelFreeOfEveryOtherModule() {
    noClasses()
        .that()
        .resideInAPackage("dev.stallwatch.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.stallwatch.collector..",
            "dev.stallwatch.streams..",
            "dev.stallwatch.search..",
            "dev.stallwatch.server..",
            "dev.stallwatch.app..")
        .check(classes);
  }

  @Test
  void shouldLetNothingDependOnTheApp() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.stallwatch.app..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.stallwatch.app..")
        .check(classes);
  }

  @Test
  void shouldKeepCollectorStreamsAndSearchIndependentOfEachOther() {
    noClasses()
        .that()
        .resideInAPackage("dev.stallwatch.collector..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.stallwatch.streams..", "dev.stallwatch.search..", "dev.stallwatch.server..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dev.stallwatch.streams..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.stallwatch.collector..", "dev.stallwatch.search..", "dev.stallwatch.server..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dev.stallwatch.search..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.stallwatch.collector..", "dev.stallwatch.streams..", "dev.stallwatch.server..")
        .check(classes);
  }

  @Test
  void shouldKeepKafkaStreamsOutOfThePureCorrelationLogic() {
    noClasses()
        .that()
        .resideInAPackage("dev.stallwatch.streams.correlation..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.kafka..")
        .check(classes);
  }
}
