package io.docpipe.local;

import io.docpipe.index.SearchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code docpipe} command line. */
@Command(name = "docpipe", mixinStandardHelpOptions = true, version = "docpipe 0.1.0",
    description = "Kafka-based document ingestion pipeline.",
    subcommands = {StartCommand.class, SearchCommand.class, TailCommand.class})
public final class DocpipeCli implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new DocpipeCli());
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
