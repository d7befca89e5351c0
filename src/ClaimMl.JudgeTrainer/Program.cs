using System.CommandLine;
using ClaimMl.Cli;
using ClaimMl.JudgeTrainer;

var root = new RootCommand("ClaimMl.JudgeTrainer: fine-tune the entailment judge (MiniLM cross-encoder, TorchSharp) and write it for the library (ONNX).");
root.Options.Add(CliOptions.Verbose);
root.Subcommands.Add(TrainJudgeCommand.Create());
root.Subcommands.Add(TuneVerdictCommand.Create());
root.Subcommands.Add(ExportJudgeCommand.Create());
root.Subcommands.Add(CompareJudgesCommand.Create());
root.Subcommands.Add(QuotePairsCommand.Create());
root.Subcommands.Add(NegativePairsCommand.Create());
return await root.Parse(args).InvokeAsync();
