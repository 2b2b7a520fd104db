package scot.cairn.server.http;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import scot.cairn.formats.Html;

/**
 * The answer to a request Tomcat refuses before the application sees it (a malformed address such
 * as {@code /a%zz}, an oversized header): instead of Tomcat's own page, the same short answer
 * the application gives, with the public headers: a page for a browser, one line of plain text
 * for anything else. Errors the application reports itself go to its error page as always; this
 * only writes when nothing has been written.
 */
final class BadRequestValve extends ErrorReportValve {
    private final Map<String, String> headers;

    BadRequestValve(Map<String, String> headers) {
        this.headers = Map.copyOf(headers);
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        String reason = status == null ? "Error" : status.getReasonPhrase();
        String message = code == 400
                ? "The request could not be understood: its address or headers are not well formed."
                : code >= 500 ? "The server could not answer this request." : reason + ".";
        String accept = request.getHeader("Accept");
        boolean html = accept != null && accept.contains("text/html");
        String body = html
                ? new Html(reason)
                        .body(reason)
                        .p(message)
                        .raw("<p>")
                        .link("/", "Start again from the home page")
                        .raw("</p>\n")
                        .finish()
                : code + " " + reason + ": " + message + "\n";
        try {
            headers.forEach(response::setHeader);
            response.setContentType(html ? "text/html" : "text/plain");
            response.setCharacterEncoding("utf-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was taken over: nothing more to say
        }
    }
}
