package org.osc.server.rest;

import java.io.IOException;

import org.osc.server.error.Texts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON mapping of the API: ISO-8601 times, unknown fields refused (so typos are reported, not ignored), and
 * strict types: a number is not taken for a string, a string or boolean not for a number, {@code 1.5} not for an
 * integer, a number not for an enum. Every string is checked against the rules any stored text must keep
 * ({@link Texts#storable}: no NUL, no unpaired surrogate), so that no field, however obscure, reaches the
 * database with a character it would refuse.
 */
public final class JsonSupport {

    private JsonSupport() {
    }

    /** @return a new mapper configured for the API */
    public static ObjectMapper mapper() {
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new SimpleModule("osc-strings").addDeserializer(String.class, new CheckedStrings()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        // ALLOW_COERCION_OF_SCALARS covers numbers and booleans as targets; text targets need their own rules.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /** A string value the API refuses whatever the field; the message names the rule, never the value. */
    public static final class RejectedText extends MismatchedInputException {

        private static final long serialVersionUID = 1L;

        RejectedText(JsonParser parser, String reason) {
            super(parser, reason);
        }

        /** @return what is wrong with the value, in the words of a field error */
        public String reason() {
            return getOriginalMessage();
        }
    }

    /** Strings as Jackson reads them, then checked against {@link Texts#storable}. */
    private static final class CheckedStrings extends StdScalarDeserializer<String> {

        private static final long serialVersionUID = 1L;

        CheckedStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            String problem = value == null ? null : Texts.storable(value);
            if (problem != null) {
                throw new RejectedText(parser, problem);
            }
            return value;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }
}
