package dev.switchboard;

import dev.switchboard.cli.HealthCommand;
import dev.switchboard.cli.RotateKekCommand;
import dev.switchboard.cli.ServeCommand;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code switchboard} command line: {@code serve}, {@code rotate-kek} and {@code health}. */
@Command(name = "switchboard", mixinStandardHelpOptions = true, version = "Switchboard 0.1.0",
        description = "A self-hosted AI gateway.",
        subcommands = {ServeCommand.class, RotateKekCommand.class, HealthCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
