package dev.kassa.centra.sandbox.faults;

import dev.kassa.centra.sandbox.orderapi.OrderApiException;
import dev.kassa.centra.sandbox.orderapi.OrderApiGuard;
import dev.kassa.centra.sandbox.orderapi.OrderApiInstances;
import dev.kassa.common.sandbox.AdminJson;
import dev.kassa.common.sandbox.traffic.SandboxTraffic;
import dev.kassa.common.web.Secrets;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * What the Centra sandbox's faults and journal need to know of Centra (decision 0020): an injected status
 * answers with Centra's envelope ({@code {"status":"no","msg":…}}), a call's credential is named by the
 * Order API instance whose secret it carries, and faults may aim at one instance.
 */
@Component
class CentraTraffic implements SandboxTraffic.Vendor {

    private final OrderApiInstances instances;

    CentraTraffic(OrderApiInstances instances) {
        this.instances = instances;
    }

    @Override
    public SandboxTraffic.ErrorAnswer error(int status, String message) {
        return new SandboxTraffic.ErrorAnswer("application/json",
                AdminJson.MAPPER.writeValueAsString(OrderApiException.no(status, message).body()));
    }

    @Override
    public String credential(HttpServletRequest request) {
        if (request.getRequestURI().startsWith("/graphql")) {
            return request.getHeader("Authorization") == null ? null : "Integration API token";
        }
        String secret = request.getHeader(OrderApiGuard.AUTH_HEADER);
        if (secret == null) {
            return null;
        }
        String[] parts = request.getRequestURI().split("/", 4); // "", "api", uri, rest
        if (parts.length < 3) {
            return "a secret for no Order API";
        }
        return instances.find(parts[2]).filter(i -> Secrets.constantTimeEquals(secret, i.secret()))
                .map(i -> "Order API " + i.uri()).orElse("wrong secret for /api/" + parts[2]);
    }

    @Override
    public boolean instances() {
        return true;
    }

    /** The Order API under /api/ and the Integration API at /graphql (decision 0024). */
    @Override
    public java.util.List<String> apiPaths() {
        return java.util.List.of("/api/", "/graphql");
    }
}
