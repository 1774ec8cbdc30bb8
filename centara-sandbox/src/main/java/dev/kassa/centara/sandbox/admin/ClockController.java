package dev.kassa.centara.sandbox.admin;

import dev.kassa.centara.sandbox.orders.StoreActions;
import dev.kassa.centara.sandbox.state.SandboxTime;
import dev.kassa.centara.sandbox.till.TransactionPusher;
import dev.kassa.common.sandbox.ClockAdvance;
import dev.kassa.common.sandbox.SandboxAdminController;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** {@code GET /sandbox/clock} and {@code POST /sandbox/clock/advance {"seconds": N}}. */
@SandboxAdminController
class ClockController {

    private final SandboxTime time;
    private final StoreActions actions;
    private final TransactionPusher pusher;

    ClockController(SandboxTime time, StoreActions actions, TransactionPusher pusher) {
        this.time = time;
        this.actions = actions;
        this.pusher = pusher;
    }

    @GetMapping("/sandbox/clock")
    Map<String, Object> now() {
        return Map.of("now", time.now().toString());
    }

    @PostMapping("/sandbox/clock/advance")
    Map<String, Object> advance(@RequestBody(required = false) byte[] body) {
        time.advance(ClockAdvance.read(body));
        // What became due is handled before the answer: expired orders are deleted, due retries start.
        actions.autoDeleteDue();
        pusher.pushDue();
        return now();
    }
}
