package dev.kassa.centara.sandbox.admin;

import dev.kassa.centara.sandbox.orders.ApiAuth;
import dev.kassa.common.sandbox.AdminJson;
import dev.kassa.common.sandbox.traffic.SandboxTraffic;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What the Centara sandbox's faults and journal need to know of Centara (decision 0020): an injected status
 * answers with problem details as the external orders API does, and a call's credential is the API token
 * (or the basic-auth user) when it is the right one.
 */
@Component
class CentaraTraffic implements SandboxTraffic.Vendor {

    private final ApiAuth auth;

    CentaraTraffic(ApiAuth auth) {
        this.auth = auth;
    }

    @Override
    public SandboxTraffic.ErrorAnswer error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        HttpStatus known = HttpStatus.resolve(status);
        body.put("title", known == null ? "Error" : known.getReasonPhrase());
        body.put("status", status);
        body.put("detail", message);
        return new SandboxTraffic.ErrorAnswer("application/problem+json", AdminJson.MAPPER.writeValueAsString(body));
    }

    @Override
    public String credential(HttpServletRequest request) {
        if (request.getHeader("Authorization") == null) {
            return null;
        }
        return auth.allows(request) ? "API credentials" : "wrong API credentials";
    }
}
