package io.shardgate.deploy.check;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** One Kubernetes document, read into its fabric8 model type, with where it starts. */
public record Manifest(String file, int line, HasMetadata resource) {

    String kind() {
        return resource.getKind();
    }

    String name() {
        return resource.getMetadata() == null ? null : resource.getMetadata().getName();
    }

    /** {@code Deployment/shardgate}, for messages. */
    String title() {
        return kind() + "/" + (name() == null ? "<no name>" : name());
    }

    /** A problem about this document as a whole or one of its fields, named by kind/name and field path. */
    Problem problem(String where, String message) {
        return new Problem(file, 0, 0, title() + (where.isEmpty() ? "" : " " + where), message);
    }
}
