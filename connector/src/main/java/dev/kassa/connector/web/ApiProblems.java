package dev.kassa.connector.web;

import dev.kassa.common.sandbox.AdminErrors;
import dev.kassa.common.sandbox.AdminInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.databind.json.JsonMapper;

/**
 * The connector's one way to answer a refused API request: RFC 9457 problem details, from the controllers
 * (they throw {@link ApiProblem}, or {@link AdminInputException} for bad input with every field named) and
 * from the security chains before any controller ({@link #write}). The console's pages keep their own
 * error page.
 */
@RestControllerAdvice(annotations = RestController.class, basePackages = "dev.kassa.connector")
public class ApiProblems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> problem(ApiProblem e, HttpServletRequest request) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        e.headers().forEach(answer::header);
        return answer.body(detail(e.status(), e.getMessage(), request));
    }

    /** Bad input: 400 with {@code errors[]}, each naming its field; nothing was changed. */
    @ExceptionHandler(AdminInputException.class)
    ResponseEntity<ProblemDetail> input(AdminInputException e) {
        return AdminErrors.badInput(e.getMessage(), e.errors());
    }

    private static ProblemDetail detail(HttpStatus status, String detail, HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setInstance(URI.create(request.getRequestURI()));
        return p;
    }

    /** The same problem document written straight to the response (by a security chain, before any controller). */
    public static void write(HttpServletRequest request, HttpServletResponse response, ApiProblem problem) throws IOException {
        response.setStatus(problem.status().value());
        problem.headers().forEach(response::setHeader);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", problem.status().getReasonPhrase());
        body.put("status", problem.status().value());
        body.put("detail", problem.getMessage());
        body.put("instance", request.getRequestURI());
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}
