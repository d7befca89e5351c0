using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using ClaimMl.DataFormats;
using ClaimMl.DataFormats.ClaimSets;
using ClaimMl.Evaluation;
using ClaimMl.Reports;
using ClaimMl.Training;
using Spectre.Console;

namespace ClaimMl.Cli;

/// <summary><c>claimml evaluate</c>: FNC-1 score, per-class figures and confusion matrix of a model on a split.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var model = CliOptions.Model();
        var judge = CliOptions.Judge();
        var lexicalOnly = CliOptions.LexicalOnly();
        var data = CliOptions.FncData();
        data.Required = false;
        var sets = new Option<DirectoryInfo?>("--sets") { Description = $"Folder holding the claim-level data sets (the layout of ../shared/data: {string.Join(", ", ClaimSuite.Folders)}); evaluates the test side of every set present." };
        var labeled = new Option<DirectoryInfo?>("--labeled")
        {
            Description = "Your own labeled claims: a folder with claims.jsonl ({\"id\", \"claim\", \"expected\": confirmed | disputed | unverified} per line) and sources/ (.txt), or a folder of such folders; prints the verdict figures per folder.",
        };
        var split = new Option<string>("--split") { Description = "FNC-1 split to score: competition (the test split) or train.", DefaultValueFactory = _ => "competition" };
        split.AcceptOnlyFromAmong("competition", "train");
        var json = new Option<FileInfo?>("--json") { Description = "Also write the figures to this JSON file (atomically)." };
        var record = new Option<bool>("--record") { Description = "Record the figures in the model's <name>.metrics.json: the judge's (needs --judge) or, with --lexical-only, the stance model's (needs --model)." };
        var html = new Option<FileInfo?>("--html") { Description = "Also write a self-contained HTML report to this file (atomically): the figures, a confusion-matrix heat map and a reliability diagram per set." };

        var command = new Command("evaluate", "Score a model on a labeled FNC-1 split: FNC score, relative score, per-class precision/recall/F1, macro-F1, confusion matrix.")
        {
            model, judge, lexicalOnly, data, sets, labeled, split, json, record, html,
        };
        command.Validators.Add(result =>
        {
            int given = (result.GetValue(data) is null ? 0 : 1) + (result.GetValue(sets) is null ? 0 : 1) + (result.GetValue(labeled) is null ? 0 : 1);
            if (given != 1)
            {
                result.AddError("Give one of --data <fnc-1 folder> (stance figures), --sets <data folder> (claim-level table) or --labeled <folder> (your own labeled claims).");
            }
        });
        command.SetAction((parse, cancellation) => CommandRunner.RunAsync(parse, ct =>
        {
            DateTimeOffset startedAt = DateTimeOffset.UtcNow;
            FileInfo? stanceFile = parse.GetValue(model);
            FileInfo? judgeFile = parse.GetValue(judge);
            bool lexical = parse.GetValue(lexicalOnly);
            // The file the figures belong to: the judge's in the judged mode, the stance model's in the lexical-only one.
            FileInfo? modelFile = lexical ? stanceFile : judgeFile;
            if (parse.GetValue(record) && modelFile is null)
            {
                throw new ArgumentException(lexical
                    ? "--record with --lexical-only needs --model: it writes the figures beside that model file."
                    : "--record needs --judge: it writes the figures beside that judge model (or use --lexical-only with --model).");
            }
            using ClaimChecker checker = CliOptions.CreateChecker(stanceFile, judgeFile, lexical);
            (List<ClaimSet> Sets, string Title, string RecordKey, string DataName)? table =
                parse.GetValue(sets) is DirectoryInfo setsFolder
                    ? (ClaimSetTable.LoadTestSets(setsFolder.FullName), "Claim-level evaluation (test sides)", "claimSets", setsFolder.Name)
                    : parse.GetValue(labeled) is DirectoryInfo labeledFolder
                        ? (ClaimSetTable.LoadLabeledSets(labeledFolder.FullName), $"Labeled claims: {labeledFolder.Name}", $"labeledClaims ({labeledFolder.Name})", labeledFolder.Name)
                        : null;
            if (table is var (claimSets, title, recordKey, dataName))
            {
                int status = ClaimSetTable.Run(checker, claimSets, title, recordKey, modelFile, parse.GetValue(json), parse.GetValue(record), ct, out List<ClaimSetReport> reports);
                if (parse.GetValue(html) is FileInfo setsHtml)
                {
                    var setsReport = new EvaluationReport(title) { DataName = dataName, CreatedAt = startedAt };
                    reports.ForEach(setsReport.Add);
                    WriteReport(setsHtml, setsReport, CliOptions.ReportModelFor(checker, stanceFile, judgeFile));
                }
                return Task.FromResult(status);
            }
            FncSplit which = parse.GetValue(split) == "train" ? FncSplit.Train : FncSplit.Competition;
            string folder = parse.GetValue(data)!.FullName;
            LabeledPairSet set = FncDataset.Load(folder, which);

            var watch = System.Diagnostics.Stopwatch.StartNew();
            var (metrics, calibration) = checker.Mode == ClaimCheckingMode.LexicalOnly
                ? StancePredictor.EvaluateWithCalibration(checker.Model, set, ct)
                : StancePredictor.EvaluateWithCalibration(checker, set, ct);
            watch.Stop();
            PrintTable(set.Name, metrics);
            if (parse.GetValue(html) is FileInfo htmlFile)
            {
                var report = new EvaluationReport($"Stance evaluation: {set.Name}") { DataName = Path.GetFileName(folder), CreatedAt = startedAt };
                report.AddStances(set.Name, metrics, calibration);
                WriteReport(htmlFile, report, CliOptions.ReportModelFor(checker, stanceFile, judgeFile));
            }
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{metrics.Count:N0} pairs scored in {watch.Elapsed.TotalSeconds:0.00} s; ECE of the decided stance's probability {calibration.ExpectedCalibrationError:0.000}."));

            JsonObject figures = MetricsJson.From(metrics);
            figures["expectedCalibrationError"] = Math.Round(calibration.ExpectedCalibrationError, 4);
            var (bodiesFile, stancesFile) = FncDataset.Files(folder, which);
            figures["data"] = new JsonObject
            {
                [Path.GetFileName(bodiesFile)] = TrainCommand.Sha256(bodiesFile),
                [Path.GetFileName(stancesFile)] = TrainCommand.Sha256(stancesFile),
            };
            figures["command"] = MetricsFile.CommandLine();
            figures["model"] = CliOptions.RecordedModelName(checker, modelFile);
            figures["mode"] = CliOptions.RecordedModeName(checker);
            if (modelFile is not null)
            {
                figures["modelSha256"] = TrainCommand.Sha256(modelFile.FullName);
            }
            if (parse.GetValue(json) is FileInfo jsonFile)
            {
                MetricsFile.Write(jsonFile.FullName, figures);
            }
            if (parse.GetValue(record) && modelFile is not null)
            {
                string path = MetricsFile.PathFor(modelFile.FullName);
                JsonObject all = MetricsFile.Read(path) ?? new JsonObject();
                var evaluations = all["evaluation"] as JsonObject ?? new JsonObject();
                evaluations.Remove(set.Name);
                evaluations[set.Name] = figures;
                all.Remove("evaluation");
                all["evaluation"] = evaluations;
                MetricsFile.Write(path, all);
                Console.Error.WriteLine($"Recorded in {path}.");
            }
            return Task.FromResult(CommandRunner.Ok);
        }, cancellation));
        return command;
    }

    private static void WriteReport(FileInfo file, EvaluationReport report, ReportModel model)
    {
        report.Model = model;
        CommandRunner.WriteAtomically(file.FullName, stream =>
        {
            using var writer = new StreamWriter(stream);
            report.Write(writer);
        });
    }

    private static void PrintTable(string name, StanceMetrics m)
    {
        var console = AnsiConsole.Console;
        console.Profile.Width = Math.Max(console.Profile.Width, 120);
        console.MarkupLine($"[bold]{Markup.Escape(name)}[/]: {m.Count:N0} pairs");
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"FNC score [bold]{m.FncScore:0.00}[/] of {m.FncMaxScore:0.00}  →  relative [bold]{m.FncRelative:0.00}%[/]   accuracy {m.Accuracy:0.0000}   macro-F1 [bold]{m.MacroF1:0.0000}[/]"));

        var perClass = new Table().Border(TableBorder.Rounded).Title("Per class");
        perClass.AddColumn("stance (FNC-1)");
        perClass.AddColumn(new TableColumn("precision").RightAligned());
        perClass.AddColumn(new TableColumn("recall").RightAligned());
        perClass.AddColumn(new TableColumn("F1").RightAligned());
        perClass.AddColumn(new TableColumn("support").RightAligned());
        foreach (Stance s in StanceMetrics.Order)
        {
            ClassScores c = m[s];
            perClass.AddRow(Label(s), F(c.Precision), F(c.Recall), F(c.F1), c.Support.ToString("N0", CultureInfo.InvariantCulture));
        }
        console.Write(perClass);

        var confusion = new Table().Border(TableBorder.Rounded).Title("Confusion (rows: gold, columns: predicted)");
        confusion.AddColumn("gold \\ predicted");
        foreach (Stance s in StanceMetrics.Order)
        {
            confusion.AddColumn(new TableColumn(MetricsJson.Word(s)).RightAligned());
        }
        foreach (Stance gold in StanceMetrics.Order)
        {
            var cells = new List<string> { Label(gold) };
            foreach (Stance predicted in StanceMetrics.Order)
            {
                int n = m.Confusion[(int)gold, (int)predicted];
                cells.Add(gold == predicted ? $"[bold]{n:N0}[/]" : n.ToString("N0", CultureInfo.InvariantCulture));
            }
            confusion.AddRow(cells.ToArray());
        }
        console.Write(confusion);
    }

    private static string Label(Stance s) => s switch
    {
        Stance.Supports => "supports (agree)",
        Stance.Refutes => "refutes (disagree)",
        Stance.Discusses => "discusses (discuss)",
        _ => "unrelated",
    };

    private static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
}
