package dev.kassa.common.sandbox.traffic;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Every call to a sandbox passes here (decision 0020): a fault aimed at it hits it (vendor API calls under
 * {@code /api/} only, so the admin API always answers), and it goes into the journal with what came of it.
 * Reading the journal itself ({@code /sandbox/requests}) is not journaled.
 */
public class SandboxTraffic extends OncePerRequestFilter {

    /** A request attribute a sandbox sets to say what it decided on the way (Centra's rate limit). */
    public static final String NOTE = "dev.kassa.sandbox.journal.note";
    static final int BODY_LIMIT = 4096;
    static final int PATH_LIMIT = 1000;

    /** What differs between the sandboxes: the vendor's error body, and whose credential a call carries. */
    public interface Vendor {

        /** The vendor's own error answer for an injected status: content type and body. */
        ErrorAnswer error(int status, String message);

        /**
         * The name of the vendor API credential a call under {@code /api/} carries (an Order API instance, "API
         * token", …), never the secret; null when it carries none.
         */
        String credential(HttpServletRequest request);

        /** Whether the sandbox serves Order API instances ({@code /api/<instance>/…}), which faults may name. */
        default boolean instances() {
            return false;
        }

        /**
         * Where the vendor's API is: the path prefixes faults may aim at and the journal counts as vendor calls
         * ({@code /api/}; Centra's Integration API adds {@code /graphql}).
         */
        default List<String> apiPaths() {
            return List.of("/api/");
        }
    }

    /** Whether {@code path} is the vendor's API (faults may hit it; the pages count its calls). */
    public static boolean vendorPath(Vendor vendor, String path) {
        return vendor.apiPaths().stream().anyMatch(path::startsWith);
    }

    public record ErrorAnswer(String contentType, String body) {
    }

    private final HttpFaults faults;
    private final RequestJournal journal;
    private final Vendor vendor;
    private final Clock clock;

    public SandboxTraffic(HttpFaults faults, RequestJournal journal, Vendor vendor, Clock clock) {
        this.faults = faults;
        this.journal = journal;
        this.vendor = vendor;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (path.startsWith("/sandbox/requests")) {
            chain.doFilter(request, response);
            return;
        }
        Instant at = clock.instant();
        long t0 = System.nanoTime();
        String method = request.getMethod();
        Optional<HttpFault> fault = vendorPath(vendor, path) ? faults.hit(method, path) : Optional.empty();
        boolean bodies = journal.bodies();
        HttpServletRequest in = bodies ? new ContentCachingRequestWrapper(request, BODY_LIMIT) : request;
        ContentCachingResponseWrapper buffered = null;
        int status = 0;
        String note = null;
        try {
            String kind = fault.map(HttpFault::kind).orElse("none");
            switch (kind) {
                case "status" -> {
                    status = fault.get().status();
                    ErrorAnswer answer = vendor.error(status, "fault injected by the sandbox (#" + fault.get().id() + "): status " + status);
                    response.setStatus(status);
                    if (status == 429 || status == 503) {
                        response.setHeader("Retry-After", "1");
                    }
                    response.setContentType(answer.contentType());
                    response.getOutputStream().write(answer.body().getBytes(StandardCharsets.UTF_8));
                }
                case "hang" -> {
                    hold(fault.get().hangMillis());
                    abort(response);
                    note = "held " + fault.get().hangMillis() + " ms, then closed without an answer";
                }
                case "reset" -> {
                    abort(response); // before the request is read: the client's connection is reset or closed, unanswered
                    note = "closed before the request was read, without an answer";
                }
                case "empty-response" -> {
                    request.getInputStream().readAllBytes();
                    abort(response);
                    note = "read the request, closed without an answer";
                }
                case "lost-answer" -> {
                    buffered = new ContentCachingResponseWrapper(response);
                    chain.doFilter(in, buffered);
                    note = "took effect, answered " + buffered.getStatus() + ", and the answer was never sent";
                    abort(response);
                }
                default -> {
                    if (kind.equals("delay")) {
                        hold(fault.get().delayMillis());
                    }
                    // buffered, so the call is in the journal before its client has the answer: a client that
                    // counts its calls and then reads the journal finds every one of them
                    buffered = new ContentCachingResponseWrapper(response);
                    chain.doFilter(in, buffered);
                    status = buffered.getStatus();
                }
            }
        } finally {
            record(request, in, at, t0, status, fault, note, buffered == null || !bodies ? null : text(buffered.getContentAsByteArray()));
            if (buffered != null && status != 0) {
                buffered.copyBodyToResponse(); // the answer goes out only now, after the journal has the call
            }
        }
    }

    private void record(HttpServletRequest request, HttpServletRequest in, Instant at, long t0, int status, Optional<HttpFault> fault,
                        String note, String responseBody) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String called = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        // bounded, as the journal is: 10,000 entries of Tomcat's longest request line would be 80 MB
        String path = called.length() > PATH_LIMIT ? called.substring(0, PATH_LIMIT) + "…" : called;
        Object decided = request.getAttribute(NOTE);
        String notes = decided == null ? note : note == null ? decided.toString() : decided + "; " + note;
        journal.record(at, request.getMethod(), path, pattern == null ? request.getRequestURI() : pattern.toString(),
                credential(request, status), status, (System.nanoTime() - t0) / 1_000_000,
                fault.map(f -> f.kind() + " #" + f.id()).orElse(null), notes,
                in instanceof ContentCachingRequestWrapper w ? text(w.getContentAsByteArray()) : null, responseBody);
    }

    private String credential(HttpServletRequest request, int status) {
        if (vendorPath(vendor, request.getRequestURI())) {
            return vendor.credential(request);
        }
        if (request.getHeader("Authorization") == null) {
            return null;
        }
        return status == 401 || status == 403 ? "wrong admin token" : "admin token";
    }

    private static String text(byte[] bytes) {
        int n = Math.min(bytes.length, BODY_LIMIT);
        return n == 0 ? null : new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    private static void hold(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Closes the connection without sending anything: Tomcat's {@code CLOSE_NOW}, which also swallows whatever
     * the response holds. The servlet API has no such call, so the facade is opened by reflection.
     */
    static void abort(ServletResponse response) {
        ServletResponse r = response;
        while (r instanceof ServletResponseWrapper w) {
            r = w.getResponse();
        }
        if (!(r instanceof org.apache.catalina.connector.ResponseFacade facade)) {
            throw new IllegalStateException("a sandbox fault can close a connection only under Tomcat, not " + r.getClass());
        }
        try {
            var field = org.apache.catalina.connector.ResponseFacade.class.getDeclaredField("response");
            field.setAccessible(true);
            var tomcat = (org.apache.catalina.connector.Response) field.get(facade);
            tomcat.getCoyoteResponse().action(org.apache.coyote.ActionCode.CLOSE_NOW, null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot close the connection: " + e, e);
        }
    }
}
