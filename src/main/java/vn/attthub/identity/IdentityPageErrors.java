package vn.attthub.identity;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import vn.attthub.shared.NotFoundException;

/** A readable page, not a stack trace, when a user page names a record that is missing or outside the caller's scope. */
@ControllerAdvice(assignableTypes = {UserPages.class, AccountPages.class, MfaPages.class})
class IdentityPageErrors {
    @ExceptionHandler(NotFoundException.class)
    String notFound(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return "identity/not-found";
    }
}
