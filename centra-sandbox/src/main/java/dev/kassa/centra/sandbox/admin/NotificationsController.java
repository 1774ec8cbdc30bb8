package dev.kassa.centra.sandbox.admin;

import dev.kassa.common.sandbox.SandboxAdminController;
import dev.kassa.centra.sandbox.state.LocalDateTimes;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code GET /sandbox/notifications}: the e-mails Centra would have sent an admin, such as the notice that
 * a stock update was raised to allocated stock (plugin setting {@code clampNotificationEmail}, §2).
 */
@SandboxAdminController
class NotificationsController {

    private final JdbcClient jdbc;

    NotificationsController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/sandbox/notifications")
    List<Map<String, Object>> notifications() {
        return jdbc.sql("select id, created_at, email, subject, body from centra_notification order by id")
                .query((rs, n) -> Map.<String, Object>of("id", rs.getLong(1),
                        "createdAt", LocalDateTimes.format(rs.getTimestamp(2).toLocalDateTime()),
                        "email", rs.getString(3), "subject", rs.getString(4), "body", rs.getString(5)))
                .list();
    }
}
