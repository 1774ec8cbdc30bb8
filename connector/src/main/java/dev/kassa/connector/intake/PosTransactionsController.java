package dev.kassa.connector.intake;

import dev.kassa.common.sandbox.AdminErrors;
import dev.kassa.connector.config.ConnectorConfig;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/pos/transactions}: the POS side (the Centara sandbox's till push, or Centara's
 * post-processing) hands over one transaction, authenticated with its store's key
 * ({@code Authorization: Bearer <pos-api-key>}). 200 means stored; the same transaction again is 200 too.
 */
@RestController
class PosTransactionsController {

    private static final int MAX_BODY = 1024 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConnectorConfig config;
    private final PosIntake intake;

    PosTransactionsController(ConnectorConfig config, PosIntake intake) {
        this.config = config;
        this.intake = intake;
    }

    @PostMapping(path = "/api/pos/transactions", consumes = MediaType.ALL_VALUE)
    ResponseEntity<?> take(HttpServletRequest request) throws IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        Optional<ConnectorConfig.Store> store = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? config.storeWithKey(header.substring(7).trim()) : Optional.empty();
        if (store.isEmpty()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"pos\"")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(ProblemDetail.forStatusAndDetail(
                            HttpStatus.UNAUTHORIZED, "a store's POS key is needed: Authorization: Bearer <pos-api-key>"));
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "a POS transaction is at most 1 MiB");
        }
        JsonNode t;
        try {
            t = JSON.readTree(body);
        } catch (JacksonException e) {
            return problem(HttpStatus.BAD_REQUEST, "the body is not valid JSON: " + e.getOriginalMessage());
        }
        try {
            PosIntake.Outcome outcome = intake.take(store.get(), t);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("TransactionId", t.get("TransactionId").asString());
            out.put("result", outcome == PosIntake.Outcome.ACCEPTED ? "accepted" : "duplicate");
            return ResponseEntity.ok(out);
        } catch (PosIntake.Invalid e) {
            return AdminErrors.badInput("The transaction was not stored; every problem is listed.", e.errors());
        } catch (PosIntake.WrongStore e) {
            return problem(HttpStatus.FORBIDDEN, e.getMessage());
        } catch (PosIntake.Conflict e) {
            return problem(HttpStatus.CONFLICT, e.getMessage());
        }
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
