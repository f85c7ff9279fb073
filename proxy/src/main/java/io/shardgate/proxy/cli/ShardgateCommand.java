package io.shardgate.proxy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/shardgate}: the entry point of every command of DESIGN §1. Each subcommand returns
 * its exit code; nothing here calls System.exit except {@link #main}.
 */
@Command(name = "shardgate", mixinStandardHelpOptions = true, version = "shardgate 0.1.0",
        description = "A sharding proxy and JDBC driver for MySQL and MariaDB.",
        subcommands = {ServeCommand.class, DemoCommand.class, ValidateCommand.class, ExplainCommand.class})
public final class ShardgateCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs one command line and returns its exit code (for tests). */
    public static int execute(String... args) {
        return new CommandLine(new ShardgateCommand()).execute(args);
    }
}
