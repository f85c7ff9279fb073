package io.shardgate.deploy.check;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The pod template of the proxy Deployment: what the API server validates in a pod spec (names,
 * ports, probe handlers and their ports, env and volume references, requests within limits), and
 * the deployment policy of issue 7, each message starting with "policy:":
 * at least 2 replicas; readiness on GET /health of the admin port; a liveness check that is not
 * /health (so that a MySQL outage does not restart every proxy); requests and limits for cpu and
 * memory; non-root, read-only root file system, no privilege escalation; a preStop pause shorter
 * than the grace period; the rules ConfigMap with rules.yaml mounted at /etc/shardgate.
 */
final class PodSpecRules {

    static final int MIN_REPLICAS = 2;
    static final String RULES_DIRECTORY = "/etc/shardgate";
    static final String RULES_KEY = "rules.yaml";
    static final String HEALTH_PATH = "/health";
    static final int ADMIN_PORT = 9307;

    private final Manifest m;
    private final PodSpec spec;
    private final Integer replicas;
    private final Function<String, Optional<ConfigMap>> configMaps;
    private final Function<String, Optional<Secret>> secrets;
    private final List<Problem> problems = new ArrayList<>();

    PodSpecRules(Manifest m, PodSpec spec, Integer replicas, Function<String, Optional<ConfigMap>> configMaps,
                 Function<String, Optional<Secret>> secrets) {
        this.m = m;
        this.spec = spec;
        this.replicas = replicas;
        this.configMaps = configMaps;
        this.secrets = secrets;
    }

    List<Problem> check() {
        if (replicas == null || replicas < MIN_REPLICAS) {
            add("spec.replicas", "policy: is " + (replicas == null ? "unset (1)" : replicas) + "; expected at least "
                    + MIN_REPLICAS + " so that one proxy serves while another restarts");
        }
        if (spec.getRestartPolicy() != null && !"Always".equals(spec.getRestartPolicy())) {
            add("spec.template.spec.restartPolicy", "'" + spec.getRestartPolicy() + "' is not allowed in a Deployment; expected Always");
        }
        Map<String, Volume> volumes = volumes();
        List<Container> containers = spec.getContainers();
        if (containers == null || containers.isEmpty()) {
            add("spec.template.spec.containers", "is empty; expected the shardgate container");
            return problems;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < containers.size(); i++) {
            Container c = containers.get(i);
            String where = "spec.template.spec.containers[" + i + "]";
            if (!Names.DNS_LABEL.accepts(c.getName()) || !names.add(c.getName())) {
                add(where + ".name", "'" + c.getName() + "' is missing, invalid or used twice; expected a unique " + Names.DNS_LABEL.rule());
            }
            container(where, c, volumes);
        }
        long grace = spec.getTerminationGracePeriodSeconds() == null ? 30 : spec.getTerminationGracePeriodSeconds();
        if (grace < 0) {
            add("spec.template.spec.terminationGracePeriodSeconds", "is " + grace + "; expected 0 or more");
        }
        for (Container c : containers) {
            long pause = preStopSleepSeconds(c);
            if (pause >= grace) {
                add("spec.template.spec.terminationGracePeriodSeconds", "policy: " + grace + " s does not outlast the preStop pause of "
                        + pause + " s in container " + c.getName() + ": the proxy would be killed before it drains; expected the "
                        + "pause plus the proxy's shutdown timeout");
            }
        }
        podSecurity();
        return problems;
    }

    private void container(String where, Container c, Map<String, Volume> volumes) {
        if (c.getImage() == null || c.getImage().isBlank()) {
            add(where + ".image", "is missing; expected the image built from deploy/Dockerfile");
        }
        if (c.getImagePullPolicy() != null && !Set.of("Always", "IfNotPresent", "Never").contains(c.getImagePullPolicy())) {
            add(where + ".imagePullPolicy", "'" + c.getImagePullPolicy() + "' is not a pull policy; expected Always, IfNotPresent or Never");
        }
        Map<String, Integer> ports = ports(where, c);
        if (!ports.containsValue(ADMIN_PORT) || !ports.containsValue(3307)) {
            add(where + ".ports", "policy: " + ports + " lacks 3307 (MySQL) or " + ADMIN_PORT + " (admin); expected both");
        }
        probe(where + ".startupProbe", c.getStartupProbe(), ports, true);
        probe(where + ".livenessProbe", c.getLivenessProbe(), ports, true);
        probe(where + ".readinessProbe", c.getReadinessProbe(), ports, false);
        Probe readiness = c.getReadinessProbe();
        if (readiness == null || readiness.getHttpGet() == null || !HEALTH_PATH.equals(readiness.getHttpGet().getPath())
                || !adminPort(readiness.getHttpGet().getPort(), ports)) {
            add(where + ".readinessProbe", "policy: expected httpGet " + HEALTH_PATH + " on the admin port " + ADMIN_PORT
                    + " (ready = every group has a reachable leader)");
        }
        Probe liveness = c.getLivenessProbe();
        if (liveness == null) {
            add(where + ".livenessProbe", "policy: is missing; expected a TCP (or HTTP, not " + HEALTH_PATH + ") check of the admin port");
        } else if (liveness.getHttpGet() != null && HEALTH_PATH.equals(liveness.getHttpGet().getPath())) {
            add(where + ".livenessProbe", "policy: checks " + HEALTH_PATH + ", which fails in every replica when one MySQL leader "
                    + "is down, so the kubelet would restart all proxies; expected tcpSocket on the admin port");
        }
        resources(where + ".resources", c.getResources());
        env(where + ".env", c.getEnv());
        mounts(where + ".volumeMounts", c.getVolumeMounts(), volumes);
        containerSecurity(where + ".securityContext", c.getSecurityContext());
        if (c.getLifecycle() == null || c.getLifecycle().getPreStop() == null) {
            add(where + ".lifecycle.preStop", "policy: is missing; expected a pause (sleep) so that the Service stops sending "
                    + "new connections before the proxy drains");
        }
    }

    private Map<String, Integer> ports(String where, Container c) {
        Map<String, Integer> byName = new HashMap<>();
        if (c.getPorts() == null) {
            return byName;
        }
        for (int i = 0; i < c.getPorts().size(); i++) {
            ContainerPort port = c.getPorts().get(i);
            String at = where + ".ports[" + i + "]";
            Integer number = port.getContainerPort();
            if (number == null || number < 1 || number > 65535) {
                add(at + ".containerPort", "is " + number + "; expected a port from 1 to 65535");
            }
            if (port.getProtocol() != null && !Set.of("TCP", "UDP", "SCTP").contains(port.getProtocol())) {
                add(at + ".protocol", "'" + port.getProtocol() + "' is not a protocol; expected TCP, UDP or SCTP");
            }
            String name = port.getName() == null ? "#" + i : port.getName();
            if (port.getName() != null && !Names.PORT_NAME.accepts(port.getName())) {
                add(at + ".name", "'" + port.getName() + "' is not a valid port name; expected " + Names.PORT_NAME.rule());
            }
            if (byName.put(name, number) != null) {
                add(at + ".name", "'" + name + "' is used twice; expected distinct port names");
            }
        }
        return byName;
    }

    private void probe(String where, Probe probe, Map<String, Integer> ports, boolean successMustBeOne) {
        if (probe == null) {
            return;
        }
        int handlers = (probe.getExec() != null ? 1 : 0) + (probe.getHttpGet() != null ? 1 : 0)
                + (probe.getTcpSocket() != null ? 1 : 0) + (probe.getGrpc() != null ? 1 : 0);
        if (handlers != 1) {
            add(where, "has " + handlers + " handlers; expected exactly one of exec, httpGet, tcpSocket, grpc");
        }
        if (probe.getHttpGet() != null) {
            port(where + ".httpGet.port", probe.getHttpGet().getPort(), ports);
            String path = probe.getHttpGet().getPath();
            if (path != null && !path.startsWith("/")) {
                add(where + ".httpGet.path", "'" + path + "' does not start with '/'; expected e.g. " + HEALTH_PATH);
            }
            String scheme = probe.getHttpGet().getScheme();
            if (scheme != null && !Set.of("HTTP", "HTTPS").contains(scheme)) {
                add(where + ".httpGet.scheme", "'" + scheme + "' is not a scheme; expected HTTP or HTTPS");
            }
        }
        if (probe.getTcpSocket() != null) {
            port(where + ".tcpSocket.port", probe.getTcpSocket().getPort(), ports);
        }
        positive(where + ".periodSeconds", probe.getPeriodSeconds());
        positive(where + ".timeoutSeconds", probe.getTimeoutSeconds());
        positive(where + ".failureThreshold", probe.getFailureThreshold());
        positive(where + ".successThreshold", probe.getSuccessThreshold());
        if (successMustBeOne && probe.getSuccessThreshold() != null && probe.getSuccessThreshold() != 1) {
            add(where + ".successThreshold", "is " + probe.getSuccessThreshold() + "; expected 1 for liveness and startup probes");
        }
    }

    private void port(String where, IntOrString port, Map<String, Integer> ports) {
        if (port == null) {
            add(where, "is missing; expected a port number or the name of a container port");
        } else if (port.getStrVal() != null && !ports.containsKey(port.getStrVal())) {
            add(where, "'" + port.getStrVal() + "' names no container port; expected one of: " + ports.keySet());
        } else if (port.getIntVal() != null && (port.getIntVal() < 1 || port.getIntVal() > 65535)) {
            add(where, "is " + port.getIntVal() + "; expected a port from 1 to 65535");
        }
    }

    private static boolean adminPort(IntOrString port, Map<String, Integer> ports) {
        if (port == null) {
            return false;
        }
        Integer number = port.getStrVal() != null ? ports.get(port.getStrVal()) : port.getIntVal();
        return number != null && number == ADMIN_PORT;
    }

    private void resources(String where, ResourceRequirements resources) {
        Map<String, Quantity> requests = resources == null || resources.getRequests() == null ? Map.of() : resources.getRequests();
        Map<String, Quantity> limits = resources == null || resources.getLimits() == null ? Map.of() : resources.getLimits();
        for (String resource : List.of("cpu", "memory")) {
            if (!requests.containsKey(resource) || !limits.containsKey(resource)) {
                add(where, "policy: " + resource + " needs both a request and a limit; expected requests." + resource
                        + " and limits." + resource);
            }
        }
        requests.forEach((resource, request) -> {
            Quantity limit = limits.get(resource);
            BigDecimal requested = amount(where + ".requests." + resource, request);
            BigDecimal limited = limit == null ? null : amount(where + ".limits." + resource, limit);
            if (requested != null && limited != null && requested.compareTo(limited) > 0) {
                add(where + ".requests." + resource, request + " is above the limit " + limit
                        + "; expected a request no larger than the limit");
            }
        });
    }

    private BigDecimal amount(String where, Quantity quantity) {
        try {
            return Quantity.getAmountInBytes(quantity);
        } catch (RuntimeException e) {
            add(where, "'" + quantity + "' is not a quantity; expected e.g. 500m, 2, 768Mi, 1Gi");
            return null;
        }
    }

    private void env(String where, List<EnvVar> env) {
        if (env == null) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < env.size(); i++) {
            EnvVar var = env.get(i);
            String at = where + "[" + i + "]";
            if (!Names.ENV_NAME.accepts(var.getName()) || !names.add(var.getName())) {
                add(at + ".name", "'" + var.getName() + "' is missing, invalid or set twice; expected " + Names.ENV_NAME.rule());
            }
            if (var.getValue() != null && var.getValueFrom() != null) {
                add(at, "sets both value and valueFrom; expected one");
            }
            if (var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null) {
                var ref = var.getValueFrom().getSecretKeyRef();
                if (!Boolean.TRUE.equals(ref.getOptional())) {
                    Optional<Secret> secret = ref.getName() == null ? Optional.empty() : secrets.apply(ref.getName());
                    if (secret.isEmpty()) {
                        add(at + ".valueFrom.secretKeyRef.name", "'" + ref.getName() + "' is no Secret in this kustomization; "
                                + "expected the passwords Secret (or optional: true)");
                    } else if (!secretKeys(secret.get()).contains(ref.getKey())) {
                        add(at + ".valueFrom.secretKeyRef.key", "'" + ref.getKey() + "' is not in Secret " + ref.getName()
                                + "; expected one of: " + secretKeys(secret.get()));
                    }
                }
            }
            if (var.getValueFrom() != null && var.getValueFrom().getConfigMapKeyRef() != null) {
                var ref = var.getValueFrom().getConfigMapKeyRef();
                if (!Boolean.TRUE.equals(ref.getOptional())) {
                    Optional<ConfigMap> map = ref.getName() == null ? Optional.empty() : configMaps.apply(ref.getName());
                    if (map.isEmpty() || map.get().getData() == null || !map.get().getData().containsKey(ref.getKey())) {
                        add(at + ".valueFrom.configMapKeyRef", "'" + ref.getName() + "/" + ref.getKey()
                                + "' is no key of a ConfigMap in this kustomization; expected an existing name and key");
                    }
                }
            }
        }
    }

    private static Set<String> secretKeys(Secret secret) {
        Set<String> keys = new HashSet<>();
        if (secret.getData() != null) {
            keys.addAll(secret.getData().keySet());
        }
        if (secret.getStringData() != null) {
            keys.addAll(secret.getStringData().keySet());
        }
        return keys;
    }

    private Map<String, Volume> volumes() {
        Map<String, Volume> volumes = new HashMap<>();
        if (spec.getVolumes() == null) {
            return volumes;
        }
        for (int i = 0; i < spec.getVolumes().size(); i++) {
            Volume v = spec.getVolumes().get(i);
            String where = "spec.template.spec.volumes[" + i + "]";
            if (!Names.DNS_LABEL.accepts(v.getName()) || volumes.put(v.getName(), v) != null) {
                add(where + ".name", "'" + v.getName() + "' is missing, invalid or used twice; expected a unique " + Names.DNS_LABEL.rule());
            }
            if (v.getConfigMap() != null && !Boolean.TRUE.equals(v.getConfigMap().getOptional())) {
                Optional<ConfigMap> map = v.getConfigMap().getName() == null ? Optional.empty() : configMaps.apply(v.getConfigMap().getName());
                if (map.isEmpty()) {
                    add(where + ".configMap.name", "'" + v.getConfigMap().getName() + "' is no ConfigMap in this kustomization; "
                            + "expected the rules ConfigMap");
                } else {
                    items(where + ".configMap.items", v.getConfigMap().getItems(), map.get().getData());
                }
            }
            if (v.getSecret() != null && !Boolean.TRUE.equals(v.getSecret().getOptional())
                    && (v.getSecret().getSecretName() == null || secrets.apply(v.getSecret().getSecretName()).isEmpty())) {
                add(where + ".secret.secretName", "'" + v.getSecret().getSecretName() + "' is no Secret in this kustomization; "
                        + "expected an existing Secret (or optional: true)");
            }
        }
        return volumes;
    }

    private void items(String where, List<KeyToPath> items, Map<String, String> data) {
        if (items == null) {
            return;
        }
        for (KeyToPath item : items) {
            if (data == null || !data.containsKey(item.getKey())) {
                add(where, "key '" + item.getKey() + "' is not in the ConfigMap; expected one of: "
                        + (data == null ? "[]" : data.keySet()));
            }
        }
    }

    private void mounts(String where, List<VolumeMount> mounts, Map<String, Volume> volumes) {
        boolean rules = false;
        Set<String> paths = new HashSet<>();
        for (int i = 0; mounts != null && i < mounts.size(); i++) {
            VolumeMount mount = mounts.get(i);
            String at = where + "[" + i + "]";
            Volume volume = volumes.get(mount.getName());
            if (volume == null) {
                add(at + ".name", "'" + mount.getName() + "' is no volume of the pod; expected one of: " + volumes.keySet());
            }
            if (mount.getMountPath() == null || !mount.getMountPath().startsWith("/") || !paths.add(mount.getMountPath())) {
                add(at + ".mountPath", "'" + mount.getMountPath() + "' is missing, relative or used twice; expected a distinct absolute path");
            }
            if (RULES_DIRECTORY.equals(mount.getMountPath()) && volume != null && volume.getConfigMap() != null) {
                rules = true;
                if (mount.getSubPath() != null) {
                    add(at + ".subPath", "policy: a subPath mount never sees ConfigMap updates; expected the whole directory");
                }
                Optional<ConfigMap> map = volume.getConfigMap().getName() == null ? Optional.empty()
                        : configMaps.apply(volume.getConfigMap().getName());
                if (map.isPresent() && (map.get().getData() == null || !map.get().getData().containsKey(RULES_KEY))) {
                    add(at, "policy: ConfigMap " + volume.getConfigMap().getName() + " has no key " + RULES_KEY
                            + ", which the proxy reads from " + RULES_DIRECTORY + "; expected data." + RULES_KEY);
                }
            }
        }
        if (!rules) {
            add(where, "policy: nothing is mounted at " + RULES_DIRECTORY + " from a ConfigMap; expected the rules ConfigMap there");
        }
    }

    private void containerSecurity(String where, SecurityContext context) {
        PodSecurityContext pod = spec.getSecurityContext();
        boolean nonRoot = (context != null && Boolean.TRUE.equals(context.getRunAsNonRoot()))
                || (context == null || context.getRunAsNonRoot() == null) && pod != null && Boolean.TRUE.equals(pod.getRunAsNonRoot());
        if (!nonRoot) {
            add(where + ".runAsNonRoot", "policy: is not true (here or in the pod's securityContext); expected true");
        }
        Long user = context != null && context.getRunAsUser() != null ? context.getRunAsUser()
                : pod == null ? null : pod.getRunAsUser();
        if (user != null && user == 0) {
            add(where + ".runAsUser", "policy: is 0 (root); expected the image's user 10001");
        }
        if (context == null || !Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())) {
            add(where + ".readOnlyRootFilesystem", "policy: is not true; expected true (with an emptyDir at /tmp)");
        }
        if (context == null || !Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
            add(where + ".allowPrivilegeEscalation", "policy: is not false; expected false");
        }
        if (context != null && Boolean.TRUE.equals(context.getPrivileged())) {
            add(where + ".privileged", "policy: is true; expected false");
        }
    }

    private void podSecurity() {
        PodSecurityContext pod = spec.getSecurityContext();
        if (pod != null && pod.getRunAsUser() != null && pod.getRunAsUser() == 0) {
            add("spec.template.spec.securityContext.runAsUser", "policy: is 0 (root); expected the image's user 10001");
        }
    }

    /** The seconds of a preStop {@code sleep N} (exec or the sleep action); 0 when there is none. */
    static long preStopSleepSeconds(Container c) {
        LifecycleHandler preStop = c.getLifecycle() == null ? null : c.getLifecycle().getPreStop();
        if (preStop == null) {
            return 0;
        }
        if (preStop.getSleep() != null && preStop.getSleep().getSeconds() != null) {
            return preStop.getSleep().getSeconds();
        }
        if (preStop.getExec() != null && preStop.getExec().getCommand() != null) {
            List<String> command = preStop.getExec().getCommand();
            for (int i = 0; i + 1 < command.size(); i++) {
                if (command.get(i).endsWith("sleep") && command.get(i + 1).matches("\\d+")) {
                    return Long.parseLong(command.get(i + 1));
                }
            }
        }
        return 0;
    }

    private void positive(String where, Integer value) {
        if (value != null && value < 1) {
            add(where, "is " + value + "; expected 1 or more");
        }
    }

    private void add(String where, String message) {
        problems.add(m.problem(where, message));
    }
}
