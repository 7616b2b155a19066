package dev.mercato.web.json;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * The reading rules for JSON a client sends: a value binds only to a field of its own JSON type. Jackson's lenient
 * defaults would store {@code 1.5} as {@code 1}, {@code "7"} as {@code 7} and {@code 5} as {@code [5]}; here each is
 * refused, as is an object with the same key twice (which of the two would win is a parser detail). Unknown fields
 * stay ignored: a newer client may send more than this version reads.
 *
 * <p>Only the HTTP request side uses these rules (see docs/adr/019-strict-json-for-http-requests.md); messages and
 * cached values keep the application's mapper.
 */
public final class StrictJson {

    private StrictJson() {}

    public static JsonMapper from(JsonMapper base) {
        return base.rebuild()
                .addModule(new SimpleModule("mercato-strict-text")
                        .addDeserializer(String.class, new StrictTextDeserializer()))
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
                .disable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT)
                .disable(DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .withCoercionConfig(
                        LogicalType.Integer,
                        config -> refuse(
                                config,
                                CoercionInputShape.Float,
                                CoercionInputShape.String,
                                CoercionInputShape.Boolean))
                .withCoercionConfig(
                        LogicalType.Float,
                        config -> refuse(config, CoercionInputShape.String, CoercionInputShape.Boolean))
                .withCoercionConfig(
                        LogicalType.Boolean,
                        config -> refuse(
                                config,
                                CoercionInputShape.Integer,
                                CoercionInputShape.Float,
                                CoercionInputShape.String))
                .withCoercionConfig(
                        LogicalType.Textual,
                        config -> refuse(
                                config,
                                CoercionInputShape.Integer,
                                CoercionInputShape.Float,
                                CoercionInputShape.Boolean))
                .withCoercionConfig(
                        LogicalType.Enum,
                        config -> refuse(
                                config,
                                CoercionInputShape.Integer,
                                CoercionInputShape.Float,
                                CoercionInputShape.EmptyString))
                .withCoercionConfig(LogicalType.Collection, StrictJson::refuseScalarsForSequences)
                .withCoercionConfig(LogicalType.Array, StrictJson::refuseScalarsForSequences)
                .withCoercionConfig(
                        LogicalType.POJO,
                        config -> refuse(
                                config,
                                CoercionInputShape.EmptyString,
                                CoercionInputShape.EmptyArray,
                                CoercionInputShape.String))
                .build();
    }

    /** A list or an array is written as one: no scalar stands in for it. */
    private static void refuseScalarsForSequences(tools.jackson.databind.cfg.MutableCoercionConfig config) {
        refuse(config, CoercionInputShape.String, CoercionInputShape.EmptyString, CoercionInputShape.Integer);
    }

    private static void refuse(tools.jackson.databind.cfg.MutableCoercionConfig config, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            config.setCoercion(shape, CoercionAction.Fail);
        }
    }
}
