package dev.kassa.common.sandbox;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** The admin API's one error model: RFC 9457 problem details, with {@code errors[]} of field paths for bad input. */
@RestControllerAdvice(annotations = SandboxAdminController.class)
public class AdminErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(AdminErrors.class);

    @ExceptionHandler(InvalidDatasetException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidDatasetException e) {
        return badInput("The document was not applied; nothing changed.", e.errors());
    }

    @ExceptionHandler(AdminInputException.class)
    ResponseEntity<ProblemDetail> input(AdminInputException e) {
        return badInput(e.getMessage(), e.errors());
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
        log.error("admin request failed", e);
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "internal error in the sandbox: " + e.getClass().getSimpleName());
        return ResponseEntity.status(500).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    public static ResponseEntity<ProblemDetail> badInput(String detail, List<FieldError> errors) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        p.setTitle("Invalid input");
        p.setType(URI.create("https://kassa.dev/problems/invalid-input"));
        p.setProperty("errors", errors.stream().map(e -> {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("field", e.field());
            m.put("message", e.message());
            return m;
        }).toList());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
