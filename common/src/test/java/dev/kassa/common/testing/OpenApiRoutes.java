package dev.kassa.common.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Which routes of a server its OpenAPI files do not describe; path variables compare by position only. */
public final class OpenApiRoutes {

    private OpenApiRoutes() {
    }

    /**
     * Every route pattern (trailing-slash twins and catch-alls aside) whose description, chosen by
     * {@code yamlFor} (null: not described anywhere), lacks it.
     */
    public static List<String> undocumented(RequestMappingHandlerMapping mappings, Function<String, String> yamlFor) {
        List<String> missing = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String path : info.getPatternValues()) {
                if (path.endsWith("/") || path.contains("**") || path.startsWith("/error")) {
                    continue;
                }
                String yaml = yamlFor.apply(path);
                if (yaml != null && !paths(yaml).contains(normalise(path))) {
                    missing.add(path);
                }
            }
        }
        return missing;
    }

    private static Set<String> paths(String yaml) {
        Set<String> paths = new HashSet<>();
        Matcher m = Pattern.compile("(?m)^  (/[^:]+):\\s*$").matcher(yaml);
        while (m.find()) {
            paths.add(normalise(m.group(1)));
        }
        return paths;
    }

    private static String normalise(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }
}
