using System.CommandLine;
using System.Globalization;
using ClaimMl.Cli;
using ClaimMl.Entailment;
using ClaimMl.JudgeTrainer.Training;
using ClaimMl.Training;
using Spectre.Console;

namespace ClaimMl.JudgeTrainer;

/// <summary>
/// <c>compare</c>: two judges on their dev pairs (each rebuilt from the pair options its manifest records), by origin:
/// the pairs held out from both, and each judge's own dev pairs the other never saw. Dev data only; nothing is written
/// but the optional JSON file.
/// </summary>
internal static class CompareJudgesCommand
{
    public static Command Create()
    {
        var judgePath = new Option<FileInfo>("--judge") { Description = "Judge model A.", Required = true };
        var againstPath = new Option<FileInfo>("--against") { Description = "Judge model B (e.g. the shipped models/judge.zip).", Required = true };
        var data = new Option<DirectoryInfo>("--data") { Description = "Folder of the labeled sets the judges were trained on (their dev pairs are rebuilt from it).", Required = true };
        var threads = new Option<int>("--threads") { Description = "CPU threads for the judges.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the figures to this JSON file (atomically)." };
        var command = new Command("compare", "Compare two judges on their dev pairs, by origin (most probable label).")
        {
            judgePath, againstPath, data, threads, json,
        };
        command.SetAction((parse, cancellation) => CommandRunner.RunAsync(parse, ct =>
        {
            var options = new JudgeOptions { IntraOpThreads = Math.Max(1, parse.GetValue(threads)) };
            string first = parse.GetValue(judgePath)!.FullName, second = parse.GetValue(againstPath)!.FullName;
            using EntailmentJudge a = JudgeModelFile.Load(first, options);
            using EntailmentJudge b = JudgeModelFile.Load(second, options);
            string root = parse.GetValue(data)!.FullName;
            JudgePairOptions firstOptions = TrainJudgeCommand.RecordedPairOptions(root, a.Manifest.Extra);
            JudgePairOptions secondOptions = TrainJudgeCommand.RecordedPairOptions(root, b.Manifest.Extra);
            JudgePairSet firstPairs = TrainJudgeCommand.RequireSameWrittenPairs(TrainJudgeCommand.BuildPairs(firstOptions), a.Manifest.Extra);
            JudgePairSet secondPairs = TrainJudgeCommand.RequireSameWrittenPairs(firstOptions == secondOptions ? firstPairs : TrainJudgeCommand.BuildPairs(secondOptions), b.Manifest.Extra);
            List<JudgeComparisonRow> rows = ProgressDisplay.Run("Reading the dev pairs", _ => JudgeComparison.Compare(firstPairs, secondPairs,
                pairs => JudgeEvaluation.Predict(a, pairs, ct), pairs => JudgeEvaluation.Predict(b, pairs, ct)));

            Print(rows, first, second);
            if (parse.GetValue(json) is FileInfo file)
            {
                CommandRunner.WriteAtomically(file.FullName, stream => MetricsFile.WriteTo(stream, JudgeComparison.ToJson(rows, first, second)));
                Console.Error.WriteLine($"Wrote {file.FullName}.");
            }
            return Task.FromResult(CommandRunner.Ok);
        }, cancellation));
        return command;
    }

    private static void Print(List<JudgeComparisonRow> rows, string first, string second)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Dev pairs, most probable label (predicted: entails/contradicts/neither)");
        table.AddColumn("part");
        table.AddColumn(new TableColumn("origin").NoWrap());
        table.AddColumn(new TableColumn("pairs").RightAligned());
        table.AddColumn(new TableColumn("A acc.").RightAligned());
        table.AddColumn(new TableColumn("A macro-F1").RightAligned());
        table.AddColumn(new TableColumn("A predicted").RightAligned());
        table.AddColumn(new TableColumn("B acc.").RightAligned());
        table.AddColumn(new TableColumn("B macro-F1").RightAligned());
        table.AddColumn(new TableColumn("B predicted").RightAligned());
        string? part = null;
        foreach (JudgeComparisonRow row in rows)
        {
            bool total = row.Origin is JudgeComparison.AllOrigins or JudgeComparison.Unframed;
            string Cell(string text) => total ? $"[bold]{Markup.Escape(text)}[/]" : Markup.Escape(text);
            table.AddRow(
                row.Part == part ? "" : Markup.Escape(row.Part),
                Cell(row.Origin),
                Cell(row.First.Pairs.ToString("N0", CultureInfo.InvariantCulture)),
                Cell(F(row.First.Accuracy)), Cell(F(row.First.MacroF1)), Cell(JudgeComparison.Predicted(row.First)),
                Cell(F(row.Second.Accuracy)), Cell(F(row.Second.MacroF1)), Cell(JudgeComparison.Predicted(row.Second)));
            part = row.Part;
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        console.Profile.Width = Math.Max(console.Profile.Width, 180); // redirected output would otherwise wrap at 80 columns
        console.WriteLine($"A = {first}");
        console.WriteLine($"B = {second}");
        console.Write(table);

        static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
    }
}
