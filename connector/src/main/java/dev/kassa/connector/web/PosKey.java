package dev.kassa.connector.web;

import dev.kassa.connector.config.ConnectorConfig;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The POS side's authentication: {@code Authorization: Bearer <pos-api-key>} names the store, checked in constant time. */
public final class PosKey {

    private PosKey() {
    }

    public static Optional<ConnectorConfig.Store> store(ConnectorConfig config, HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? config.storeWithKey(header.substring(7).trim()) : Optional.empty();
    }

    public static ResponseEntity<ProblemDetail> unauthorized() {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"pos\"")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.UNAUTHORIZED, "a store's POS key is needed: Authorization: Bearer <pos-api-key>"));
    }

    public static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
