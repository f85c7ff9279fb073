package io.shardgate.deploy.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Checks a folder's kustomization.yaml the way {@code kustomize build} would read it (no kustomize
 * binary is needed): known fields only, every listed resource present, and every manifest file of
 * the folder listed, so that a new manifest is not silently left out of {@code kubectl apply -k}.
 */
final class Kustomization {

    static final String FILE = "kustomization.yaml";
    static final Set<String> FIELDS = Set.of("apiVersion", "kind", "resources", "components", "namespace", "namePrefix",
            "nameSuffix", "labels", "commonLabels", "commonAnnotations", "images", "replicas", "patches",
            "configMapGenerator", "secretGenerator", "generatorOptions", "buildMetadata");
    static final Set<String> IMAGE_FIELDS = Set.of("name", "newName", "newTag", "digest");

    private final Path directory;
    private final List<Problem> problems = new ArrayList<>();
    private final List<String> resources = new ArrayList<>();
    private final List<String> images = new ArrayList<>();

    Kustomization(Path directory) {
        this.directory = directory;
    }

    List<Problem> problems() {
        return problems;
    }

    /** The resource files it lists, in order, as paths relative to the folder. */
    List<String> resources() {
        return resources;
    }

    /** The image names its images: entries rewrite. */
    List<String> images() {
        return images;
    }

    Kustomization read() {
        ObjectMapper mapper = StrictYaml.mapper();
        Path file = directory.resolve(FILE);
        String name = FILE;
        JsonNode root;
        try {
            root = mapper.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            problems.add(ManifestReader.located(name, e, ""));
            return this;
        } catch (IOException e) {
            problems.add(Problem.inFile(name, "", "cannot read (" + e.getMessage() + "); expected a kustomization.yaml"));
            return this;
        }
        if (root == null || !root.isObject()) {
            problems.add(Problem.inFile(name, "", "is not a map; expected apiVersion, kind: Kustomization and resources"));
            return this;
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                String hint = UnknownFieldCollector.nearest(field, FIELDS);
                problems.add(Problem.inFile(name, field, "unknown field;" + (hint == null ? "" : " did you mean '" + hint + "'?")
                        + " expected one of: " + new TreeSet<>(FIELDS)));
            }
        }
        expect(root, "apiVersion", "kustomize.config.k8s.io/v1beta1");
        expect(root, "kind", "Kustomization");
        JsonNode listed = root.get("resources");
        if (listed == null || !listed.isArray() || listed.isEmpty()) {
            problems.add(Problem.inFile(name, "resources", "is missing or empty; expected the manifest files"));
        } else {
            for (JsonNode entry : listed) {
                if (!entry.isTextual()) {
                    problems.add(Problem.inFile(name, "resources", entry + " is not a file name; expected e.g. deployment.yaml"));
                } else if (!Files.isRegularFile(directory.resolve(entry.asText()))) {
                    problems.add(Problem.inFile(name, "resources", "'" + entry.asText() + "' does not exist in " + directory
                            + "; expected a manifest file of this folder"));
                } else if (resources.contains(entry.asText())) {
                    problems.add(Problem.inFile(name, "resources", "'" + entry.asText() + "' is listed twice; expected it once"));
                } else {
                    resources.add(entry.asText());
                }
            }
        }
        images(root.get("images"), name);
        unlisted(name);
        return this;
    }

    private void images(JsonNode node, String name) {
        if (node == null) {
            return;
        }
        if (!node.isArray()) {
            problems.add(Problem.inFile(name, "images", "is not a list; expected - { name: …, newName: …, newTag: … }"));
            return;
        }
        for (JsonNode image : node) {
            if (!image.isObject() || !image.path("name").isTextual()) {
                problems.add(Problem.inFile(name, "images", image + " has no name; expected - { name: …, newName: …, newTag: … }"));
                continue;
            }
            images.add(image.get("name").asText());
            for (Iterator<String> it = image.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!IMAGE_FIELDS.contains(field)) {
                    problems.add(Problem.inFile(name, "images." + field, "unknown field; expected one of: " + new TreeSet<>(IMAGE_FIELDS)));
                } else if (!image.get(field).isTextual()) {
                    problems.add(Problem.inFile(name, "images." + field, "is " + image.get(field).getNodeType()
                            + "; expected a string (quote a numeric tag: newTag: \"1.0\")"));
                }
            }
        }
    }

    private void unlisted(String name) {
        try (Stream<Path> files = Files.list(directory)) {
            files.map(p -> p.getFileName().toString())
                    .filter(f -> (f.endsWith(".yaml") || f.endsWith(".yml")) && !f.equals(FILE))
                    .filter(f -> !resources.contains(f))
                    .sorted()
                    .forEach(f -> problems.add(Problem.inFile(name, "resources", "'" + f + "' is in the folder but not listed, "
                            + "so kubectl apply -k leaves it out; expected it under resources (or move it elsewhere)")));
        } catch (IOException e) {
            problems.add(Problem.inFile(name, "", "cannot list " + directory + ": " + e.getMessage()));
        }
    }

    private void expect(JsonNode root, String field, String value) {
        JsonNode node = root.get(field);
        if (node == null || !value.equals(node.asText())) {
            problems.add(Problem.inFile(FILE, field, "is " + (node == null ? "missing" : "'" + node.asText() + "'") + "; expected " + value));
        }
    }
}
