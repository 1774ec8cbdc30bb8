package dev.kassa.centara.sandbox.orders;

import dev.kassa.common.sandbox.AdminErrors;
import dev.kassa.common.sandbox.FieldError;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The API's answers other than success: RFC 9457 problem details (spec B.4). */
final class Problems {

    private Problems() {
    }

    static ResponseEntity<ProblemDetail> of(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    static ResponseEntity<ProblemDetail> invalid(List<FieldError> errors) {
        return AdminErrors.badInput("The order was not created; nothing was stored. Every problem is listed.", errors);
    }

    static ResponseEntity<ProblemDetail> duplicate(String reference, String orderId) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "An order with ReferenceNumber '" + reference + "' already exists; nothing changed.");
        p.setTitle("Duplicate ReferenceNumber");
        p.setType(URI.create("https://kassa.dev/problems/duplicate-reference"));
        p.setProperty("OrderId", orderId);
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
