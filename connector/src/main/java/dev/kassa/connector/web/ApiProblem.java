package dev.kassa.connector.web;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request the connector's API refuses, as RFC 9457 problem details ({@link ApiProblems} writes it):
 * {@code status}, the {@code detail} in words, and headers the answer needs (WWW-Authenticate).
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final Map<String, String> headers;

    public ApiProblem(HttpStatus status, String detail) {
        this(status, detail, Map.of());
    }

    public ApiProblem(HttpStatus status, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    public HttpStatus status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
