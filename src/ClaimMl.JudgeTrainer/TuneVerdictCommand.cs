using System.CommandLine;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClaimMl.Cli;
using ClaimMl.DataFormats.ClaimSets;
using ClaimMl.Entailment;
using ClaimMl.JudgeTrainer.Output;
using ClaimMl.Training;

namespace ClaimMl.JudgeTrainer;

/// <summary>
/// <c>tune</c>: chooses the judged verdict settings (thresholds, gate, confidence calibration; with <c>--tune-passages</c>
/// also the passages read per source, with <c>--tune-window</c> whether to read the window, with <c>--tune-margin</c>
/// a refute margin) of a judge model on
/// dev data only (labeled claims, and the judge's dev pairs), and writes them into the model's manifest and the
/// tuning's figures into its metrics, both atomically. The judge's weights are not touched.
/// </summary>
internal static class TuneVerdictCommand
{
    public static Command Create()
    {
        var judgePath = new Option<FileInfo>("--judge") { Description = "Judge model to tune (rewritten in place, atomically, with its metrics).", DefaultValueFactory = _ => new FileInfo(Path.Combine("models", "judge.zip")) };
        var verdictDev = new Option<DirectoryInfo[]>("--verdict-dev") { Description = "Labeled claims to tune on (the layout of claimml evaluate --labeled); repeatable.", Required = true, AllowMultipleArgumentsPerToken = true };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Folder of the labeled sets: the judge's dev pairs (rebuilt with its recorded seed and sets) count as one more part." };
        var threads = new Option<int>("--threads") { Description = "CPU threads for the judge.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var tunePassages = new Option<bool>("--tune-passages") { Description = "Also choose how many of a source's best-aligned sentences the judge reads (1 to 5; fewer is faster); without it, 3." };
        var tuneWindow = new Option<bool>("--tune-window") { Description = "Also choose whether the judge reads one more passage per source, the two best-aligned sentences joined, and whether it reads it for entailment only (each chosen only when it does better); without it, no window." };
        var tuneMargin = new Option<bool>("--tune-margin") { Description = "Also choose a refute margin: a source refutes only when its contradicting passage contradicts by at least the margin more than any of its passages entails (chosen only when it does better); without it, none." };
        var contradictionReading = new Option<ContradictionReading>("--contradiction-reading") { Description = "How a sentence's probability of contradicting the claim is read: forward (the claim against the sentence, as trained), bothWaysLower or bothWaysMean (also the sentence against the claim, the lower or the mean of the two); kept in the tuned settings.", DefaultValueFactory = _ => ContradictionReading.Forward };
        var numberWords = new Option<string?>("--number-words") { Description = "How the judge reads numbers written in words: asWritten, or digits (\"forty-one\" read as \"41\" in claim and passage); recorded in the model file and tuned with. Without it, as the file already says." };
        numberWords.AcceptOnlyFromAmong([.. JudgeManifest.NumberWordReadings]);
        var command = new Command("tune", "Choose the judged verdict settings of a judge model on dev data only and write them into it.")
        {
            judgePath, verdictDev, data, threads, tunePassages, tuneWindow, tuneMargin, contradictionReading, numberWords,
        };
        command.SetAction((parse, cancellation) => CommandRunner.RunAsync(parse, ct =>
        {
            string path = parse.GetValue(judgePath)!.FullName;
            byte[] original = File.Exists(path) ? File.ReadAllBytes(path) : throw new ClaimMlModelException($"Judge model '{path}' does not exist.");
            if (parse.GetValue(numberWords) is string numberReading)
            {
                original = WithManifest(original, manifest => manifest["numberWords"] = numberReading);
            }
            var judgeOptions = new JudgeOptions { IntraOpThreads = Math.Max(1, parse.GetValue(threads)) };
            using EntailmentJudge judge = JudgeModelFile.Load(new MemoryStream(original), path, judgeOptions);
            var sets = new List<ClaimSet>();
            var partOf = new Dictionary<ClaimSet, string>(ReferenceEqualityComparer.Instance);
            foreach (DirectoryInfo folder in parse.GetValue(verdictDev)!)
            {
                foreach (ClaimSet set in LabeledClaimFolder.Load(folder.FullName, ClaimCheckerLimits.Default))
                {
                    ClaimSet named = set with { Name = folder.Name + "/" + set.Name };
                    sets.Add(named);
                    partOf[named] = folder.Name; // one part per folder given, however many events it holds
                }
            }

            List<(EntailmentProbabilities, EntailmentLabel)>? pairs = null;
            JsonObject? manifestExtra = judge.Manifest.Extra;
            if (parse.GetValue(data) is DirectoryInfo root)
            {
                JudgePairSet built = TrainJudgeCommand.RebuildPairs(root.FullName, manifestExtra);
                Judgement[] judged = judge.Judge(built.Dev.Select(p => (p.Claim, p.Passage)).ToList());
                pairs = built.Dev.Select((p, i) => (judged[i].Probabilities, p.Label)).ToList();
                ContradictionReading reading = parse.GetValue(contradictionReading);
                var again = Enumerable.Range(0, pairs.Count).Where(i => BothWays.Wanted(reading, pairs[i].Item1)).ToList();
                if (again.Count > 0)
                {
                    Judgement[] reversed = judge.Judge(again.Select(i => (built.Dev[i].Passage, built.Dev[i].Claim)).ToList());
                    for (int j = 0; j < again.Count; j++)
                    {
                        pairs[again[j]] = (BothWays.Combine(pairs[again[j]].Item1, reversed[j].Probabilities, reading), pairs[again[j]].Item2);
                    }
                    Console.Error.WriteLine($"Read {again.Count:N0} of them the other way round too ({reading}).");
                }
                Console.Error.WriteLine($"Scored {pairs.Count:N0} dev pairs of the judge.");
            }

            using var checker = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly).WithJudge(new MemoryStream(original));
            List<TunedClaim> claims = ProgressDisplay.Run("Reading dev claims", _ => JudgeVerdictTuner.Read(checker, sets, set => partOf[set], parse.GetValue(tuneWindow), parse.GetValue(tunePassages) ? PassageSelector.MaxPassages : PassageSelector.DefaultPassages, parse.GetValue(contradictionReading), ct));
            var before = JudgeVerdictTuner.Score(claims, pairs, checker.JudgeSettings);
            IReadOnlyList<int>? passageCounts = parse.GetValue(tunePassages) ? JudgeVerdictTuner.PassageCounts : null;
            IReadOnlyList<WindowReading>? windows = parse.GetValue(tuneWindow) ? JudgeVerdictTuner.WindowChoices : null;
            IReadOnlyList<float?>? margins = parse.GetValue(tuneMargin) ? JudgeVerdictTuner.RefuteMargins : null;
            var (settings, objective, parts) = JudgeVerdictTuner.Tune(claims, pairs, passageCounts, windows, margins);
            settings = settings with { ContradictionReading = parse.GetValue(contradictionReading) };
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Chosen: entails ≥ {settings.Entails:0.00}, contradicts ≥ {settings.Contradicts:0.00}, read sources with P(unrelated) < {settings.RelatedGate:0.00}, {settings.Passages} passage(s) each{(settings.Window ? " and the window of two sentences" + (settings.WindowEntailsOnly ? " (for entailment only)" : "") : "")}{(settings.RefuteMargin is float m ? ", refute margin " + m.ToString("0.00", CultureInfo.InvariantCulture) : "")}{(settings.ContradictionReading != ContradictionReading.Forward ? ", contradictions read " + settings.ContradictionReading : "")}; mean macro-F1 {objective:0.000} ({string.Join(", ", parts.Select(p => $"{p.Key} {p.Value:0.000}"))}); before: {string.Join(", ", before.Select(p => $"{p.Key} {p.Value:0.000}"))}."));
            JsonObject? crossValidation = null;
            if (claims.Select(c => c.Event).Distinct(StringComparer.Ordinal).Count() >= 2)
            {
                var (heldOut, folds) = ProgressDisplay.Run("Cross-validating by event", _ => JudgeVerdictTuner.CrossValidate(claims, pairs, passageCounts, windows, margins));
                double inSample = JudgeVerdictTuner.MacroF1(claims.Select(c => (int)c.Gold).ToList(), claims.Select(c => (int)JudgeVerdictTuner.Decide(c, settings).Verdict).ToList(), 3);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Leave one event out: macro-F1 {heldOut:0.000} over the {claims.Count} claims, each decided with settings chosen without its event (in-sample {inSample:0.000}); entails thresholds chosen {string.Join(", ", folds.Select(f => f.Settings.Entails.ToString("0.00", CultureInfo.InvariantCulture)))}, contradicts {string.Join(", ", folds.Select(f => f.Settings.Contradicts.ToString("0.00", CultureInfo.InvariantCulture)))}."));
                crossValidation = new JsonObject
                {
                    ["macroF1 (each event decided with settings chosen without it)"] = Math.Round(heldOut, 4),
                    ["macroF1 (in-sample, the chosen settings)"] = Math.Round(inSample, 4),
                    ["folds"] = new JsonArray(folds.Select(f => (JsonNode)new JsonObject
                    {
                        ["event"] = f.Event,
                        ["claims"] = f.Claims,
                        ["macroF1"] = Math.Round(f.MacroF1, 4),
                        ["entails"] = f.Settings.Entails,
                        ["contradicts"] = f.Settings.Contradicts,
                        ["gate"] = f.Settings.RelatedGate,
                        ["passages"] = f.Settings.Passages,
                        ["window"] = f.Settings.Window,
                        ["windowEntailsOnly"] = f.Settings.WindowEntailsOnly,
                        ["refuteMargin"] = f.Settings.RefuteMargin,
                    }).ToArray()),
                };
            }

            // The same model with the new verdict settings in its manifest.
            byte[] tuned = WithVerdict(original, settings.ToJson());
            string metricsPath = MetricsFile.PathFor(path);
            JsonObject metrics = MetricsFile.Read(metricsPath) ?? new JsonObject();
            metrics["modelSha256"] = JudgeModelWriter.Sha256(tuned);
            metrics["verdictTuning"] = new JsonObject
            {
                ["command"] = MetricsFile.CommandLine("src/ClaimMl.JudgeTrainer"),
                ["claims"] = claims.Count,
                ["judgeDevPairs"] = pairs?.Count ?? 0,
                ["settings"] = settings.ToJson(),
                ["objective (mean macro-F1 over the parts)"] = Math.Round(objective, 4),
                ["parts (in-sample: tuned on them)"] = new JsonObject(parts.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Math.Round(p.Value, 4)))),
                ["partsWithDefaultSettings"] = new JsonObject(JudgeVerdictTuner.Score(claims, pairs, JudgeVerdictSettings.Default).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Math.Round(p.Value, 4)))),
                ["leaveOneEventOut"] = crossValidation,
            };
            CommandRunner.WriteAllAtomically(
            [
                (path, stream => stream.Write(tuned)),
                (metricsPath, stream => MetricsFile.WriteTo(stream, metrics)),
            ], ct);
            Console.Error.WriteLine($"Wrote the settings into {path} and {metricsPath}.");
            return Task.FromResult(CommandRunner.Ok);
        }, cancellation));
        return command;
    }

    /// <summary>The judge zip with its manifest's <c>verdict</c> object replaced; the other entries copied unchanged.</summary>
    internal static byte[] WithVerdict(byte[] zip, JsonObject verdict) => WithManifest(zip, manifest => manifest["verdict"] = verdict);

    /// <summary>The judge zip with its manifest changed by <paramref name="change"/>; the other entries copied unchanged.</summary>
    internal static byte[] WithManifest(byte[] zip, Action<JsonObject> change)
    {
        using var source = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        JsonObject manifest = JsonNode.Parse(JudgeModelWriter.ReadEntry(source, JudgeModelWriter.ManifestEntry))!.AsObject();
        change(manifest);
        using var output = new MemoryStream();
        JudgeModelWriter.Write(output, manifest, JudgeModelWriter.ReadEntry(source, JudgeModelWriter.GraphEntry), JudgeModelWriter.ReadEntry(source, JudgeModelWriter.VocabularyEntry));
        return output.ToArray();
    }
}
