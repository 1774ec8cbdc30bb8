package dev.kassa.connector.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The console speaks English, Swedish and German completely: every word a template, the controller or the
 * script asks for exists in each language, no language has words the others lack, and every message is a
 * valid {@link MessageFormat} pattern with the same arguments in each language.
 */
class ConsoleMessagesTest {

    private static Properties load(String suffix) throws IOException {
        Properties p = new Properties();
        try (InputStream in = ConsoleMessagesTest.class.getResourceAsStream("/console/messages" + suffix + ".properties")) {
            assertThat(in).as("console/messages%s.properties", suffix).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static final Pattern ARG = Pattern.compile("\\{(\\d+)");

    private static Set<String> args(String message) {
        Set<String> out = new TreeSet<>();
        Matcher m = ARG.matcher(message);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void everyLanguageHasEveryMessageWithTheSameArguments() throws IOException {
        Properties en = load("");
        for (String lang : new String[]{"_sv", "_de"}) {
            Properties other = load(lang);
            assertThat(other.stringPropertyNames()).as("messages%s has the keys of English", lang)
                    .containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
            for (String key : en.stringPropertyNames()) {
                new MessageFormat(other.getProperty(key)); // a broken pattern throws here
                assertThat(args(other.getProperty(key))).as("%s%s: the arguments of English", key, lang)
                        .isEqualTo(args(en.getProperty(key)));
            }
        }
        en.stringPropertyNames().forEach(k -> new MessageFormat(en.getProperty(k)));
    }

    /** Keys named in the templates and the Java code, literally or as a prefix plus a known set of endings. */
    @Test
    void everyMessageThePagesAskForExists() throws IOException {
        Properties en = load("");
        Set<String> asked = new TreeSet<>();
        Path root = Path.of("src", "main");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html") || p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                Matcher literal = Pattern.compile("#\\{([a-zA-Z.\\-]+)[}(]").matcher(text);
                while (literal.find()) {
                    asked.add(literal.group(1));
                }
                Matcher said = Pattern.compile("say\\(\"([a-zA-Z.\\-]+)\"[,)]").matcher(text);
                while (said.find()) {
                    asked.add(said.group(1));
                }
            }
        }
        assertThat(asked).as("messages the pages ask for").hasSizeGreaterThan(100);
        assertThat(en.stringPropertyNames()).containsAll(asked);
        // keys made of a prefix and a value: every value has its words
        for (String state : ConsoleController.OFFER_STATES) {
            assertThat(en).containsKey("state." + state);
        }
        for (String kind : dev.kassa.connector.admin.HeadOffice.ATTENTION_KINDS) {
            assertThat(en).containsKeys("kind." + kind, "attention." + kind + ".what", "attention." + kind + ".todo");
        }
        for (String reason : ConsoleController.REJECT_REASONS.keySet()) {
            assertThat(en).containsKey("reason." + reason);
        }
        for (String lang : dev.kassa.connector.config.ConnectorConfig.LANGUAGES) {
            assertThat(en).containsKey("language." + lang);
        }
        for (String code : new String[]{"not-offered", "expired", "tracking-required", "not-in-till", "stock-not-set"}) {
            assertThat(en).containsKey("refused." + code);
        }
    }

    @Test
    void whatTheScriptSaysIsGivenToIt() throws IOException {
        String script = Files.readString(Path.of("src", "main", "resources", "static", "assets", "console.js"));
        String parts = Files.readString(Path.of("src", "main", "resources", "templates", "console", "parts.html"));
        Matcher said = Pattern.compile("kassaSay\\('([a-zA-Z]+)'").matcher(script);
        int n = 0;
        while (said.find()) {
            assertThat(parts).as("window.kassaText has %s", said.group(1)).containsPattern("\\b" + said.group(1) + ": \\[\\[#\\{");
            n++;
        }
        assertThat(n).isGreaterThanOrEqualTo(6);
    }
}
