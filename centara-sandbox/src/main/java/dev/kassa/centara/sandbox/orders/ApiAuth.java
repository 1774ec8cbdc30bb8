package dev.kassa.centara.sandbox.orders;

import dev.kassa.centara.sandbox.state.CentaraDataset.Auth;
import dev.kassa.centara.sandbox.state.DatasetStore;
import dev.kassa.common.web.Secrets;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * The API's authentication (spec B.2): {@code bearer} (the default), {@code basic} or {@code none}, as the
 * dataset says; credentials are compared in constant time. Cached, and reloaded when the state changes.
 */
@Component
public class ApiAuth {

    private final DatasetStore store;
    private volatile Auth auth;

    ApiAuth(DatasetStore store) {
        this.store = store;
        reload();
    }

    public void reload() {
        auth = store.auth();
    }

    /** The scheme to name in WWW-Authenticate. */
    public String scheme() {
        return "basic".equals(auth.mode()) ? "Basic realm=\"centara\"" : "Bearer realm=\"centara\"";
    }

    public boolean allows(HttpServletRequest request) {
        Auth a = auth;
        String header = request.getHeader("Authorization");
        return switch (a.mode()) {
            case "none" -> true;
            case "bearer" -> header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                    && Secrets.constantTimeEquals(header.substring(7).trim(), a.token());
            case "basic" -> {
                if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
                    yield false;
                }
                String decoded;
                try {
                    decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    yield false;
                }
                // Both halves are always compared, so the time taken does not tell which one was wrong.
                int colon = decoded.indexOf(':');
                String user = colon < 0 ? decoded : decoded.substring(0, colon);
                String password = colon < 0 ? "" : decoded.substring(colon + 1);
                boolean userOk = Secrets.constantTimeEquals(user, a.username());
                boolean passwordOk = Secrets.constantTimeEquals(password, a.password());
                yield colon >= 0 & userOk & passwordOk;
            }
            default -> false;
        };
    }
}
