package dev.kassa.centra.sandbox.orderapi;

import dev.kassa.common.web.Secrets;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What every Order API request goes through before its handler: the instance must exist (404), the
 * {@code API-Authorization} header must equal its secret (401, compared in constant time), the endpoint
 * must be allowed (403), a write must fit the write budget when rate limiting is on (429), and a body
 * must stay under 10 MiB (413) — in that order (§13.2).
 */
@Component
public class OrderApiGuard {

    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    public static final String AUTH_HEADER = "API-Authorization";

    private final OrderApiInstances instances;
    private final WriteBudget budget;

    OrderApiGuard(OrderApiInstances instances, WriteBudget budget) {
        this.instances = instances;
        this.budget = budget;
    }

    public OrderApiInstance authorize(String uri, HttpServletRequest request, OrderApiEndpoint endpoint) {
        OrderApiInstance instance = instances.find(uri)
                .orElseThrow(() -> OrderApiException.no(404, "no Order API is installed at /api/" + uri));
        if (!Secrets.constantTimeEquals(request.getHeader(AUTH_HEADER), instance.secret())) {
            throw OrderApiException.unauthorized();
        }
        if (!instance.allows(endpoint)) {
            throw OrderApiException.notAllowed();
        }
        // From the query string only: getParameter would consume a body sent as a form (curl -d's default).
        String xml = UriComponentsBuilder.newInstance().query(request.getQueryString()).build().getQueryParams()
                .getFirst("xml");
        if ("true".equalsIgnoreCase(xml) || "1".equals(xml)) {
            throw OrderApiException.badRequest("xml: XML responses are not offered by this sandbox; omit xml for JSON");
        }
        if (!"GET".equals(request.getMethod())) {
            try {
                String decided = budget.spend();
                if (decided != null) {
                    request.setAttribute(dev.kassa.common.sandbox.traffic.SandboxTraffic.NOTE, decided);
                }
            } catch (OrderApiException e) {
                if (e.httpStatus() == 429) {
                    request.setAttribute(dev.kassa.common.sandbox.traffic.SandboxTraffic.NOTE,
                            "rate limit: refused, the budget is spent; retry after " + e.retryAfterSeconds() + " s");
                }
                throw e;
            }
        }
        return instance;
    }

    /** Reads the request body, refusing more than {@link #MAX_BODY_BYTES} without buffering the excess. */
    public byte[] body(HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw OrderApiException.badRequest("the request body could not be read: " + e.getMessage());
        }
    }

    private static OrderApiException tooLarge() {
        return OrderApiException.no(413, "request body is larger than " + MAX_BODY_BYTES + " bytes");
    }
}
