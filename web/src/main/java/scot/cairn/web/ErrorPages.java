package scot.cairn.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error the application does not answer itself: an unknown path, a page whose subject does
 * not exist ({@code /areas/S12999999}), Spring's own refusals (a missing parameter, a method or
 * media type not supported) and failures. A browser gets a page in the site's style
 * ({@code web/error}); a client that prefers JSON gets {@code {"status", "error", "message",
 * "path"}}; any other client one line of plain text, {@code 404 Not Found: <message>}. The
 * message is the application's own (what {@code sendError} or a {@code ResponseStatusException}
 * said) for a 4xx, never an exception's text for a 5xx. {@code /error} asked for directly is an
 * unknown path like any other (404), never a 500.
 */
@Controller
class ErrorPages implements ErrorController {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LONGEST_MESSAGE = 300;

    /** What a browser, a JSON client or any other client is given. */
    enum Representation {
        HTML,
        JSON,
        TEXT
    }

    @RequestMapping("/error")
    ModelAndView error(HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        String path = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        if (status == null || !status.isError()) {
            // asked for directly, not forwarded here by the container: there is no page /error
            status = HttpStatus.NOT_FOUND;
            path = request.getRequestURI();
        }
        Object handled = request.getAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE);
        // Spring's words for an unknown path ("No static resource x.") say nothing to a reader; ours do
        String said = handled instanceof NoResourceFoundException || handled instanceof NoHandlerFoundException
                ? null
                : (String) request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        String message = message(status, said, path);
        response.setStatus(status.value());
        switch (representation(request.getHeader("Accept"))) {
            case HTML -> {
                return page(status, message, path, model);
            }
            case JSON -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("status", status.value());
                body.put("error", status.getReasonPhrase());
                body.put("message", message);
                body.put("path", path);
                send(response, MediaType.APPLICATION_JSON_VALUE, JSON.writeValueAsString(body));
            }
            case TEXT ->
                send(
                        response,
                        "text/plain;charset=utf-8",
                        status.value() + " " + status.getReasonPhrase() + ": " + message + "\n");
        }
        return null;
    }

    private static void send(HttpServletResponse response, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentType(contentType);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static ModelAndView page(HttpStatus status, String message, String path, Model model) {
        model.addAttribute("status", status.value());
        model.addAttribute("reason", status.getReasonPhrase());
        model.addAttribute("title", title(status));
        model.addAttribute("message", message);
        model.addAttribute("path", path);
        model.addAttribute(
                "advice",
                status.is5xxServerError()
                        ? "Please try again in a little while."
                        : "Check the address, or start again from one of these pages:");
        ModelAndView view = new ModelAndView("web/error", model.asMap());
        view.setStatus(status);
        return view;
    }

    static String title(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "Page not found";
            case BAD_REQUEST -> "Bad request";
            case METHOD_NOT_ALLOWED -> "Not available this way";
            case NOT_ACCEPTABLE, UNSUPPORTED_MEDIA_TYPE -> "Format not available";
            case PAYLOAD_TOO_LARGE, URI_TOO_LONG, REQUEST_HEADER_FIELDS_TOO_LARGE -> "Request too large";
            case TOO_MANY_REQUESTS, SERVICE_UNAVAILABLE -> "Too busy just now";
            default -> status.is5xxServerError() ? "Something went wrong" : status.getReasonPhrase();
        };
    }

    /** The application's own words for a 4xx; a sentence of ours for a 5xx or when it said nothing. */
    static String message(HttpStatus status, String said, String path) {
        if (status.is4xxClientError() && said != null && !said.isBlank()) {
            String s = said.strip();
            return s.length() <= LONGEST_MESSAGE ? s : s.substring(0, LONGEST_MESSAGE) + "...";
        }
        return switch (status) {
            case NOT_FOUND -> "There is nothing at " + (path == null ? "this address" : path) + ".";
            case BAD_REQUEST -> "The request could not be understood.";
            case METHOD_NOT_ALLOWED -> "This address does not accept this kind of request.";
            case NOT_ACCEPTABLE -> "This address has no representation in the format asked for.";
            case UNSUPPORTED_MEDIA_TYPE -> "The request's body is in a format this address does not read.";
            default ->
                status.is5xxServerError()
                        ? "The server could not answer this request."
                        : status.getReasonPhrase() + ".";
        };
    }

    /**
     * HTML for a client that prefers it (a browser), JSON for one that prefers JSON, plain text
     * otherwise (no Accept, {@code *}{@code /*}, anything else).
     */
    static Representation representation(String accept) {
        if (accept == null || accept.isBlank()) {
            return Representation.TEXT;
        }
        List<MediaType> types;
        try {
            types = new ArrayList<>(MediaType.parseMediaTypes(accept));
        } catch (InvalidMediaTypeException e) {
            return Representation.TEXT;
        }
        types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType t : types) {
            if (t.getQualityValue() <= 0 || t.isWildcardType()) {
                continue;
            }
            String type = t.getType() + "/" + t.getSubtype();
            if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
                return Representation.HTML;
            }
            if (type.equals("application/json") || t.getSubtype().endsWith("+json")) {
                return Representation.JSON;
            }
            return Representation.TEXT;
        }
        return Representation.TEXT;
    }
}
