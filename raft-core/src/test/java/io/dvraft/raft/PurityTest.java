package io.dvraft.raft;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.io.Console;
import java.io.RandomAccessFile;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.InstantSource;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.Timer;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Purity (DESIGN section 2): raft-core's main code owns no thread, clock, randomness (other than its
 * seeded generator), I/O, logging or static mutable state, and depends on nothing but the JDK and
 * itself. That is what makes it deterministic and embeddable anywhere. Each rule is also shown to
 * fail on a small impure class, so that a rule that silently matches nothing cannot pass.
 */
class PurityTest {

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main =
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            // raft-core's own classes are a directory here; skipping the jars makes the scan quick
            .withImportOption(new ImportOption.DoNotIncludeJars())
            .importPackages("io.dvraft.raft");
  }

  // -------------------------------------------------------------------------------------------
  // The rules

  static final ArchRule NO_THREADS =
      noClasses()
          .should().dependOnClassesThat(
              belongToAnyOf(Thread.class, ThreadGroup.class, ThreadLocal.class, Timer.class,
                      Runtime.class, ProcessBuilder.class)
                  .or(resideInAPackage("java.util.concurrent..")))
          .because("the state machine is single-threaded; the host owns every thread");

  static final ArchRule NO_CLOCKS =
      noClasses()
          .should().callMethodWhere(readsTheTime())
          .orShould().dependOnClassesThat(belongToAnyOf(Clock.class, InstantSource.class))
          .because("time is the host's tick() calls, nothing else");

  static final ArchRule NO_RANDOMNESS =
      noClasses()
          .should().dependOnClassesThat(
              belongToAnyOf(Random.class, SecureRandom.class, SplittableRandom.class,
                      ThreadLocalRandom.class)
                  .or(resideInAPackage("java.util.random..")))
          .orShould().callMethod(Math.class, "random")
          .orShould().callMethod(StrictMath.class, "random")
          .orShould().callMethod(UUID.class, "randomUUID")
          .because("randomness comes only from the seeded SplitMix64, so runs replay");

  static final ArchRule NO_IO =
      noClasses()
          .should().dependOnClassesThat(
              resideInAPackage("java.io").and(simpleNameStartingWith("File"))
                  .or(belongToAnyOf(RandomAccessFile.class, Console.class))
                  .or(resideInAnyPackage("java.nio.file..", "java.nio.channels..", "java.net..")))
          .because("the host owns storage and network");

  static final ArchRule NO_LOGGING_OR_PRINTING =
      noClasses()
          .should().dependOnClassesThat(
              belongToAnyOf(System.Logger.class, System.LoggerFinder.class)
                  .or(resideInAnyPackage("java.util.logging..", "org.slf4j..",
                      "org.apache.logging..", "org.apache.commons.logging..", "ch.qos.logback..")))
          .orShould().accessField(System.class, "out")
          .orShould().accessField(System.class, "err")
          .orShould().callMethodWhere(printsAStackTrace())
          .because("what happens is reported as events in the output");

  static final ArchRule NO_STATIC_MUTABLE_STATE =
      fields().that().areStatic().should().beFinal()
          .because("two state machines in one JVM must not share state");

  static final ArchRule ONLY_JDK_AND_ITSELF =
      classes().should().onlyDependOnClassesThat(resideInAnyPackage("java..", "io.dvraft.raft.."))
          .because("raft-core has zero runtime dependencies");

  private static DescribedPredicate<JavaMethodCall> readsTheTime() {
    return DescribedPredicate.describe("reads the time", call -> {
      String owner = call.getTargetOwner().getName();
      String name = call.getName();
      return (owner.equals(System.class.getName())
              && (name.equals("currentTimeMillis") || name.equals("nanoTime")))
          || (owner.startsWith("java.time.") && name.equals("now"));
    });
  }

  private static DescribedPredicate<JavaMethodCall> printsAStackTrace() {
    return DescribedPredicate.describe("prints a stack trace",
        call -> call.getName().equals("printStackTrace"));
  }

  // -------------------------------------------------------------------------------------------
  // raft-core obeys them

  @Test
  void importCoversTheMainClassesAndNoTestClass() {
    assertThat(main.contain(RaftStateMachine.class)).isTrue();
    assertThat(main.contain("io.dvraft.raft.log.RaftLog")).isTrue();
    assertThat(main.contain(PurityTest.class)).isFalse();
    assertThat(main.contain(SteppedNode.class)).isFalse();
  }

  @Test
  void usesNoThreadsOrExecutors() {
    NO_THREADS.check(main);
  }

  @Test
  void readsNoClock() {
    NO_CLOCKS.check(main);
  }

  @Test
  void drawsNoRandomnessButFromItsSeededGenerator() {
    NO_RANDOMNESS.check(main);
  }

  @Test
  void doesNoFileOrNetworkIo() {
    NO_IO.check(main);
  }

  @Test
  void neitherLogsNorPrints() {
    NO_LOGGING_OR_PRINTING.check(main);
  }

  @Test
  void holdsNoStaticMutableState() {
    NO_STATIC_MUTABLE_STATE.check(main);
  }

  @Test
  void dependsOnNothingButTheJdkAndItself() {
    ONLY_JDK_AND_ITSELF.check(main);
  }

  // -------------------------------------------------------------------------------------------
  // The rules can fail

  static Stream<Arguments> violations() {
    return Stream.of(
        Arguments.of("NO_THREADS", NO_THREADS, Impure.StartsAThread.class),
        Arguments.of("NO_THREADS", NO_THREADS, Impure.UsesAnExecutor.class),
        Arguments.of("NO_CLOCKS", NO_CLOCKS, Impure.ReadsNanoTime.class),
        Arguments.of("NO_CLOCKS", NO_CLOCKS, Impure.ReadsCurrentTimeMillis.class),
        Arguments.of("NO_CLOCKS", NO_CLOCKS, Impure.ReadsInstantNow.class),
        Arguments.of("NO_RANDOMNESS", NO_RANDOMNESS, Impure.UsesJavaUtilRandom.class),
        Arguments.of("NO_RANDOMNESS", NO_RANDOMNESS, Impure.UsesMathRandom.class),
        Arguments.of("NO_RANDOMNESS", NO_RANDOMNESS, Impure.UsesThreadLocalRandom.class),
        Arguments.of("NO_IO", NO_IO, Impure.ReadsAFile.class),
        Arguments.of("NO_IO", NO_IO, Impure.UsesNioFiles.class),
        Arguments.of("NO_IO", NO_IO, Impure.OpensASocket.class),
        Arguments.of("NO_LOGGING_OR_PRINTING", NO_LOGGING_OR_PRINTING, Impure.PrintsToSystemOut.class),
        Arguments.of("NO_LOGGING_OR_PRINTING", NO_LOGGING_OR_PRINTING, Impure.LogsWithSystemLogger.class),
        Arguments.of("NO_STATIC_MUTABLE_STATE", NO_STATIC_MUTABLE_STATE, Impure.CountsInAStaticField.class),
        Arguments.of("ONLY_JDK_AND_ITSELF", ONLY_JDK_AND_ITSELF, Impure.UsesALibrary.class));
  }

  @ParameterizedTest(name = "{0} catches {2}")
  @MethodSource("violations")
  void eachRuleReportsAViolationInAnImpureClass(String name, ArchRule rule, Class<?> impure) {
    EvaluationResult result = rule.evaluate(new ClassFileImporter().importClasses(impure));

    assertThat(result.hasViolation()).isTrue();
  }

  @Test
  void theRulesPassAPureClass() {
    JavaClasses pure = new ClassFileImporter().importClasses(Impure.Pure.class);
    for (ArchRule rule : new ArchRule[] {NO_THREADS, NO_CLOCKS, NO_RANDOMNESS, NO_IO,
        NO_LOGGING_OR_PRINTING, NO_STATIC_MUTABLE_STATE, ONLY_JDK_AND_ITSELF}) {
      assertThat(rule.evaluate(pure).hasViolation()).as(rule.getDescription()).isFalse();
    }
  }
}
