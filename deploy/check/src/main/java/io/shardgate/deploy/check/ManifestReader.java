package io.shardgate.deploy.check;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the documents of a manifest file into fabric8 model objects, strictly (see
 * {@link StrictYaml}). The file is read twice: first as trees, to learn each document's
 * apiVersion and kind; then each document into its model class, so that messages keep the line
 * and column of the offending field.
 */
final class ManifestReader {

    /** The kinds this deployment uses or may add, by "apiVersion kind". */
    static final Map<String, Class<? extends HasMetadata>> KINDS = new TreeMap<>(Map.of(
            "v1 ConfigMap", ConfigMap.class,
            "v1 Secret", Secret.class,
            "v1 Service", Service.class,
            "v1 ServiceAccount", ServiceAccount.class,
            "v1 Namespace", Namespace.class,
            "apps/v1 Deployment", Deployment.class,
            "policy/v1 PodDisruptionBudget", PodDisruptionBudget.class));

    private final ObjectMapper mapper = StrictYaml.mapper();
    private int unread;

    /**
     * How many documents (or files) could not be read into a model object at all. While there are
     * any, rules across documents would report follow-on errors (a Service selecting "no
     * Deployment" because the Deployment had a typo), so callers skip them.
     */
    int unread() {
        return unread;
    }

    /** The documents of {@code file}; every problem found goes to {@code problems}. */
    List<Manifest> read(Path file, String displayName, List<Problem> problems) {
        List<Class<? extends HasMetadata>> types = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (JsonParser parser = mapper.createParser(file.toFile())) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                int line = parser.currentTokenLocation().getLineNr();
                if (token != JsonToken.START_OBJECT) {
                    // An empty document ("---" alone) is fine; a scalar or list is not a manifest.
                    if (token != JsonToken.VALUE_NULL) {
                        problems.add(new Problem(displayName, line, 1, "", "a document is " + token
                                + "; expected a map with apiVersion, kind and metadata"));
                    }
                    parser.skipChildren();
                    types.add(null);
                    lines.add(line);
                    continue;
                }
                JsonNode tree = mapper.readTree(parser);
                Class<? extends HasMetadata> type = type(tree, displayName, line, problems);
                unread += type == null ? 1 : 0;
                types.add(type);
                lines.add(line);
            }
        } catch (JsonProcessingException e) {
            problems.add(located(displayName, e, ""));
            unread++;
            return List.of();
        } catch (IOException e) {
            problems.add(Problem.inFile(displayName, "", "cannot read: " + e.getMessage()));
            unread++;
            return List.of();
        }
        List<Manifest> manifests = new ArrayList<>();
        UnknownFieldCollector unknownFields;
        try {
            unknownFields = new UnknownFieldCollector(displayName, java.nio.file.Files.readAllLines(file));
        } catch (IOException e) {
            problems.add(Problem.inFile(displayName, "", "cannot read: " + e.getMessage()));
            unread++;
            return List.of();
        }
        try (JsonParser parser = mapper.createParser(file.toFile())) {
            for (int i = 0; i < types.size(); i++) {
                parser.nextToken();
                Class<? extends HasMetadata> type = types.get(i);
                if (type == null) {
                    parser.skipChildren();
                    continue;
                }
                try {
                    HasMetadata resource = mapper.readerFor(type).withHandler(unknownFields).readValue(parser);
                    manifests.add(new Manifest(displayName, lines.get(i), resource));
                } catch (JsonMappingException e) {
                    // A wrong type leaves the parser inside the document: the rest of the file is not read.
                    problems.add(located(displayName, e, type.getSimpleName()));
                    unread += types.size() - i;
                    break;
                }
            }
        } catch (IOException e) {
            problems.add(Problem.inFile(displayName, "", "cannot read: " + e.getMessage()));
            unread++;
        }
        problems.addAll(unknownFields.problems());
        return manifests;
    }

    private static Class<? extends HasMetadata> type(JsonNode tree, String file, int line, List<Problem> problems) {
        JsonNode apiVersion = tree.get("apiVersion");
        JsonNode kind = tree.get("kind");
        if (apiVersion == null || !apiVersion.isTextual() || kind == null || !kind.isTextual()) {
            problems.add(new Problem(file, line, 1, "", "the document has no apiVersion or no kind; expected e.g. "
                    + "apiVersion: apps/v1 and kind: Deployment"));
            return null;
        }
        Class<? extends HasMetadata> type = KINDS.get(apiVersion.asText() + " " + kind.asText());
        if (type == null) {
            problems.add(new Problem(file, line, 1, "", "apiVersion " + apiVersion.asText() + " kind " + kind.asText()
                    + " is not one this check knows (a wrong apiVersion for the kind, or a new kind: add it to "
                    + "ManifestReader.KINDS); expected one of: " + String.join(", ", KINDS.keySet())));
        }
        return type;
    }

    /** A Jackson error as a problem at its line and column, with the path of the field ({@code /spec/replicas}). */
    static Problem located(String file, JsonProcessingException e, String type) {
        JsonLocation at = e.getLocation();
        StringBuilder path = new StringBuilder();
        if (e instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference reference : mapping.getPath()) {
                path.append('/').append(reference.getFieldName() != null ? reference.getFieldName() : reference.getIndex());
            }
        }
        String message = e.getOriginalMessage().lines().findFirst().orElse("").strip()
                .replaceAll("\\s*\\(but (might|could) if coercion.*\\)$", ""); // Jackson's advice is not ours to give
        String what = e instanceof JsonMappingException ? "wrong value" + (type.isEmpty() ? "" : " in " + type) + ": "
                : "not valid YAML: ";
        return new Problem(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), path.toString(),
                what + message);
    }
}
