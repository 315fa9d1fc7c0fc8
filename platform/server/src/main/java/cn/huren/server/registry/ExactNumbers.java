package cn.huren.server.registry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.Map;

/**
 * Reads registry {@code data} (records, projects, a completion's contract) with its JSON numbers
 * as they were written: a decimal number is a BigDecimal, never a double, so an amount of 17
 * significant digits (999999999999999.99) is not rounded before {@link FieldSpec} checks it. Put on
 * the request's field ({@code @JsonDeserialize(using = ExactNumbers.class)}); every other endpoint
 * reads numbers as before, with the same strict rules (docs/api-json.md).
 */
public final class ExactNumbers extends JsonDeserializer<Map<String, Object>> {

    @Override
    public Map<String, Object> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JavaType type = context.getTypeFactory().constructMapType(java.util.LinkedHashMap.class, String.class, Object.class);
        ObjectReader reader = parser.getCodec() instanceof ObjectReader r ? r.forType(type)
                : ((ObjectMapper) parser.getCodec()).readerFor(type);
        // the value only: what may follow it is the enclosing body's to judge
        return reader.with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .readValue(parser);
    }
}
