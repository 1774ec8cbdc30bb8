package dev.kassa.connector.webhook;

import dev.kassa.connector.config.ConnectorConfig;
import dev.kassa.connector.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /webhooks/centra}: Centra's webhook plugin (Integration API version, spec §10). The signature
 * is checked on the raw body before anything else; then the form field {@code payload} is decoded and
 * every event stored (de-duplicated) before the 200. Processing happens afterwards ({@link WebhookProcessor}).
 */
@RestController
class CentraWebhookController {

    private static final Logger log = LoggerFactory.getLogger(CentraWebhookController.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_BODY = 1024 * 1024;

    private final WebhookSignatureCheck signatures;
    private final WebhookInbox inbox;
    private final WebhookProcessor processor;
    private final Clock clock;

    CentraWebhookController(ConnectorConfig config, WebhookInbox inbox, WebhookProcessor processor, Clock clock) {
        this.signatures = new WebhookSignatureCheck(config.webhook().secret(), config.webhook().tolerance());
        this.inbox = inbox;
        this.processor = processor;
        this.clock = clock;
    }

    @PostMapping(path = "/webhooks/centra", consumes = MediaType.ALL_VALUE)
    ResponseEntity<?> receive(HttpServletRequest request) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "a webhook call is at most 1 MiB");
        }
        Optional<String> problem = signatures.problem(request.getHeader("X-Centra-Signature"), body, clock.instant());
        if (problem.isPresent()) {
            log.warn("refused a webhook call from {}: {}", request.getRemoteAddr(), problem.get());
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, problem.get(), Map.of(HttpHeaders.WWW_AUTHENTICATE, "X-Centra-Signature"));
        }
        String payload = formField(new String(body, StandardCharsets.US_ASCII), "payload");
        if (payload == null) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "the body must be the form field payload=<URL-encoded JSON>");
        }
        JsonNode json;
        try {
            json = JSON.readTree(payload);
        } catch (JacksonException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "payload is not JSON: " + e.getOriginalMessage());
        }
        JsonNode events = json.get("events");
        if (events == null || !events.isArray()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST,
                    "payload must be {\"events\": [...]} (webhook version Integration API)");
        }
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            if (!e.isObject() || !e.path("type").isString() || !e.path("action").isString()) {
                throw new ApiProblem(HttpStatus.BAD_REQUEST, "events[" + i + "] needs a type and an action; nothing was stored");
            }
        }
        int stored = 0;
        for (JsonNode e : events) {
            if (inbox.store(e)) {
                stored++;
            }
        }
        if (stored > 0) {
            processor.nudge();
        }
        return ResponseEntity.ok(Map.of("events", events.size(), "new", stored));
    }

    /** The value of a form field in an {@code application/x-www-form-urlencoded} body; null when absent or malformed. */
    static String formField(String body, String name) {
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                try {
                    return URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
