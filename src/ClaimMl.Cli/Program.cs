using System.CommandLine;
using ClaimMl.Cli;

var root = new RootCommand("claimml: check claims against sources, and train and evaluate the stance model.");
root.Options.Add(CliOptions.Verbose);
root.Subcommands.Add(CheckCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(EvaluateCommand.Create());
return await root.Parse(args).InvokeAsync();
