package scot.cairn.tabulation.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.server.ResponseStatusException;
import scot.cairn.tabulation.InvalidRequestException;

/**
 * Reads the JSON body of a tabulation or locality request: JSON content type only (415), at
 * most the configured bytes (413, read no further), strictly typed (no number where a string
 * belongs, no unknown or repeated field, nothing after the value), and every failure a plain
 * message naming the field ({@code geography.areas[0] must be a string}), never a Java type or
 * stack (400).
 */
final class JsonBodies {
    private static final ObjectMapper STRICT = strictMapper();

    private final int maxBytes;

    JsonBodies(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper m = JsonMapper.builder()
                .enable(
                        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        for (CoercionInputShape shape :
                List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
            m.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return m;
    }

    /**
     * The body as {@code type}.
     *
     * @param expected what the body should be, in words, for the messages ("a locality {...}")
     * @throws InvalidRequestException  for anything but a well-typed value (400)
     * @throws ResponseStatusException  413 for a body over the limit, 415 for another content type
     */
    <T> T read(HttpServletRequest request, Class<T> type, String expected) {
        checkContentType(request.getContentType());
        byte[] bytes = bounded(request);
        if (new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).isBlank()) {
            throw new InvalidRequestException("the request has no body; send " + expected);
        }
        T value;
        try {
            value = STRICT.readValue(bytes, type);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(describe(e, expected));
        } catch (IOException e) {
            throw new InvalidRequestException("the body could not be read as JSON; send " + expected);
        }
        if (value == null) {
            throw new InvalidRequestException("the body is null; send " + expected);
        }
        return value;
    }

    private static void checkContentType(String contentType) {
        String advice = "; send the body as JSON with Content-Type: application/json";
        if (contentType == null) {
            throw new ResponseStatusException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE, "the request has no Content-Type" + advice);
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            throw new ResponseStatusException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE, "the Content-Type is not a media type" + advice);
        }
        boolean json = type.getType().equals("application")
                && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
        if (!json) {
            throw new ResponseStatusException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type " + abbreviate(type.getType() + "/" + type.getSubtype()) + " is not accepted"
                            + advice);
        }
    }

    private byte[] bounded(HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge();
        }
        try {
            byte[] bytes = request.getInputStream().readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the request body could not be read");
        }
    }

    private ResponseStatusException tooLarge() {
        return new ResponseStatusException(
                HttpStatus.CONTENT_TOO_LARGE,
                "the body is larger than " + maxBytes
                        + " bytes, the most this service reads (setting cairn.tabulation.max-request-bytes)");
    }

    /** A Jackson failure in the words of the request: the field, what it must be. */
    static String describe(JsonProcessingException e, String expected) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidRequestException invalid) {
                return invalid.getMessage();
            }
        }
        if (e instanceof StreamConstraintsException) {
            return "the body nests too deeply or holds too long a value; send " + expected;
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String parent = path(u.getPath().subList(0, u.getPath().size() - 1));
            return "unknown field '" + abbreviate(u.getPropertyName()) + "'" + (parent.isEmpty() ? "" : " in " + parent)
                    + "; the fields are " + u.getKnownPropertyIds();
        }
        if (e instanceof MismatchedInputException m) {
            String where = path(m.getPath());
            return where.isEmpty() ? "the body must be " + expected : where + " must be " + kind(m.getTargetType());
        }
        if (e instanceof JsonParseException p) {
            return "the body is not valid JSON: " + abbreviate(plain(p.getOriginalMessage()))
                    + (p.getLocation() == null
                            ? ""
                            : " (line " + p.getLocation().getLineNr() + ", column "
                                    + p.getLocation().getColumnNr() + ")");
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return path(m.getPath()) + " is not acceptable; send " + expected;
        }
        return "the body is not " + expected;
    }

    /** The parser's words without its advice to programmers (feature names, source references). */
    private static String plain(String message) {
        String m = message == null ? "" : message;
        for (String stop : List.of("\n", " (start marker", ": enable", "; enable", "`", "[Source")) {
            int i = m.indexOf(stop);
            if (i >= 0) {
                m = m.substring(0, i);
            }
        }
        return m.strip();
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(abbreviate(r.getFieldName()));
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String kind(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "of another type";
    }

    private static String abbreviate(String s) {
        return s == null || s.length() <= 100 ? s : s.substring(0, 100) + "...";
    }
}
