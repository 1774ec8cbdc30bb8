package dev.kassa.centara.sandbox.orders;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST api/order} and {@code GET api/order/{OrderId | ReferenceNumber}} (spec A, B), at the root and
 * under a site prefix as hosted instances have it ({@code /mysite/api/order}).
 */
@RestController
class OrderController {

    static final int MAX_BODY = 1024 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ApiAuth auth;
    private final ExternalOrders orders;

    OrderController(ApiAuth auth, ExternalOrders orders) {
        this.auth = auth;
        this.orders = orders;
    }

    @PostMapping(path = {"/api/order", "/{site}/api/order"}, consumes = MediaType.ALL_VALUE)
    ResponseEntity<?> create(HttpServletRequest request) throws IOException {
        ResponseEntity<?> refused = refuse(request);
        if (refused != null) {
            return refused;
        }
        String type = request.getContentType();
        if (type == null || !isJson(type)) {
            return Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "the body must be JSON (Content-Type: application/json), got " + (type == null ? "none" : type));
        }
        if (request.getContentLengthLong() > MAX_BODY) {
            return tooLarge();
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            return tooLarge();
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JacksonException e) {
            return Problems.of(HttpStatus.BAD_REQUEST, "Body is not JSON", "the body is not valid JSON: " + e.getOriginalMessage());
        }
        try {
            return ResponseEntity.ok(Map.of("OrderId", orders.create(json)));
        } catch (ExternalOrders.Rejected e) {
            return Problems.invalid(e.errors());
        } catch (ExternalOrders.DuplicateReference e) {
            return Problems.duplicate(referenceOf(json), e.orderId());
        }
    }

    @GetMapping({"/api/order/{key}", "/{site}/api/order/{key}"})
    ResponseEntity<?> get(@PathVariable String key, HttpServletRequest request) {
        ResponseEntity<?> refused = refuse(request);
        if (refused != null) {
            return refused;
        }
        return orders.find(key).<ResponseEntity<?>>map(row -> ResponseEntity.ok(orders.json(row)))
                .orElseGet(() -> Problems.of(HttpStatus.NOT_FOUND, "Not found",
                        "no order has OrderId or ReferenceNumber '" + key + "'"));
    }

    private ResponseEntity<?> refuse(HttpServletRequest request) {
        if (auth.allows(request)) {
            return null;
        }
        ResponseEntity<?> problem = Problems.of(HttpStatus.UNAUTHORIZED, "Unauthorized",
                "missing or wrong credentials in the Authorization header");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, auth.scheme())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem.getBody());
    }

    private static ResponseEntity<?> tooLarge() {
        return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "Body too large", "the body is over 1 MiB");
    }

    private static boolean isJson(String contentType) {
        try {
            MediaType t = MediaType.parseMediaType(contentType);
            return t.isCompatibleWith(MediaType.APPLICATION_JSON) || t.getSubtype().endsWith("+json");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The ReferenceNumber as posted, whatever the case of its property name. */
    private static String referenceOf(JsonNode json) {
        for (var e : json.properties()) {
            if (e.getKey().equalsIgnoreCase("ReferenceNumber")) {
                return e.getValue().asString();
            }
        }
        return "";
    }
}
