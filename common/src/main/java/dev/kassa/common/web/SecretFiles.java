package dev.kassa.common.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Secrets from files (decision 0015): a setting {@code <name>-file} (environment: {@code <NAME>_FILE})
 * under {@code kassa.} or {@code spring.datasource.} gives {@code <name>} the content of that file, its
 * trailing line break removed, so no secret needs to sit in YAML, on a command line or in the environment
 * itself (a systemd credential, a Kubernetes or Docker secret, a file only the service user can read).
 * Giving a secret both ways is refused; an unreadable file is refused naming the setting and the path,
 * never the content.
 */
public class SecretFiles implements EnvironmentPostProcessor, Ordered {

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1; // after application.yaml and --config files are read
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        java.util.Set<String> done = new java.util.HashSet<>();
        for (PropertySource<?> source : List.copyOf(environment.getPropertySources().stream().toList())) {
            if (!(source instanceof EnumerablePropertySource<?> names)) {
                continue;
            }
            boolean variablesSource = source instanceof SystemEnvironmentPropertySource;
            Map<String, Object> added = new LinkedHashMap<>();
            for (String name : names.getPropertyNames()) {
                String target = null;
                if (variablesSource && name.endsWith("_FILE") && (name.startsWith("KASSA_") || name.startsWith("SPRING_DATASOURCE_"))) {
                    target = name.substring(0, name.length() - "_FILE".length());
                } else if (!variablesSource && name.endsWith("-file") && (name.startsWith("kassa.") || name.startsWith("spring.datasource."))) {
                    target = name.substring(0, name.length() - "-file".length());
                }
                // a source of lower precedence naming the same file setting is overridden: the first one wins
                if (target != null && done.add(target.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", ""))) {
                    added.put(target, read(name, String.valueOf(source.getProperty(name)), target, environment));
                }
            }
            if (!added.isEmpty()) {
                // the secret joins the source that named its file: Spring binds a list (stores[0], users[1]) from
                // one source only, so a separate source of secrets would hide the rest of the list
                environment.getPropertySources().replace(source.getName(), variablesSource
                        ? new SystemEnvironmentPropertySource(source.getName(), merged(names, added))
                        : new WithSecrets(names, added));
            }
        }
    }

    private static Map<String, Object> merged(EnumerablePropertySource<?> source, Map<String, Object> added) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (String name : source.getPropertyNames()) {
            all.put(name, source.getProperty(name));
        }
        all.putAll(added);
        return all;
    }

    /** A property source with secrets read from files beside its own settings (whose origins it keeps). */
    static final class WithSecrets extends EnumerablePropertySource<EnumerablePropertySource<?>>
            implements org.springframework.boot.origin.OriginLookup<String> {

        private final Map<String, Object> secrets;

        WithSecrets(EnumerablePropertySource<?> source, Map<String, Object> secrets) {
            super(source.getName(), source);
            this.secrets = Map.copyOf(secrets);
        }

        @Override
        public String[] getPropertyNames() {
            java.util.Set<String> names = new java.util.LinkedHashSet<>(List.of(getSource().getPropertyNames()));
            names.addAll(secrets.keySet());
            return names.toArray(String[]::new);
        }

        @Override
        public Object getProperty(String name) {
            Object secret = secrets.get(name);
            return secret != null ? secret : getSource().getProperty(name);
        }

        @Override
        @SuppressWarnings("unchecked")
        public org.springframework.boot.origin.Origin getOrigin(String name) {
            return getSource() instanceof org.springframework.boot.origin.OriginLookup<?> lookup && !secrets.containsKey(name)
                    ? ((org.springframework.boot.origin.OriginLookup<String>) lookup).getOrigin(name) : null;
        }
    }

    private static String read(String setting, String file, String target, ConfigurableEnvironment environment) {
        if (file == null || file.isBlank()) {
            throw new IllegalStateException(setting + ": names no file");
        }
        PropertySource<?> variables = environment.getPropertySources().get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        boolean alsoGiven = environment.containsProperty(target) && !String.valueOf(environment.getProperty(target)).isEmpty()
                || variables != null && variables.containsProperty(target);
        if (alsoGiven) {
            throw new IllegalStateException(setting + " and " + target + " are both given: give the secret one way (the file)");
        }
        try {
            String content = Files.readString(Path.of(file.trim()), StandardCharsets.UTF_8);
            return content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                    : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(setting + ": cannot read the file " + file.trim() + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
