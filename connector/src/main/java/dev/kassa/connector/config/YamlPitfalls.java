package dev.kassa.connector.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * What YAML reads differently from what a person wrote (decision 0014): a bare {@code no}, {@code yes},
 * {@code on} or {@code off} is a boolean ({@code country: no}, Norway, becomes "false"), and a number with
 * a leading zero is octal ({@code centara-store: 0012} becomes 10). Both bind to our settings without an
 * error, so they are found here, in the YAML files' own values, and reported with a hint to quote them.
 */
public final class YamlPitfalls {

    private static final Pattern LEADING_ZERO = Pattern.compile(":\\s*[-+]?0[0-9_]+\\s*(#.*)?$");

    private YamlPitfalls() {
    }

    /**
     * The settings under {@code prefix} that YAML turned into a boolean (except those ending in one of
     * {@code booleans}, which are meant to be) or read from a number written with a leading zero.
     */
    public static List<String> find(Environment environment, String prefix, Set<String> booleans) {
        List<String> problems = new ArrayList<>();
        if (!(environment instanceof ConfigurableEnvironment env)) {
            return problems;
        }
        for (PropertySource<?> source : env.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> names)) {
                continue;
            }
            for (String name : names.getPropertyNames()) {
                if (!name.startsWith(prefix)) {
                    continue;
                }
                Object raw = source.getProperty(name);
                Object value = raw instanceof OriginTrackedValue t ? t.getValue() : raw;
                @SuppressWarnings("unchecked")
                Origin origin = source instanceof OriginLookup<?> lookup ? ((OriginLookup<String>) lookup).getOrigin(name) : null;
                String setting = name.replaceAll("\\[\\d+]", "");
                if (value instanceof Boolean b && booleans.stream().noneMatch(setting::endsWith)) {
                    problems.add(name + ": YAML read this as " + b + " (a bare yes, no, on, off, true or false is a yes/no"
                            + " in YAML): quote the value you meant, e.g. country: \"no\"" + where(origin));
                } else if (value instanceof Number && origin instanceof TextResourceOrigin text && leadingZero(text)) {
                    problems.add(name + ": YAML read a number with a leading zero as " + value + " (octal): quote it, e.g."
                            + " \"0012\", or write it without the zero" + where(origin));
                }
            }
        }
        return problems;
    }

    private static String where(Origin origin) {
        return origin == null ? "" : " (" + origin + ")";
    }

    /** Whether the YAML line the value came from writes it with a leading zero. */
    private static boolean leadingZero(TextResourceOrigin origin) {
        if (origin.getResource() == null || origin.getLocation() == null) {
            return false;
        }
        int line = origin.getLocation().getLine();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(origin.getResource().getInputStream(), StandardCharsets.UTF_8))) {
            String text = null;
            for (int i = 0; i <= line; i++) {
                text = in.readLine();
                if (text == null) {
                    return false;
                }
            }
            return LEADING_ZERO.matcher(text).find();
        } catch (IOException e) {
            return false;
        }
    }
}
