package io.shardgate.deploy.check;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.util.List;

/**
 * A YAML mapper that reads Kubernetes documents the way the API server's strict decoding does:
 * an unknown field, a value of the wrong type ({@code replicas: "2"}, {@code value: 1} for a string)
 * or a key written twice is an error.
 *
 * <p>The fabric8 model classes accept any unknown field into an {@code additionalProperties} map
 * ({@code @JsonAnySetter}), which would let every typo through. This mapper ignores those
 * annotations, so an unknown field reaches the {@link UnknownFieldCollector} instead.
 */
final class StrictYaml {

    private StrictYaml() {
    }

    static ObjectMapper mapper() {
        YAMLMapper mapper = YAMLMapper.builder()
                .annotationIntrospector(new NoCatchAllFields())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_IGNORED_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
        // A string field takes only strings: "scrape: true" or "value: 1" is what the API server
        // rejects ("cannot unmarshal bool into … of type string"), so it fails here too.
        for (CoercionInputShape shape : List.of(CoercionInputShape.Boolean, CoercionInputShape.Integer, CoercionInputShape.Float)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return mapper;
    }

    /** Jackson's usual annotations, minus the catch-all for unknown fields. */
    private static final class NoCatchAllFields extends JacksonAnnotationIntrospector {

        @Override
        public Boolean hasAnySetter(Annotated annotated) {
            return Boolean.FALSE;
        }

        @Override
        public Boolean hasAnyGetter(Annotated annotated) {
            return Boolean.FALSE;
        }
    }
}
