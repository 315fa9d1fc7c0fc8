package cn.huren.server.support;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The application's one JSON configuration (docs/api-json.md): a value is taken only in its own
 * JSON type. No scalar coercion (true or 12 is no string, "12" no number, 1.5 no whole number, ""
 * no null, object or number), no enum ordinals, no unknown properties, no null for primitives, no
 * duplicate keys, nothing after the value. Spring's ObjectMapper gets it through {@link #apply}
 * ({@code StrictJsonConfig}), which is also what every mapper the code builds itself calls
 * ({@link #mapper()}); plugin endpoints read their bodies with the host's converters, so with it too.
 * {@link #refused} turns Jackson's refusal into a 400 that names the field and the expected type.
 */
public final class StrictJson {

    /** How much of a JSON parser's own message a problem repeats, so that a huge token is never echoed. */
    private static final int MAX_ECHO = 120;
    private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile("Duplicate field '(.*)'", java.util.regex.Pattern.DOTALL);

    private StrictJson() {
    }

    /** A new mapper with the rules: for code that reads or writes JSON outside Spring MVC. */
    public static ObjectMapper mapper() {
        return apply(new ObjectMapper());
    }

    /** Applies the rules to {@code mapper} (deserialization only: what a mapper writes is unchanged). */
    @SuppressWarnings("deprecation") // MapperFeature on a built mapper: the one way shared by Spring's builder and plain mappers
    public static <M extends ObjectMapper> M apply(M mapper) {
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS, DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT,
                DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT);
        mapper.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // ALLOW_COERCION_OF_SCALARS covers numbers, booleans and dates; text needs its own rule
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigDefaults()
                .setAcceptBlankAsEmpty(false)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyObject, CoercionAction.Fail);
        return mapper;
    }

    /**
     * Jackson's refusal of a body as the caller's 400 (kind {@code malformed-body}): the JSON path of
     * the offending value ({@code code}, {@code data.items[2]}) and what was expected there
     * ("expected a string"); never the input itself beyond a short excerpt of the parser's message.
     */
    public static ApiException refused(Throwable cause) {
        Throwable e = cause;
        while (e != null && !(e instanceof JsonProcessingException)) {
            e = e.getCause() == e ? null : e.getCause();
        }
        JsonParseException parse = null;
        for (Throwable c = e; c != null && parse == null; c = c.getCause() == c ? null : c.getCause()) {
            parse = c instanceof JsonParseException p ? p : null;
        }
        if (parse != null) { // not JSON at all, though a deserializer may have wrapped it with the path it had reached
            String message = parse.getOriginalMessage() == null ? "" : parse.getOriginalMessage();
            String parent = e instanceof JsonMappingException wrapped && !wrapped.getPath().isEmpty() ? path(wrapped) : parserPath(parse);
            java.util.regex.Matcher duplicate = DUPLICATE.matcher(message);
            if (duplicate.matches()) {
                String key = excerpt(duplicate.group(1));
                String field = parent.equals(key) || parent.endsWith("." + key) ? parent : parent.isEmpty() ? key : parent + "." + key;
                return malformed(field, "a key may appear only once in an object", "duplicate-key");
            }
            return malformed(parent, "not valid JSON: " + excerpt(message), "syntax");
        }
        if (e instanceof PropertyBindingException unknown) {
            return malformed(path(unknown) , "not a field of this request", "unknown-field");
        }
        if (e instanceof MismatchedInputException mismatch) {
            String message = mismatch.getOriginalMessage() == null ? "" : mismatch.getOriginalMessage();
            if (message.startsWith("Trailing token")) {
                return malformed("", "nothing may follow the JSON value", "trailing-tokens");
            }
            if (mismatch instanceof InvalidFormatException || mismatch.getTargetType() != null) {
                String field = path(mismatch);
                return malformed(field, "expected " + expected(mismatch.getTargetType()), "type");
            }
            return malformed(path(mismatch), excerpt(message), "type");
        }
        if (e instanceof JsonMappingException mapping) {
            return malformed(path(mapping), excerpt(mapping.getOriginalMessage()), "type");
        }
        if (e instanceof JsonProcessingException processing) {
            return malformed("", "not valid JSON: " + excerpt(processing.getOriginalMessage()), "syntax");
        }
        return ApiException.badRequest("malformed-body", "the request body is not valid JSON of the expected shape");
    }

    private static ApiException malformed(String field, String message, String code) {
        List<ApiException.FieldError> errors = List.of(new ApiException.FieldError(field.isEmpty() ? "(body)" : field, message, code));
        return new ApiException(org.springframework.http.HttpStatus.BAD_REQUEST, "malformed-body",
                "the request body is not valid JSON of the expected shape", errors);
    }

    /** The JSON path as the validation errors name fields: {@code data.name}, {@code items[2].id}. */
    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(excerpt(ref.getFieldName()));
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String parserPath(JsonParseException e) {
        JsonParser parser = e.getProcessor();
        if (parser == null) {
            return "";
        }
        String pointer = parser.getParsingContext() == null ? "" : parser.getParsingContext().pathAsPointer().toString();
        return Arrays.stream(pointer.split("/")).filter(s -> !s.isEmpty())
                .map(s -> s.chars().allMatch(Character::isDigit) ? "[" + s + "]" : "." + excerpt(s))
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants()) + " as a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == Short.class
                || type == short.class || type == Byte.class || type == byte.class || type == BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class || type == BigDecimal.class) {
            return "a number";
        }
        if (type == UUID.class) {
            return "a UUID as a string";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date or time as a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }

    private static String excerpt(String text) {
        if (text == null) {
            return "";
        }
        String line = text.lines().findFirst().orElse("");
        return line.length() <= MAX_ECHO ? line : line.substring(0, MAX_ECHO) + "…";
    }
}
