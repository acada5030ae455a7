package io.dvraft.raft;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/** Small classes that break one purity rule each, for {@link PurityTest} to prove its rules fail. */
final class Impure {

  private Impure() {}

  static final class StartsAThread {
    void run() {
      new Thread(() -> {}).start();
    }
  }

  static final class UsesAnExecutor {
    void run() {
      Executors.newSingleThreadExecutor().shutdown();
    }
  }

  static final class ReadsNanoTime {
    long now() {
      return System.nanoTime();
    }
  }

  static final class ReadsCurrentTimeMillis {
    long now() {
      return System.currentTimeMillis();
    }
  }

  static final class ReadsInstantNow {
    Instant now() {
      return Instant.now();
    }
  }

  static final class UsesJavaUtilRandom {
    int roll() {
      return new Random().nextInt(6);
    }
  }

  static final class UsesMathRandom {
    double roll() {
      return Math.random();
    }
  }

  static final class UsesThreadLocalRandom {
    int roll() {
      return ThreadLocalRandom.current().nextInt(6);
    }
  }

  static final class ReadsAFile {
    int read() throws IOException {
      try (FileInputStream in = new FileInputStream(new File("x"))) {
        return in.read();
      }
    }
  }

  static final class UsesNioFiles {
    byte[] read() throws IOException {
      return Files.readAllBytes(Path.of("x"));
    }
  }

  static final class OpensASocket {
    void open() throws IOException {
      new Socket("localhost", 1).close();
    }
  }

  static final class PrintsToSystemOut {
    void print() {
      System.out.println("hello");
    }
  }

  static final class LogsWithSystemLogger {
    void log() {
      System.getLogger("raft").log(System.Logger.Level.INFO, "hello");
    }
  }

  static final class CountsInAStaticField {
    static int counter;

    void count() {
      counter++;
    }
  }

  static final class UsesALibrary {
    void check() {
      org.assertj.core.api.Assertions.assertThat(1).isEqualTo(1);
    }
  }

  static final class Pure {
    static final int LIMIT = 3;

    int sum(List<Integer> values) {
      int s = 0;
      for (int v : values) {
        s += Math.min(v, LIMIT);
      }
      return s;
    }
  }
}
