package io.docpipe.local;

import io.docpipe.index.search.SearchCommand;
import io.docpipe.runtime.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code docpipe} command line. */
@Command(name = "docpipe", mixinStandardHelpOptions = true, version = "docpipe 0.1.0",
    description = "Kafka-based document ingestion pipeline.",
    subcommands = {StartCommand.class, SearchCommand.class, TailCommand.class, EnrichCommand.class,
        ReenrichCommand.class, io.docpipe.index.admin.ReindexCommand.class})
public final class DocpipeCli implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    if (args.length == 0 || !"start".equals(args[0])) {
      // Short-lived commands report failures themselves; client reconnect chatter would drown them.
      System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
    }
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return commandLine(Settings.fromEnvironment());
  }

  /** The command line, its connection options defaulting to what these settings say (tests pass their own). */
  static CommandLine commandLine(Settings settings) {
    CommandLine cli = new CommandLine(new DocpipeCli());
    cli.setDefaultValueProvider(new SettingDefaults(settings));
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
