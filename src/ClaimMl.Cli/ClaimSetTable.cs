using System.Globalization;
using System.Text.Json.Nodes;
using ClaimMl.DataFormats.ClaimSets;
using ClaimMl.Evaluation;
using Spectre.Console;

namespace ClaimMl.Cli;

/// <summary><c>claimml evaluate --sets</c>: one table over every claim-level test set present.</summary>
internal static class ClaimSetTable
{
    /// <summary>The test side of every claim-level data set in <paramref name="root"/> (<c>evaluate --sets</c>).</summary>
    public static List<ClaimSet> LoadTestSets(string root)
    {
        List<ClaimSet> sets = ClaimSuite.LoadTestSets(root);
        if (sets.Count == 0)
        {
            throw new ClaimMlDataException(root, 0, null, $"no claim-level data set found (expected one of {string.Join(", ", ClaimSuite.Folders.Select(f => f + "/"))}).");
        }
        return sets;
    }

    /// <summary>Your own labeled claims in <paramref name="folder"/> (<c>evaluate --labeled</c>), each set and, when there are several, all together.</summary>
    public static List<ClaimSet> LoadLabeledSets(string folder)
    {
        List<ClaimSet> sets = LabeledClaimFolder.Load(folder, ClaimCheckerLimits.Default);
        if (sets.Count > 1)
        {
            sets.Add(new ClaimSet($"all ({sets.Count} sets)", sets.SelectMany(s => s.Cases).ToList(), ClaimSetScoring.Verdicts));
        }
        return sets;
    }

    /// <summary>Scores <paramref name="sets"/>, prints one table, and writes the figures (under <paramref name="recordKey"/> when recording).</summary>
    public static int Run(ClaimChecker checker, List<ClaimSet> sets, string title, string recordKey, FileInfo? modelFile, FileInfo? jsonFile, bool record,
        CancellationToken cancellation, out List<ClaimSetReport> reports)
    {
        reports = [];
        foreach (ClaimSet set in sets)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            reports.Add(ClaimSetEvaluator.Evaluate(checker, set, cancellation));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{set.Name}: {set.Cases.Count:N0} claims in {watch.Elapsed.TotalSeconds:0.0} s"));
        }
        Print(reports, title);

        var json = new JsonObject
        {
            ["command"] = MetricsFile.CommandLine(),
            ["model"] = CliOptions.RecordedModelName(checker, modelFile),
            ["mode"] = CliOptions.RecordedModeName(checker),
        };
        var rows = new JsonObject();
        foreach (ClaimSetReport r in reports)
        {
            rows[r.Set.Name] = ToJson(r);
        }
        json["sets"] = rows;
        if (jsonFile is not null)
        {
            MetricsFile.Write(jsonFile.FullName, json);
        }
        if (record && modelFile is not null)
        {
            string path = MetricsFile.PathFor(modelFile.FullName);
            JsonObject all = MetricsFile.Read(path) ?? new JsonObject();
            all.Remove(recordKey);
            all[recordKey] = json;
            MetricsFile.Write(path, all);
            Console.Error.WriteLine($"Recorded in {path}.");
        }
        return CommandRunner.Ok;
    }

    private static void Print(List<ClaimSetReport> reports, string title)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));
        table.AddColumn("data set");
        table.AddColumn(new TableColumn("n").RightAligned());
        table.AddColumn(new TableColumn("accuracy").RightAligned());
        table.AddColumn(new TableColumn("macro-F1 (90% interval)").RightAligned());
        table.AddColumn(new TableColumn("bal. acc.").RightAligned());
        table.AddColumn("F1 per label");
        table.AddColumn("majority baseline (acc / macro-F1)");
        table.AddColumn(new TableColumn("ECE").RightAligned());
        foreach (ClaimSetReport r in reports)
        {
            VerdictMetrics m = r.Metrics;
            string perLabel = string.Join("  ", Enumerable.Range(0, m.Labels.Length).Where(c => m.Support[c] > 0).Select(c => $"{m.Labels[c]} {F(m.F1[c])}"));
            (double Low, double High) interval = m.MacroF1Interval();
            table.AddRow(
                Markup.Escape(r.Set.Name),
                m.Count.ToString("N0", CultureInfo.InvariantCulture),
                F(m.Accuracy), $"{F(m.MacroF1)} ({F(interval.Low)}–{F(interval.High)})", F(m.BalancedAccuracy),
                Markup.Escape(perLabel),
                Markup.Escape($"{m.MajorityLabel}: {F(m.MajorityAccuracy)} / {F(m.MajorityMacroF1)}"),
                F(m.ExpectedCalibrationError));
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        console.Profile.Width = Math.Max(console.Profile.Width, 190);
        console.Write(table);
        foreach (ClaimSetReport r in reports.Where(r => r.UnlabeledOutcomes.Count > 0))
        {
            console.WriteLine($"{r.Set.Name}, claims without a gold verdict: " +
                string.Join(", ", r.UnlabeledOutcomes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}")));
        }
    }

    private static JsonArray Interval(VerdictMetrics m)
    {
        (double low, double high) = m.MacroF1Interval();
        return [R(low), R(high)];
    }

    private static JsonObject ToJson(ClaimSetReport r)
    {
        VerdictMetrics m = r.Metrics;
        var perLabel = new JsonObject();
        for (int c = 0; c < m.Labels.Length; c++)
        {
            if (m.Support[c] > 0)
            {
                perLabel[m.Labels[c]] = new JsonObject { ["f1"] = R(m.F1[c]), ["recall"] = R(m.Recall[c]), ["support"] = m.Support[c] };
            }
        }
        var json = new JsonObject
        {
            ["n"] = m.Count,
            ["accuracy"] = R(m.Accuracy),
            ["macroF1"] = R(m.MacroF1),
            ["macroF1Interval90 (bootstrap over the scored items)"] = Interval(m),
            ["balancedAccuracy"] = R(m.BalancedAccuracy),
            ["perLabel"] = perLabel,
            ["majorityLabel"] = m.MajorityLabel,
            ["majorityAccuracy"] = R(m.MajorityAccuracy),
            ["majorityMacroF1"] = R(m.MajorityMacroF1),
            ["expectedCalibrationError"] = R(m.ExpectedCalibrationError),
        };
        var confusion = new JsonObject();
        for (int g = 0; g < m.Labels.Length; g++)
        {
            var row = new JsonObject();
            for (int p = 0; p < m.Labels.Length; p++)
            {
                row[m.Labels[p]] = m.Confusion[g, p];
            }
            confusion[m.Labels[g]] = row;
        }
        json["confusion (rows gold, columns predicted)"] = confusion;
        if (r.UnlabeledOutcomes.Count > 0)
        {
            var outcomes = new JsonObject();
            foreach (var (key, count) in r.UnlabeledOutcomes.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                outcomes[key] = count;
            }
            json["withoutGoldVerdict"] = outcomes;
        }
        return json;
    }

    private static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);

    private static double R(double v) => Math.Round(v, 4);
}
