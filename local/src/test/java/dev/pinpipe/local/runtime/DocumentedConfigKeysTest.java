package dev.pinpipe.local.runtime;

import dev.pinpipe.config.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The keys the README and the operations guide name are the keys pinpipe reads. */
class DocumentedConfigKeysTest {

  private static final Path ROOT = Path.of("..");
  private static final Pattern KEY = Pattern.compile("`((?:kafka|ingest|s3|sink|mysql|emulator|embedded)\\.[a-z][a-z-]*)[`:]");

  @Test
  void theReadmesExampleConfigFileIsAccepted(@TempDir Path dir) throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int start = readme.indexOf("```yaml\nkafka:");
    String yaml = readme.substring(readme.indexOf('\n', start) + 1, readme.indexOf("```", start + 3));
    Path file = Files.writeString(dir.resolve("readme.yaml"), yaml);

    ConfigSource source = ConfigSource.load(Optional.of(file), Map.of(), LocalPipeline.CONFIG_KEYS);

    assertThat(source.string("embedded.mysql-port", null)).isEqualTo("3306");
  }

  @Test
  void everyKeyNamedInTheDocsIsOneThatIsRead() throws IOException {
    Set<String> named = new TreeSet<>();
    for (String doc : new String[] {"README.md", "docs/OPERATIONS.md", "docs/PERFORMANCE.md"}) {
      Matcher matcher = KEY.matcher(Files.readString(ROOT.resolve(doc)));
      while (matcher.find()) {
        named.add(matcher.group(1));
      }
    }

    assertThat(named).isNotEmpty().allMatch(LocalPipeline.CONFIG_KEYS::contains);
  }

  @Test
  void everyEnvironmentVariableNamedInTheDocsIsAcceptedByEveryCommand() throws IOException {
    Pattern variable = Pattern.compile("PINPIPE_[A-Z0-9_]*[A-Z0-9]");
    Set<String> named = new TreeSet<>();
    for (String doc : new String[] {"README.md", "docs/OPERATIONS.md", "docs/PERFORMANCE.md"}) {
      Matcher matcher = variable.matcher(Files.readString(ROOT.resolve(doc)));
      while (matcher.find()) {
        named.add(matcher.group());
      }
    }

    assertThat(named).contains("PINPIPE_JAVA_OPTS", "PINPIPE_MYSQL_PASSWORD", "PINPIPE_INGEST_TOKENS");
    for (String name : named) {
      ConfigSource.load(Optional.empty(), Map.of(name, "1"), LocalPipeline.CONFIG_KEYS);
    }
  }
}
