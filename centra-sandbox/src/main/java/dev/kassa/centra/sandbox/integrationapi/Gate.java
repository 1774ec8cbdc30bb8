package dev.kassa.centra.sandbox.integrationapi;

import dev.kassa.common.sandbox.traffic.SandboxTraffic;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every Integration API request goes through before GraphQL runs it, in this order: a token Centra
 * knows ({@code Authorization: Bearer …}, or the {@code graphql-access} cookie Centra's examples use; else
 * 401), a body under 1 MiB (413), and the rate limits (429 with {@code Retry-After} as a moment, an
 * HTTP-date, decision 0024). The token's permissions and the request's complexity go on to GraphQL as
 * request attributes.
 */
class Gate extends OncePerRequestFilter {

    static final String PERMISSIONS = Gate.class.getName() + ".permissions";
    static final String COMPLEXITY = Gate.class.getName() + ".complexity";
    static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Tokens tokens;
    private final RateLimits limits;

    Gate(Tokens tokens, RateLimits limits) {
        this.tokens = tokens;
        this.limits = limits;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Set<String>> permissions = tokens.permissions(token(request));
        if (permissions.isEmpty()) {
            refuse(response, 401, "Unauthorized: the request carries no Integration API token this Centra knows"
                    + " (Authorization: Bearer <token>)", null);
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            refuse(response, 413, "the request body is larger than " + MAX_BODY_BYTES + " bytes", null);
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            refuse(response, 413, "the request body is larger than " + MAX_BODY_BYTES + " bytes", null);
            return;
        }
        Operation operation = operation(body);
        Optional<RateLimits.Refusal> refused = limits.spend(operation.mutation(), operation.complexity());
        if (refused.isPresent()) {
            // an HTTP-date has whole seconds: rounded up, so that a client waiting until then is never early
            java.time.Instant retryAt = refused.get().retryAt();
            java.time.Instant whole = retryAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            String at = DateTimeFormatter.RFC_1123_DATE_TIME.format((whole.equals(retryAt) ? whole : whole.plusSeconds(1))
                    .atOffset(ZoneOffset.UTC));
            request.setAttribute(SandboxTraffic.NOTE, "rate limit: refused, " + refused.get().why() + "; retry at " + at);
            refuse(response, 429, "Rate limit exceeded: " + refused.get().why(), at);
            return;
        }
        request.setAttribute(PERMISSIONS, permissions.get());
        request.setAttribute(COMPLEXITY, operation.complexity());
        chain.doFilter(new Body(request, body), response);
    }

    private static String token(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        if (request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (c.getName().equals("graphql-access")) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Operation operation(byte[] body) {
        try {
            JsonNode request = JSON.readTree(body);
            if (request == null || !request.isObject()) {
                return new Operation(false, 0);
            }
            JsonNode query = request.get("query");
            JsonNode name = request.get("operationName");
            JsonNode variables = request.get("variables");
            return Operation.of(query != null && query.isString() ? query.asString() : null,
                    name != null && name.isString() ? name.asString() : null,
                    variables != null && variables.isObject() ? JSON.convertValue(variables, Map.class) : Map.of());
        } catch (JacksonException e) {
            return new Operation(false, 0); // GraphQL answers the unreadable body itself
        }
    }

    private static void refuse(HttpServletResponse response, int status, String message, String retryAt) throws IOException {
        response.setStatus(status);
        if (retryAt != null) {
            response.setHeader("Retry-After", retryAt);
        }
        response.setContentType("application/json");
        response.getOutputStream().write(JSON.writeValueAsBytes(Map.of("errors", List.of(Map.of("message", message)))));
    }

    /** The request with its body read once and served again to GraphQL. */
    private static final class Body extends HttpServletRequestWrapper {
        private final byte[] body;

        Body(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
