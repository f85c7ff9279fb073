package io.shardgate.rules.algorithm;

import io.shardgate.rules.algorithm.testing.ClashingModProvider;
import io.shardgate.rules.config.TableRule.AlgorithmSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardingAlgorithmsTest {

    private static final String SPI = "io.shardgate.rules.algorithm.ShardingAlgorithmProvider";

    @Test
    void theBuiltInsComeFirstThenServices() {
        assertThat(new ShardingAlgorithms().types()).containsExactly("mod", "hash-mod", "range", "consistent-hash");
        assertThat(new ShardingAlgorithms(TestClassLoaders.withTestServices()).types())
                .containsExactly("mod", "hash-mod", "range", "consistent-hash", "test-tens");
    }

    @Test
    void createsEachBuiltInFromItsSpec() {
        ShardingAlgorithms algorithms = new ShardingAlgorithms();
        assertThat(algorithms.create(new AlgorithmSpec("mod", Map.of()), 4)).isInstanceOf(ModAlgorithm.class)
                .hasToString("mod(4)");
        assertThat(algorithms.create(new AlgorithmSpec("hash-mod", Map.of()), 4)).hasToString("hash-mod(4)");
        assertThat(algorithms.create(new AlgorithmSpec("range", Map.of("bounds", List.of(10L, 20L))), 3))
                .hasToString("range[10, 20]");
        assertThat(algorithms.create(new AlgorithmSpec("consistent-hash", Map.of("vnodes", 16L)), 2))
                .hasToString("consistent-hash(2, vnodes=16)");
    }

    @Test
    void anUnknownTypeListsTheKnownOnes() {
        assertThatThrownBy(() -> new ShardingAlgorithms().create(new AlgorithmSpec("md5", Map.of()), 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown sharding algorithm 'md5'; expected one of mod, hash-mod, range, consistent-hash, "
                        + "or the fully-qualified name of a class implementing " + SPI);
    }

    @Test
    void aMissingClassSaysItIsNotOnTheClassPath() {
        assertThatThrownBy(() -> new ShardingAlgorithms().create(new AlgorithmSpec("com.example.Nope", Map.of()), 4))
                .hasMessageStartingWith("sharding algorithm class com.example.Nope is not on the class path")
                .hasMessageContaining("expected one of mod, hash-mod, range, consistent-hash, or a class implementing " + SPI);
    }

    @Test
    void aClassThatIsNotAProviderIsRefused() {
        assertThatThrownBy(() -> new ShardingAlgorithms().create(new AlgorithmSpec("java.lang.String", Map.of()), 4))
                .hasMessage("sharding algorithm class java.lang.String does not implement " + SPI
                        + "; expected a provider class, whose create(params, shardCount) returns the algorithm");
    }

    @Test
    void twoServicesClaimingOneTypeAreRefused(@TempDir Path folder) throws IOException {
        Path services = folder.resolve("META-INF/services/" + SPI);
        Files.createDirectories(services.getParent());
        Files.writeString(services, ClashingModProvider.class.getName() + "\n");
        assertThatThrownBy(() -> new ShardingAlgorithms(TestClassLoaders.withServicesIn(folder)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("sharding algorithm type 'mod' is claimed by both " + ModAlgorithm.Provider.class.getName()
                        + " and " + ClashingModProvider.class.getName() + "; expected one provider per type (remove one "
                        + "from META-INF/services/" + SPI + ")");
    }

    @Test
    void shardCountMustBePositive() {
        assertThatThrownBy(() -> new ShardingAlgorithms().create(new AlgorithmSpec("hash-mod", Map.of()), 0))
                .hasMessage("hash-mod over 0 shards is impossible; expected at least one shard node");
    }
}
