package dev.kassa.centra.sandbox.orderapi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns failures inside the emulated Order API into Centra's envelope; the admin API has its own model. */
@RestControllerAdvice(annotations = OrderApiController.class)
class OrderApiErrors {

    private static final Logger log = LoggerFactory.getLogger(OrderApiErrors.class);

    @ExceptionHandler(OrderApiException.class)
    ResponseEntity<Object> orderApi(OrderApiException e) {
        ResponseEntity.BodyBuilder r = ResponseEntity.status(e.httpStatus()).contentType(MediaType.APPLICATION_JSON);
        if (e.retryAfterSeconds() > 0) {
            r.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        return r.body(e.body());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Object> missingParameter(MissingServletRequestParameterException e) {
        return orderApi(OrderApiException.badRequest(e.getParameterName() + " is required"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Order API request failed", e);
        return orderApi(OrderApiException.no(500, "internal error in the sandbox: " + e.getClass().getSimpleName()));
    }
}
