package vn.attthub.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import vn.attthub.shared.ConflictException;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.NotFoundException;

import java.util.Map;

/**
 * Failures outside JSON controllers (pages, static resources, unknown addresses): a browser gets
 * {@code templates/error.html}, a readable Vietnamese (or English) page with the status and what to do, never a stack
 * trace or Spring's whitelabel page; any other client gets an RFC 9457 problem. {@code @RestController}s are answered
 * by {@link ApiProblems}, which takes precedence. Access problems are left to Spring Security (login redirect,
 * 403 page).
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 200)
public class PageErrors {
    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(Exception.class)
    ModelAndView failure(Exception e, HttpServletRequest request, HttpServletResponse response) throws Exception {
        if (e instanceof AccessDeniedException || e instanceof AuthenticationException) {
            throw e;
        }
        HttpStatusCode status;
        if (e instanceof NotFoundException) {
            status = HttpStatus.NOT_FOUND;
        } else if (e instanceof InvalidInputException invalid) {
            status = HttpStatusCode.valueOf(invalid.status());
        } else if (e instanceof ConflictException conflict) {
            status = HttpStatusCode.valueOf(conflict.status());
        } else if (e instanceof MethodArgumentTypeMismatchException) {
            status = HttpStatus.BAD_REQUEST;
        } else if (e instanceof ErrorResponse known) {
            status = known.getStatusCode();
        } else {
            log.error("Unexpected failure on page {} {}", request.getMethod(), request.getRequestURI(), e);
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        if (!wantsHtml(request)) {
            HttpStatus known = HttpStatus.resolve(status.value());
            FilterProblems.write(response, status.value(), known == null ? "Error" : known.getReasonPhrase(),
                    status.is5xxServerError() ? "Lỗi hệ thống; sự cố đã được ghi lại (internal error, logged)."
                            : "Yêu cầu không thực hiện được (request failed: " + status.value() + ").");
            return new ModelAndView();
        }
        return new ModelAndView("error", Map.of("status", status.value(), "path", request.getRequestURI()), status);
    }

    static boolean wantsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }
}
