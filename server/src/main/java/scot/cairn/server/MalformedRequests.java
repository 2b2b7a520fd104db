package scot.cairn.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Requests the public port cannot even read are the client's mistake: 400 (413 when too large)
 * with a plain message and no log line, instead of Spring's 500 or the container's 400 with an
 * ERROR and a stack trace in the log for each. They are a {@code multipart/form-data} body that
 * cannot be parsed (no boundary, cut short; Spring parses it before any controller is chosen, so
 * on every path) and parameters that cannot be decoded (invalid UTF-8 or percent-encoding, a form
 * body over the container's 2 MB limit).
 */
@RestControllerAdvice
class MalformedRequests {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<String> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        return answer(request, HttpStatus.CONTENT_TOO_LARGE, "Request too large: a multipart body holds at most 10 MB");
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<String> malformedMultipart(MultipartException e, HttpServletRequest request) {
        return answer(
                request,
                HttpStatus.BAD_REQUEST,
                "Malformed multipart request: the body is not valid multipart/form-data (no boundary, or cut short)");
    }

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<String> undecodableParameters(InvalidParameterException e, HttpServletRequest request) {
        String message = e.getMessage() != null && e.getMessage().contains("too big")
                ? "Request too large: a form body holds at most 2 MB; send a long query as application/sparql-query"
                : "Malformed parameters: the query string or form body is not valid percent-encoded UTF-8";
        return answer(
                request,
                message.startsWith("Request too large") ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST,
                message);
    }

    /** The tabulation API's own form ({@code {"error": ...}}) on its paths, where clients parse every answer as JSON; plain text elsewhere. */
    private static ResponseEntity<String> answer(HttpServletRequest request, HttpStatus status, String message) {
        String path = request.getRequestURI();
        if (path != null && (path.startsWith("/tabulate") || path.startsWith("/localities"))) {
            return ResponseEntity.status(status)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(JSON.createObjectNode().put("error", message).toString());
        }
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .body(message + "\n");
    }
}
