package io.shardgate.deploy.check;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real deploy/kubernetes folder passes, and each way of breaking it that a reviewer could miss
 * (a typo, a wrong type, a dangling reference, a policy slip) fails with a message that names it.
 * Each case copies the folder, changes one thing, and runs the whole check.
 */
class KubernetesManifestsTest {

    static final Path MANIFESTS = Path.of("..", "kubernetes");

    @TempDir
    Path copy;

    @Test
    void theShippedManifestsPassAndTheirRuleFileIsExtracted() throws IOException {
        Path rules = copy.resolve("rules.yaml");
        List<Problem> problems = DeployCheck.kubernetes(MANIFESTS, rules);
        assertThat(problems).isEmpty();
        assertThat(Files.readString(rules)).contains("database: shop").contains("${env:DB_PASSWORD}");
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            deployment.yaml    | httpGet:                              | httpGett:                         | unknown field 'httpGett' in Probe; did you mean 'httpGet'?
            deployment.yaml    | 'replicas: 2 '                        | 'replicas: "2" '                  | /spec/replicas: wrong value in Deployment: Cannot coerce String value
            deployment.yaml    | 'replicas: 2 '                        | 'replicas: 1 '                    | policy: is 1; expected at least 2
            deployment.yaml    | '        - name: shardgate'           | '        - nam: shardgate'         | unknown field 'nam' in Container; did you mean 'name'?
            deployment.yaml    | terminationGracePeriodSeconds: 45     | terminationGracePeriodSeconds: 5  | does not outlast the preStop pause of 10 s
            deployment.yaml    | 'key: db-password'                    | 'key: db-pasword'                 | 'db-pasword' is not in Secret shardgate-passwords
            deployment.yaml    | 'name: shardgate-passwords'           | 'name: shardgate-password'        | 'shardgate-password' is no Secret in this kustomization
            deployment.yaml    | 'cpu: 500m'                           | 'cpu: "3"'                        | is above the limit 2
            deployment.yaml    | 'mountPath: /etc/shardgate '          | 'mountPath: /etc/shardgat '       | nothing is mounted at /etc/shardgate from a ConfigMap
            deployment.yaml    | 'runAsNonRoot: true'                  | 'runAsNonRoot: false'             | runAsNonRoot: policy: is not true
            deployment.yaml    | 'readOnlyRootFilesystem: true'        | 'readOnlyRootFilesystem: false'   | readOnlyRootFilesystem: policy: is not true
            deployment.yaml    | '      app.kubernetes.io/component: proxy\\n  strategy:' | '      app.kubernetes.io/component: proxi\\n  strategy:' | does not match the pod template's labels
            deployment.yaml    | '- name: admin'                       | '- name: administration-port'     | is not a valid port name
            deployment.yaml    | 'imagePullPolicy: IfNotPresent'       | 'imagePullPolicy: Sometimes'      | 'Sometimes' is not a pull policy
            deployment.yaml    | '              port: admin\\n            periodSeconds: 10' | '              port: admn\\n            periodSeconds: 10' | livenessProbe.tcpSocket.port: 'admn' names no container port
            deployment.yaml    | '          livenessProbe:\\n            tcpSocket:\\n' | '          livenessProbe:\\n            httpGet:\\n              path: /health\\n' | fails in every replica when one MySQL leader is down
            deployment.yaml    | '          readinessProbe:\\n            httpGet:\\n              path: /health' | '          readinessProbe:\\n            httpGet:\\n              path: /metrics' | policy: expected httpGet /health on the admin port 9307
            deployment.yaml    | '            preStop:'                 | '            postStart:'           | lifecycle.preStop: policy: is missing
            deployment.yaml    | '  replicas: 2 '                      | ' replicas: 2 '                   | not valid YAML
            service.yaml       | 'prometheus.io/scrape: "true"'        | 'prometheus.io/scrape: true'      | Cannot coerce Boolean value (true) to `java.lang.String`
            service.yaml       | 'targetPort: admin'                   | 'targetPort: admn'                | 'admn' is no container port of Deployment/shardgate
            service.yaml       | 'prometheus.io/port: "9307"'          | 'prometheus.io/port: "9308"'      | '9308' is none of the Service's ports
            service.yaml       | '  type: ClusterIP'                   | '  type: Internal'                | 'Internal' is not a Service type
            service.yaml       | '  selector:'                         | '  selectors:'                    | unknown field 'selectors' in ServiceSpec; did you mean 'selector'?
            pdb.yaml           | '  minAvailable: 1'                   | '  minAvailable: 1\\n  minAvailable: 2' | Duplicate field 'minAvailable'
            pdb.yaml           | '  minAvailable: 1'                   | '  minAvailable: 2'               | no pod could ever be evicted
            pdb.yaml           | 'apiVersion: policy/v1'               | 'apiVersion: policy/v1beta2'      | apiVersion policy/v1beta2 kind PodDisruptionBudget is not one this check knows
            configmap.yaml     | '  rules.yaml: |'                     | '  rule.yaml: |'                  | has no key rules.yaml
            secret.yaml        | 'stringData:'                         | 'stringdata:'                     | unknown field 'stringdata' in Secret; did you mean 'stringData'?
            kustomization.yaml | '  - pdb.yaml'                        | ''                                | 'pdb.yaml' is in the folder but not listed
            kustomization.yaml | '  - pdb.yaml'                        | '  - pdbs.yaml'                   | 'pdbs.yaml' does not exist
            kustomization.yaml | 'resources:'                          | 'resource:'                       | did you mean 'resources'?
            kustomization.yaml | '  - name: shardgate '                | '  - name: shardgat '             | 'shardgat' is the image of no container
            kustomization.yaml | 'newTag: 0.1.0'                       | 'newTag: 1'                       | expected a string
            """)
    void aBrokenManifestFails(String file, String from, String to, String expected) throws IOException {
        copyManifests();
        Path target = copy.resolve(file);
        String text = Files.readString(target);
        String original = from.replace("\\n", "\n");
        assertThat(text).as("the shipped %s contains the text this case changes", file).contains(original);
        Files.writeString(target, text.replaceFirst(java.util.regex.Pattern.quote(original),
                java.util.regex.Matcher.quoteReplacement(to.replace("\\n", "\n"))));

        List<Problem> problems = DeployCheck.kubernetes(copy, null);

        assertThat(problems).isNotEmpty();
        assertThat(problems).map(Problem::toString).anySatisfy(p -> assertThat(p).contains(expected));
    }

    @Test
    void problemsNameTheFileLineAndField() throws IOException {
        copyManifests();
        Path deployment = copy.resolve("deployment.yaml");
        Files.writeString(deployment, Files.readString(deployment).replace("httpGet:", "httpGett:"));

        List<Problem> problems = DeployCheck.kubernetes(copy, null);

        List<String> lines = Files.readAllLines(deployment);
        int line = lines.indexOf(lines.stream().filter(l -> l.contains("httpGett:")).findFirst().orElseThrow()) + 1;
        assertThat(problems).map(Problem::toString).contains("deployment.yaml:" + line + ":13: "
                + "/spec/template/spec/containers/0/readinessProbe/httpGett: unknown field 'httpGett' in Probe; did you mean "
                + "'httpGet'? expected one of: exec, failureThreshold, grpc, httpGet, initialDelaySeconds, periodSeconds, "
                + "successThreshold, tcpSocket, terminationGracePeriodSeconds, timeoutSeconds");
    }

    @Test
    void theCommandLineExitsNonZeroOnAProblem() throws IOException {
        copyManifests();
        Path service = copy.resolve("service.yaml");
        Files.writeString(service, Files.readString(service).replace("targetPort: mysql", "targetPort: mysqld"));
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();

        int exit = DeployCheck.run(new String[] {"kubernetes", copy.toString()}, new java.io.PrintStream(out), new java.io.PrintStream(err));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("'mysqld' is no container port").contains("1 problem(s)");
        assertThat(DeployCheck.run(new String[] {"kubernetes", MANIFESTS.toString()}, new java.io.PrintStream(out),
                new java.io.PrintStream(err))).isZero();
        assertThat(DeployCheck.run(new String[] {"kubernetes"}, new java.io.PrintStream(out), new java.io.PrintStream(err))).isEqualTo(2);
    }

    private void copyManifests() throws IOException {
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
    }
}
