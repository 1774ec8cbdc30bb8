package dev.kassa.centra.sandbox.shipfromstore;

import dev.kassa.common.sandbox.AdminInputException;
import dev.kassa.common.sandbox.AdminJson;
import dev.kassa.common.sandbox.SandboxAdminController;
import dev.kassa.centra.sandbox.shipfromstore.WebOrderPlacement.WebOrder;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import tools.jackson.databind.node.ObjectNode;

/** Admin: {@code POST /sandbox/web-orders} (a checkout places a web order) and AMS's "Resume" for check first. */
@SandboxAdminController
class WebOrdersController {

    private final WebOrderPlacement placement;
    private final CheckFirst checkFirst;

    WebOrdersController(WebOrderPlacement placement, CheckFirst checkFirst) {
        this.placement = placement;
        this.checkFirst = checkFirst;
    }

    @PostMapping(path = "/sandbox/web-orders", consumes = MediaType.ALL_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    ObjectNode place(@RequestBody(required = false) byte[] body) {
        try {
            return placement.place(AdminJson.read(body, WebOrder.class));
        } catch (WebOrderPlacement.Invalid e) {
            throw new AdminInputException("The web order was not placed; nothing changed.", e.errors());
        }
    }

    @PostMapping("/sandbox/orders/{number}/resume")
    Map<String, Object> resume(@PathVariable long number) {
        try {
            return Map.of("orderNumber", number, "rejectedOffers", checkFirst.resume(number));
        } catch (IllegalArgumentException e) {
            throw AdminInputException.of("number", "order " + number + " does not exist");
        }
    }
}
