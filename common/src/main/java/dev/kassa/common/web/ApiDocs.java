package dev.kassa.common.web;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Swagger UI for a program's OpenAPI files, at {@code /api-docs}: the files are the program's own
 * ({@code kassa.openapi.files}, under {@code /openapi/}), Swagger UI comes from its webjar in the jar
 * (no CDN). Each program imports this with its files named in its defaults.
 */
@RestController
public class ApiDocs {

    private final List<String> files;
    private final String title;

    public ApiDocs(@Value("${kassa.openapi.files}") List<String> files, @Value("${kassa.openapi.title}") String title) {
        this.files = List.copyOf(files);
        this.title = title;
    }

    @GetMapping(path = "/api-docs", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String page() {
        StringBuilder urls = new StringBuilder();
        for (String f : files) {
            String name = f.replaceAll("[^A-Za-z0-9._-]", "");
            urls.append(urls.isEmpty() ? "" : ", ").append("{url: '/openapi/").append(name).append("', name: '").append(name).append("'}");
        }
        String t = HtmlUtils.htmlEscape(title);
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>%s · API</title>
                  <link rel="stylesheet" href="/webjars/swagger-ui/swagger-ui.css">
                </head>
                <body>
                <div id="swagger-ui"></div>
                <script src="/webjars/swagger-ui/swagger-ui-bundle.js"></script>
                <script src="/webjars/swagger-ui/swagger-ui-standalone-preset.js"></script>
                <script>
                  window.ui = SwaggerUIBundle({urls: [%s], dom_id: '#swagger-ui', deepLinking: true,
                    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout'});
                </script>
                </body>
                </html>
                """.formatted(t, urls);
    }
}
