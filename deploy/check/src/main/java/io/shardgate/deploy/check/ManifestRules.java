package io.shardgate.deploy.check;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the API server would reject beyond the schema (required fields, name syntax, selectors that
 * match no pods) and what makes a set of documents inconsistent (a Service port naming no container
 * port, an env var from a Secret key that is not there), over all documents of one kustomization.
 * Pod-level rules, including this project's deployment policy, are in {@link PodSpecRules}.
 */
final class ManifestRules {

    private final List<Manifest> manifests;
    private final List<Problem> problems = new ArrayList<>();

    ManifestRules(List<Manifest> manifests) {
        this.manifests = manifests;
    }

    List<Problem> check() {
        Map<String, Manifest> seen = new HashMap<>();
        for (Manifest m : manifests) {
            metadata(m);
            Manifest earlier = seen.putIfAbsent(m.kind() + "/" + m.name(), m);
            if (earlier != null && m.name() != null) {
                problems.add(m.problem("", "is defined twice (also in " + earlier.file() + " line " + earlier.line()
                        + "); expected each kind/name once"));
            }
            HasMetadata r = m.resource();
            if (r instanceof Deployment d) {
                deployment(m, d);
            } else if (r instanceof Service s) {
                service(m, s);
            } else if (r instanceof PodDisruptionBudget pdb) {
                disruptionBudget(m, pdb);
            } else if (r instanceof ConfigMap c) {
                configMap(m, c);
            } else if (r instanceof Secret s) {
                secret(m, s);
            }
        }
        return problems;
    }

    private void metadata(Manifest m) {
        ObjectMeta meta = m.resource().getMetadata();
        if (meta == null || meta.getName() == null || meta.getName().isEmpty()) {
            problems.add(m.problem("metadata.name", "is missing; expected a name"));
            return;
        }
        Names syntax = m.resource() instanceof Service ? Names.DNS_1035_LABEL : Names.DNS_SUBDOMAIN;
        if (!syntax.accepts(meta.getName())) {
            problems.add(m.problem("metadata.name", "'" + meta.getName() + "' is not a valid name; expected " + syntax.rule()));
        }
        labels(m, "metadata.labels", meta.getLabels());
        if (meta.getAnnotations() != null) {
            for (String key : meta.getAnnotations().keySet()) {
                labelKey(m, "metadata.annotations", key);
            }
        }
    }

    void labels(Manifest m, String where, Map<String, String> labels) {
        if (labels == null) {
            return;
        }
        labels.forEach((key, value) -> {
            labelKey(m, where, key);
            if (!Names.LABEL_VALUE.accepts(value)) {
                problems.add(m.problem(where + "." + key, "value '" + value + "' is not a valid label value; expected "
                        + Names.LABEL_VALUE.rule()));
            }
        });
    }

    private void labelKey(Manifest m, String where, String key) {
        int slash = key.indexOf('/');
        String prefix = slash < 0 ? null : key.substring(0, slash);
        String name = slash < 0 ? key : key.substring(slash + 1);
        boolean valid = (prefix == null || Names.DNS_SUBDOMAIN.accepts(prefix))
                && !name.isEmpty() && Names.LABEL_VALUE.accepts(name);
        if (!valid) {
            problems.add(m.problem(where, "key '" + key + "' is not a valid key; expected an optional DNS prefix and '/', then "
                    + Names.LABEL_VALUE.rule()));
        }
    }

    private void deployment(Manifest m, Deployment d) {
        if (d.getSpec() == null) {
            problems.add(m.problem("spec", "is missing; expected selector and template"));
            return;
        }
        LabelSelector selector = d.getSpec().getSelector();
        PodTemplateSpec template = d.getSpec().getTemplate();
        if (selector == null || (empty(selector.getMatchLabels()) && empty(selector.getMatchExpressions()))) {
            problems.add(m.problem("spec.selector", "is missing or empty; expected matchLabels that the pod template's labels carry"));
        }
        if (template == null || template.getSpec() == null) {
            problems.add(m.problem("spec.template", "is missing or has no spec; expected a pod template with containers"));
            return;
        }
        Map<String, String> podLabels = template.getMetadata() == null ? null : template.getMetadata().getLabels();
        labels(m, "spec.template.metadata.labels", podLabels);
        if (selector != null && !selects(selector.getMatchLabels(), podLabels)) {
            problems.add(m.problem("spec.selector.matchLabels", selector.getMatchLabels() + " does not match the pod template's "
                    + "labels " + podLabels + "; expected every selector label on the template (the API server rejects it)"));
        }
        if (d.getSpec().getReplicas() != null && d.getSpec().getReplicas() < 0) {
            problems.add(m.problem("spec.replicas", "is " + d.getSpec().getReplicas() + "; expected 0 or more"));
        }
        problems.addAll(new PodSpecRules(m, template.getSpec(), d.getSpec().getReplicas(), this::configMapNamed, this::secretNamed).check());
    }

    private void service(Manifest m, Service s) {
        if (s.getSpec() == null || empty(s.getSpec().getPorts())) {
            problems.add(m.problem("spec.ports", "is missing or empty; expected at least one port"));
            return;
        }
        String type = s.getSpec().getType();
        if (type != null && !Set.of("ClusterIP", "NodePort", "LoadBalancer", "ExternalName").contains(type)) {
            problems.add(m.problem("spec.type", "'" + type + "' is not a Service type; expected ClusterIP, NodePort, LoadBalancer or ExternalName"));
        }
        Map<String, String> selector = s.getSpec().getSelector();
        List<Deployment> selected = new ArrayList<>();
        if (empty(selector)) {
            problems.add(m.problem("spec.selector", "is missing; expected the labels of the proxy pods, or the Service has no endpoints"));
        } else {
            for (Manifest other : manifests) {
                if (other.resource() instanceof Deployment d && d.getSpec() != null && d.getSpec().getTemplate() != null
                        && d.getSpec().getTemplate().getMetadata() != null
                        && selects(selector, d.getSpec().getTemplate().getMetadata().getLabels())) {
                    selected.add(d);
                }
            }
            if (selected.isEmpty()) {
                problems.add(m.problem("spec.selector", selector + " matches the pods of no Deployment here; expected the "
                        + "labels of the proxy pod template"));
            }
        }
        Set<String> names = new HashSet<>();
        Set<Integer> numbers = new HashSet<>();
        for (int i = 0; i < s.getSpec().getPorts().size(); i++) {
            ServicePort port = s.getSpec().getPorts().get(i);
            String where = "spec.ports[" + i + "]";
            if (port.getPort() == null || port.getPort() < 1 || port.getPort() > 65535) {
                problems.add(m.problem(where + ".port", "is " + port.getPort() + "; expected a port from 1 to 65535"));
            } else if (!numbers.add(port.getPort())) {
                problems.add(m.problem(where + ".port", port.getPort() + " is used twice; expected distinct ports"));
            }
            if (port.getName() == null && s.getSpec().getPorts().size() > 1) {
                problems.add(m.problem(where + ".name", "is missing; expected a name on every port of a multi-port Service"));
            } else if (port.getName() != null && (!Names.PORT_NAME.accepts(port.getName()) || !names.add(port.getName()))) {
                problems.add(m.problem(where + ".name", "'" + port.getName() + "' is invalid or used twice; expected a unique "
                        + Names.PORT_NAME.rule()));
            }
            protocol(m, where + ".protocol", port.getProtocol());
            if (!selected.isEmpty()) {
                targetPort(m, where + ".targetPort", port.getTargetPort() == null ? new IntOrString(port.getPort())
                        : port.getTargetPort(), selected);
            }
        }
        Map<String, String> annotations = s.getMetadata() == null ? null : s.getMetadata().getAnnotations();
        String scrapePort = annotations == null ? null : annotations.get("prometheus.io/port");
        if (scrapePort != null && s.getSpec().getPorts().stream().noneMatch(p -> scrapePort.equals(String.valueOf(p.getPort()))
                || (p.getTargetPort() != null && scrapePort.equals(String.valueOf(p.getTargetPort().getIntVal()))))) {
            problems.add(m.problem("metadata.annotations.prometheus.io/port", "'" + scrapePort + "' is none of the Service's "
                    + "ports; expected the admin port that serves /metrics"));
        }
    }

    private void targetPort(Manifest m, String where, IntOrString target, List<Deployment> selected) {
        for (Deployment d : selected) {
            List<ContainerPort> ports = d.getSpec().getTemplate().getSpec().getContainers().stream()
                    .flatMap(c -> c.getPorts() == null ? java.util.stream.Stream.empty() : c.getPorts().stream()).toList();
            boolean found = target.getStrVal() != null
                    ? ports.stream().anyMatch(p -> target.getStrVal().equals(p.getName()))
                    : ports.stream().anyMatch(p -> target.getIntVal().equals(p.getContainerPort()));
            if (!found) {
                problems.add(m.problem(where, "'" + (target.getStrVal() != null ? target.getStrVal() : target.getIntVal())
                        + "' is no container port of Deployment/" + d.getMetadata().getName() + "; expected one of: "
                        + ports.stream().map(p -> p.getName() + "=" + p.getContainerPort()).toList()));
            }
        }
    }

    private void disruptionBudget(Manifest m, PodDisruptionBudget pdb) {
        if (pdb.getSpec() == null) {
            problems.add(m.problem("spec", "is missing; expected minAvailable or maxUnavailable and a selector"));
            return;
        }
        IntOrString min = pdb.getSpec().getMinAvailable();
        if ((min == null) == (pdb.getSpec().getMaxUnavailable() == null)) {
            problems.add(m.problem("spec", "sets " + (min == null ? "neither" : "both") + " of minAvailable and maxUnavailable; "
                    + "expected exactly one"));
        }
        LabelSelector selector = pdb.getSpec().getSelector();
        if (selector == null || empty(selector.getMatchLabels())) {
            problems.add(m.problem("spec.selector", "is missing; expected the matchLabels of the proxy pods"));
            return;
        }
        boolean matched = false;
        for (Manifest other : manifests) {
            if (other.resource() instanceof Deployment d && d.getSpec() != null && d.getSpec().getTemplate() != null
                    && d.getSpec().getTemplate().getMetadata() != null
                    && selects(selector.getMatchLabels(), d.getSpec().getTemplate().getMetadata().getLabels())) {
                matched = true;
                int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
                if (min != null && min.getIntVal() != null && min.getIntVal() >= replicas) {
                    problems.add(m.problem("spec.minAvailable", min.getIntVal() + " is not below the " + replicas + " replicas of "
                            + other.title() + ": no pod could ever be evicted and node drains would hang; expected fewer"));
                }
            }
        }
        if (!matched) {
            problems.add(m.problem("spec.selector", selector.getMatchLabels() + " matches the pods of no Deployment here; "
                    + "expected the labels of the proxy pod template"));
        }
    }

    private void configMap(Manifest m, ConfigMap c) {
        Set<String> keys = new HashSet<>();
        for (Map<String, String> data : List.of(Optional.ofNullable(c.getData()).orElse(Map.of()),
                Optional.ofNullable(c.getBinaryData()).orElse(Map.of()))) {
            for (String key : data.keySet()) {
                if (!Names.DATA_KEY.accepts(key)) {
                    problems.add(m.problem("data", "key '" + key + "' is invalid; expected " + Names.DATA_KEY.rule()));
                }
                if (!keys.add(key)) {
                    problems.add(m.problem("data", "key '" + key + "' is in both data and binaryData; expected it once"));
                }
            }
        }
    }

    private void secret(Manifest m, Secret s) {
        if (s.getData() != null) {
            s.getData().forEach((key, value) -> {
                try {
                    Base64.getDecoder().decode(value);
                } catch (IllegalArgumentException e) {
                    problems.add(m.problem("data." + key, "is not base64; expected base64, or the plain value under stringData"));
                }
            });
        }
        for (Map<String, String> data : List.of(Optional.ofNullable(s.getData()).orElse(Map.of()),
                Optional.ofNullable(s.getStringData()).orElse(Map.of()))) {
            for (String key : data.keySet()) {
                if (!Names.DATA_KEY.accepts(key)) {
                    problems.add(m.problem("data", "key '" + key + "' is invalid; expected " + Names.DATA_KEY.rule()));
                }
            }
        }
    }

    /** The ConfigMap of this name among the documents, if any. */
    Optional<ConfigMap> configMapNamed(String name) {
        return manifests.stream().map(Manifest::resource).filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(c -> c.getMetadata() != null && name.equals(c.getMetadata().getName())).findFirst();
    }

    /** The Secret of this name among the documents, if any. */
    Optional<Secret> secretNamed(String name) {
        return manifests.stream().map(Manifest::resource).filter(Secret.class::isInstance).map(Secret.class::cast)
                .filter(c -> c.getMetadata() != null && name.equals(c.getMetadata().getName())).findFirst();
    }

    void protocol(Manifest m, String where, String protocol) {
        if (protocol != null && !Set.of("TCP", "UDP", "SCTP").contains(protocol)) {
            problems.add(m.problem(where, "'" + protocol + "' is not a protocol; expected TCP, UDP or SCTP"));
        }
    }

    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        if (empty(selector)) {
            return true;
        }
        return labels != null && labels.entrySet().containsAll(selector.entrySet());
    }

    static boolean empty(Map<?, ?> map) {
        return map == null || map.isEmpty();
    }

    static boolean empty(List<?> list) {
        return list == null || list.isEmpty();
    }
}
