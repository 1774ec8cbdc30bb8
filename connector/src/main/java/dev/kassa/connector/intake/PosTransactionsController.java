package dev.kassa.connector.intake;

import dev.kassa.connector.config.ConnectorConfig;
import dev.kassa.connector.stock.StockMetrics;
import dev.kassa.connector.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
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
    /** Decimals are read exactly (never through a double), so 1e400 or 0.1 are what the till sent. */
    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final PosIntake intake;
    private final StockMetrics metrics;

    PosTransactionsController(PosIntake intake, StockMetrics metrics) {
        this.intake = intake;
        this.metrics = metrics;
    }

    @PostMapping(path = "/api/pos/transactions", consumes = MediaType.ALL_VALUE)
    ResponseEntity<?> take(@AuthenticationPrincipal ConnectorConfig.Store store, HttpServletRequest request) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "a POS transaction is at most 1 MiB");
        }
        JsonNode t;
        try {
            t = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "the body is not valid JSON: " + e.getOriginalMessage());
        }
        PosIntake.Result result = intake.take(store, t); // refusals are problems (ApiProblems)
        if (result.outcome() == PosIntake.Outcome.ACCEPTED) {
            metrics.received(store.id());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("TransactionId", t.get("TransactionId").asString());
        out.put("result", result.outcome() == PosIntake.Outcome.ACCEPTED ? "accepted" : "duplicate");
        if (!result.held().isEmpty()) {
            // stored, but these will not be applied: their lines are dead letters for head office
            out.put("notApplied", result.held());
        }
        return ResponseEntity.ok(out);
    }
}
