package io.shardgate.proxy.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A Prometheus text scrape over HTTP, parsed into "name{labels}" → value (labels as printed). */
final class Scrape {

    final Map<String, Double> samples = new LinkedHashMap<>();
    final String text;

    private Scrape(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
    }

    static Scrape of(int adminPort) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + adminPort + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/metrics answered " + response.statusCode() + ": " + response.body());
        }
        return new Scrape(response.body());
    }

    /** The value of the sample with this name whose labels include all of {@code labels} (0 if none). */
    double value(String name, String... labels) {
        double total = 0;
        boolean found = false;
        for (Map.Entry<String, Double> sample : samples.entrySet()) {
            String key = sample.getKey();
            String sampleName = key.contains("{") ? key.substring(0, key.indexOf('{')) : key;
            if (!sampleName.equals(name)) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= key.contains(label);
            }
            if (all) {
                total += sample.getValue();
                found = true;
            }
        }
        return found ? total : 0;
    }

    boolean has(String name, String... labels) {
        return samples.keySet().stream().anyMatch(key -> key.startsWith(name + "{")
                && java.util.Arrays.stream(labels).allMatch(key::contains));
    }
}
