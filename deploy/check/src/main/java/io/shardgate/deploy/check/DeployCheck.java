package io.shardgate.deploy.check;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks deploy/ without a Docker engine or a cluster. Usage:
 * <pre>
 *   DeployCheck kubernetes &lt;dir&gt; [--rules-out &lt;file&gt;]
 *       the manifests listed in &lt;dir&gt;/kustomization.yaml; --rules-out writes the rule file of
 *       the ConfigMap mounted at /etc/shardgate, for bin/shardgate validate
 *   DeployCheck compose &lt;normalized.yaml&gt; &lt;rules.yaml&gt;
 *       the output of docker-compose config, and the rule file the proxies serve
 * </pre>
 * Prints every problem, one per line; exit code 0 when there is none, 1 when there are, 2 for a
 * wrong command line.
 */
public final class DeployCheck {

    private DeployCheck() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<Problem> problems;
        String what;
        if (args.length >= 2 && args[0].equals("kubernetes") && (args.length == 2 || args.length == 4 && args[2].equals("--rules-out"))) {
            Path directory = Path.of(args[1]);
            problems = kubernetes(directory, args.length == 4 ? Path.of(args[3]) : null);
            what = "Kubernetes manifests in " + directory;
        } else if (args.length == 3 && args[0].equals("compose")) {
            problems = new ComposeTopology("compose.yaml", "rules.yaml").check(Path.of(args[1]), Path.of(args[2]));
            what = "compose topology of " + args[1] + " with " + args[2];
        } else {
            err.println("usage: DeployCheck kubernetes <dir> [--rules-out <file>] | compose <normalized-compose.yaml> <rules.yaml>");
            return 2;
        }
        problems.forEach(err::println);
        if (problems.isEmpty()) {
            out.println("ok: " + what);
            return 0;
        }
        err.println(problems.size() + " problem(s) in the " + what);
        return 1;
    }

    /** Every check of a kustomization folder; writes the proxy's rule file to {@code rulesOut} if given. */
    static List<Problem> kubernetes(Path directory, Path rulesOut) {
        Kustomization kustomization = new Kustomization(directory).read();
        List<Problem> problems = new ArrayList<>(kustomization.problems());
        ManifestReader reader = new ManifestReader();
        List<Manifest> manifests = new ArrayList<>();
        for (String file : kustomization.resources()) {
            manifests.addAll(reader.read(directory.resolve(file), file, problems));
        }
        if (reader.unread() > 0) {
            problems.add(Problem.inFile(Kustomization.FILE, "", reader.unread() + " document(s) could not be read; the checks "
                    + "across documents run once the problems above are fixed"));
            return problems;
        }
        problems.addAll(new ManifestRules(manifests).check());
        List<Deployment> deployments = manifests.stream().map(Manifest::resource)
                .filter(Deployment.class::isInstance).map(Deployment.class::cast).toList();
        if (deployments.isEmpty() && problems.isEmpty()) {
            problems.add(Problem.inFile(Kustomization.FILE, "resources", "lists no Deployment; expected the proxy Deployment"));
        }
        for (String image : kustomization.images()) {
            boolean used = deployments.stream().flatMap(DeployCheck::containers)
                    .anyMatch(c -> c.getImage() != null && imageName(c.getImage()).equals(image));
            if (!used) {
                problems.add(Problem.inFile(Kustomization.FILE, "images", "'" + image + "' is the image of no container, so the "
                        + "rewrite does nothing; expected the name part of the Deployment's image"));
            }
        }
        if (rulesOut != null && problems.isEmpty()) {
            String rules = mountedRules(manifests, deployments);
            if (rules == null) {
                problems.add(Problem.inFile(Kustomization.FILE, "", "no ConfigMap with " + PodSpecRules.RULES_KEY + " is mounted at "
                        + PodSpecRules.RULES_DIRECTORY + "; expected the rules ConfigMap"));
            } else {
                try {
                    Files.writeString(rulesOut, rules);
                } catch (IOException e) {
                    problems.add(Problem.inFile(rulesOut.toString(), "", "cannot write: " + e.getMessage()));
                }
            }
        }
        return problems;
    }

    /** The rules.yaml of the ConfigMap that the first Deployment mounts at /etc/shardgate. */
    private static String mountedRules(List<Manifest> manifests, List<Deployment> deployments) {
        for (Deployment d : deployments) {
            List<Volume> volumes = d.getSpec().getTemplate().getSpec().getVolumes();
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                for (VolumeMount mount : c.getVolumeMounts() == null ? List.<VolumeMount>of() : c.getVolumeMounts()) {
                    if (!PodSpecRules.RULES_DIRECTORY.equals(mount.getMountPath()) || volumes == null) {
                        continue;
                    }
                    for (Volume v : volumes) {
                        if (v.getName().equals(mount.getName()) && v.getConfigMap() != null) {
                            for (Manifest m : manifests) {
                                if (m.resource() instanceof ConfigMap map && v.getConfigMap().getName().equals(m.name())
                                        && map.getData() != null && map.getData().containsKey(PodSpecRules.RULES_KEY)) {
                                    return map.getData().get(PodSpecRules.RULES_KEY);
                                }
                            }
                        }
                    }
                }
            }
        }
        return null;
    }

    private static java.util.stream.Stream<Container> containers(Deployment d) {
        return d.getSpec() == null || d.getSpec().getTemplate() == null || d.getSpec().getTemplate().getSpec() == null
                ? java.util.stream.Stream.empty() : d.getSpec().getTemplate().getSpec().getContainers().stream();
    }

    /** {@code registry:5000/shardgate:0.1.0@sha256:…} → {@code registry:5000/shardgate}. */
    static String imageName(String image) {
        String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        return colon > slash ? name.substring(0, colon) : name;
    }
}
