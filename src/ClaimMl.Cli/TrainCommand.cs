using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClaimMl.DataFormats;
using ClaimMl.Evaluation;
using ClaimMl.Model;
using ClaimMl.Training;

namespace ClaimMl.Cli;

/// <summary><c>claimml train</c>: fits the stance cascade on FNC-1's training split and writes the model and its metrics.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = CliOptions.FncData();
        var output = new Option<FileInfo>("--out") { Description = "Model file to write (atomically); its metrics go beside it as <name>.metrics.json.", DefaultValueFactory = _ => new FileInfo(Path.Combine("models", "stance.zip")) };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed and data give the same model.", DefaultValueFactory = _ => 1 };
        var trees = new Option<int>("--trees") { Description = "FastTree trees per cascade stage.", DefaultValueFactory = _ => new TrainerSettings().Trees };
        var leaves = new Option<int>("--leaves") { Description = "Leaves per tree.", DefaultValueFactory = _ => new TrainerSettings().Leaves };
        var minLeaf = new Option<int>("--min-leaf") { Description = "Minimum training examples per leaf.", DefaultValueFactory = _ => new TrainerSettings().MinExamplesPerLeaf };
        var rate = new Option<double>("--learning-rate") { Description = "FastTree learning rate.", DefaultValueFactory = _ => new TrainerSettings().LearningRate };
        var folds = new Option<int>("--cv-folds") { Description = "Cross-validation folds on the training split, grouped by article body (0 to skip).", DefaultValueFactory = _ => 5 };
        var extra = new Option<string[]>("--extra")
        {
            Description = $"Also train on the training side of another labeled set, as name=folder ({string.Join(", ", DataFormats.ClaimSets.TrainingSets.Names)}); repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };
        var synthetic = new Option<int>("--synthetic")
        {
            Description = "Sentence-level pairs made from each training article (its own sentences as supported claims, negated / number-changed / antonym variants as refuted, name-swapped and other articles' sentences as not stated): sentences per article, 0 to skip.",
            DefaultValueFactory = _ => 0,
        };
        var mixtures = new Option<int>("--synthetic-mixtures")
        {
            Description = "Mixed sources made from the training articles: an article that denies or negates things joined to an article of another story, with a sentence of the second as a supported claim and that sentence negated as a refuted one. They teach that denials elsewhere in a source do not refute what it states (long articles, pages of several reports). Mixtures per denying article, 0 to skip; costs some FNC-1 refutes F1 (see the README).",
            DefaultValueFactory = _ => 0,
        };
        var verdictDev = new Option<DirectoryInfo?>("--verdict-dev")
        {
            Description = "Labeled claims (the layout of evaluate --labeled: claims.jsonl with 'expected' and sources/) to tune the verdict thresholds on as well: one more part, weighed like each training set, scored by the trained model. Needs cross-validation.",
        };
        var ablate = new Option<string[]>("--ablate")
        {
            Description = $"Hold a feature family at zero in training, to measure what it buys: {string.Join(", ", ClaimMl.Features.FeatureSet.Families.Keys)}; repeatable.",
        };
        var cvGroups = new Option<string>("--cv-groups")
        {
            Description = "What cross-validation keeps together in one fold: story (every article of a story, sources linked by a shared related claim: held-out stories are new, as in a competition test) or source (each article on its own; claims seen in training are scored again, so the figures are rosier).",
            DefaultValueFactory = _ => "story",
        };
        cvGroups.AcceptOnlyFromAmong("source", "story");
        var limit = new Option<int>("--limit") { Description = "Train on the first N stance rows only (for quick experiments; 0 = all).", DefaultValueFactory = _ => 0 };

        var command = new Command("train", "Train the stance model on FNC-1's training split (never its test split) and write the model with its metrics.")
        {
            data, extra, synthetic, mixtures, verdictDev, ablate, output, seed, trees, leaves, minLeaf, rate, folds, cvGroups, limit,
        };
        command.SetAction((parse, cancellation) => CommandRunner.RunAsync(parse, ct =>
        {
            string folder = parse.GetValue(data)!.FullName;
            var settings = new TrainerSettings
            {
                Trees = Positive(parse.GetValue(trees), "--trees"),
                Leaves = Positive(parse.GetValue(leaves), "--leaves"),
                MinExamplesPerLeaf = Positive(parse.GetValue(minLeaf), "--min-leaf"),
                LearningRate = parse.GetValue(rate),
                AblatedFamilies = parse.GetValue(ablate) is { Length: > 0 } families ? families : null,
            };
            int seedValue = parse.GetValue(seed);
            int foldCount = parse.GetValue(folds);
            CrossValidationGroups groupBy = parse.GetValue(cvGroups) == "story" ? CrossValidationGroups.Story : CrossValidationGroups.Source;
            string modelPath = parse.GetValue(output)!.FullName;

            var total = Stopwatch.StartNew();
            LabeledPairSet set = FncDataset.Load(folder, FncSplit.Train);
            int limitValue = parse.GetValue(limit);
            if (limitValue > 0 && limitValue < set.Pairs.Count)
            {
                set = set with { Pairs = set.Pairs.Take(limitValue).ToList(), Parts = [(set.Name, 0, limitValue)] };
            }
            int unreferenced = set.Sources.Count - set.Pairs.Select(p => p.Source).Distinct().Count();
            Console.Error.WriteLine($"Read {set.Pairs.Count:N0} pairs over {set.Sources.Count:N0} bodies from {folder} in {total.Elapsed.TotalSeconds:0.0} s" +
                (unreferenced > 0 ? $"; {unreferenced:N0} bodies have no stance row (used for term weights and --synthetic only)." : "."));
            LabeledPairSet articles = set;
            int syntheticPerArticle = parse.GetValue(synthetic);
            int syntheticCount = 0;
            if (syntheticPerArticle > 0)
            {
                LabeledPairSet made = SyntheticPairs.Generate(set, seedValue, syntheticPerArticle);
                syntheticCount = made.Pairs.Count;
                set = set.WithPart(made.Name, made.Pairs);
                Console.Error.WriteLine($"Made {made.Pairs.Count:N0} sentence-level pairs from the training articles ({string.Join(", ", made.Pairs.GroupBy(p => p.Stance).OrderBy(g => g.Key).Select(g => $"{g.Key.ToString().ToLowerInvariant()} {g.Count():N0}"))}).");
            }
            int mixturesPerArticle = Math.Max(0, parse.GetValue(mixtures));
            int mixtureCount = 0;
            if (mixturesPerArticle > 0)
            {
                LabeledPairSet mixed = SyntheticPairs.GenerateMixtures(articles, seedValue, mixturesPerArticle);
                mixtureCount = mixed.Pairs.Count;
                set = set.Concat(mixed);
                Console.Error.WriteLine($"Made {mixed.Pairs.Count:N0} pairs over {mixed.Sources.Count:N0} mixed sources (a denying article joined to one of another story).");
            }
            var extraFiles = new JsonObject();
            foreach (string spec in parse.GetValue(extra) ?? [])
            {
                int eq = spec.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw new ArgumentException($"--extra takes name=folder, not '{spec}'.");
                }
                string extraName = spec[..eq], extraFolder = Path.GetFullPath(spec[(eq + 1)..]);
                LabeledPairSet more = DataFormats.ClaimSets.TrainingSets.Load(extraName, extraFolder);
                set = set.Concat(more);
                extraFiles[extraName] = new JsonObject { ["pairs"] = more.Pairs.Count, ["folder"] = Path.GetFileName(extraFolder) };
                Console.Error.WriteLine($"Added {more.Pairs.Count:N0} training pairs of {extraName} from {extraFolder}.");
            }

            JsonObject? cvJson = null;
            TrainedDecisions? decisions = null;
            StanceProbabilities[]? cvOutOfFold = null;
            List<(string Part, int[] Pairs, Verdict Gold)> claimGroups = [];
            if (foldCount >= 2)
            {
                var cvTime = Stopwatch.StartNew();
                StanceProbabilities[] outOfFold = ProgressDisplay.Run($"Cross-validating ({foldCount} folds)",
                    p => CrossValidation.PredictOutOfFold(set, settings, seedValue, foldCount, groupBy, p, ct));
                cvOutOfFold = outOfFold;
                (DecisionThresholds decision, double objective) = ThresholdTuner.Tune(set, outOfFold);
                var groups = claimGroups = ThresholdTuner.ClaimGroups(set, seedValue);
                (DecisionThresholds verdictDecision, double verdictObjective) = groups.Count > 0 ? ThresholdTuner.TuneVerdict(groups, outOfFold) : (decision, 0);
                ConfidenceCalibration calibration = groups.Count > 0
                    ? ThresholdTuner.FitVerdictCalibration(groups, outOfFold, verdictDecision)
                    : ThresholdTuner.FitCalibration(set, outOfFold, decision);
                decisions = new TrainedDecisions(decision, verdictDecision, calibration);
                cvJson = new JsonObject
                {
                    ["folds"] = foldCount,
                    ["groupedBy"] = groupBy == CrossValidationGroups.Story ? "story (sources linked by a shared related claim)" : "source (FNC-1 Body ID)",
                    ["seconds"] = Math.Round(cvTime.Elapsed.TotalSeconds, 2),
                    ["decisionThresholds"] = JsonSerializer.SerializeToNode(decision),
                    ["verdictDecisionThresholds"] = JsonSerializer.SerializeToNode(verdictDecision),
                    ["verdictObjective (mean claim-level macro-F1 over groups of up to 5 sources)"] = Math.Round(verdictObjective, 4),
                    ["claimGroups"] = groups.Count,
                    ["confidenceCalibration"] = JsonSerializer.SerializeToNode(calibration),
                    ["thresholdObjective (mean macro-F1 over sets)"] = Math.Round(objective, 4),
                };
                foreach (var (partName, start, count) in set.Parts)
                {
                    StanceMetrics tuned = CrossValidation.Score(set, outOfFold, decision.Decide, start, count);
                    StanceMetrics argmax = CrossValidation.Score(set, outOfFold, p => p.MostLikely, start, count);
                    JsonObject partJson = MetricsJson.From(tuned);
                    partJson["macroF1WithMostProbableStance"] = Math.Round(argmax.MacroF1, 4);
                    cvJson[partName] = partJson;
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"Cross-validation, {partName}: FNC relative {tuned.FncRelative:0.00}, macro-F1 {tuned.MacroF1:0.000} (most probable stance: {argmax.MacroF1:0.000})."));
                }
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Decision thresholds: stance refutes ≥ {decision.Refutes:0.00}, supports ≥ {decision.Supports:0.00}; verdict refutes ≥ {verdictDecision.Refutes:0.00}, supports ≥ {verdictDecision.Supports:0.00} (claim-level macro-F1 {verdictObjective:0.000} over {groups.Count:N0} groups) ({cvTime.Elapsed.TotalSeconds:0.0} s)."));
            }

            DirectoryInfo? devFolder = parse.GetValue(verdictDev);
            List<DataFormats.ClaimSets.ClaimSet>? devSets = null;
            if (devFolder is not null)
            {
                if (cvOutOfFold is null)
                {
                    throw new ArgumentException("--verdict-dev needs cross-validation (--cv-folds 2 or more): the training groups it is weighed with are out-of-fold predictions.");
                }
                devSets = DataFormats.ClaimSets.LabeledClaimFolder.Load(devFolder.FullName, ClaimCheckerLimits.Default); // read before training: bad input fails fast
            }

            var trainTime = Stopwatch.StartNew();
            TrainedModel trained = ProgressDisplay.Run("Training", p => StanceTrainer.Train(set, settings, seedValue, p, decisions, ct));
            trainTime.Stop();
            ct.ThrowIfCancellationRequested();

            if (devSets is not null)
            {
                const string DevPart = "labeled claims (--verdict-dev)";
                var (groups, probabilities) = ThresholdTuner.WithLabeledClaims(claimGroups, cvOutOfFold!, trained.ToStanceModel(), devSets, DevPart);
                (DecisionThresholds verdictDecision, double verdictObjective) = ThresholdTuner.TuneVerdict(groups, probabilities);
                ConfidenceCalibration calibration = ThresholdTuner.FitVerdictCalibration(groups, probabilities, verdictDecision);
                trained = trained with { Manifest = trained.Manifest with { VerdictDecision = verdictDecision, Calibration = calibration } };
                var devGroups = groups.Where(g => g.Part == DevPart).ToList();
                double devObjective = ThresholdTuner.VerdictObjective(devGroups, probabilities, verdictDecision);
                cvJson!["verdictDev"] = new JsonObject
                {
                    ["folder"] = devFolder!.Name,
                    ["claims"] = devGroups.Count,
                    ["verdictDecisionThresholds"] = JsonSerializer.SerializeToNode(verdictDecision),
                    ["verdictObjective (training groups and labeled claims, each part weighed equally)"] = Math.Round(verdictObjective, 4),
                    ["labeledClaimsMacroF1 (in-sample: tuned on them)"] = Math.Round(devObjective, 4),
                    ["confidenceCalibration"] = JsonSerializer.SerializeToNode(calibration),
                };
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Verdict thresholds tuned with {devGroups.Count:N0} labeled claims of {devFolder.Name}: refutes ≥ {verdictDecision.Refutes:0.00}, supports ≥ {verdictDecision.Supports:0.00} (mean claim-level macro-F1 {verdictObjective:0.000}; on the labeled claims {devObjective:0.000}, in-sample)."));
            }

            // The model and its metrics are written together (temporary files, then two renames): an interrupted
            // run leaves the previous model and metrics as they were, and no temporary file.
            using var modelBytes = new MemoryStream();
            ModelFile.Write(modelBytes, trained.Manifest, trained.Weights, trained.Context, trained.Stages, trained.InputSchema);
            var (bodiesFile, stancesFile) = FncDataset.Files(folder, FncSplit.Train);
            var metrics = new JsonObject
            {
                ["model"] = Path.GetFileName(modelPath),
                ["modelSha256"] = Convert.ToHexStringLower(SHA256.HashData(modelBytes.ToArray())),
                ["command"] = MetricsFile.CommandLine(),
                ["seed"] = seedValue,
                ["trainer"] = JsonSerializer.SerializeToNode(settings),
                ["featureSetVersion"] = trained.Manifest.FeatureSetVersion,
                ["features"] = trained.Manifest.FeatureNames.Length,
                ["trainingData"] = new JsonObject
                {
                    [Path.GetFileName(bodiesFile)] = Sha256(bodiesFile),
                    [Path.GetFileName(stancesFile)] = Sha256(stancesFile),
                    ["pairs"] = set.Pairs.Count,
                    ["extraSets"] = extraFiles,
                    ["syntheticSentencesPerArticle"] = syntheticPerArticle,
                    ["syntheticPairs"] = syntheticCount,
                },
                ["trainingSeconds"] = Math.Round(trainTime.Elapsed.TotalSeconds, 2),
                ["machine"] = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}",
            };
            if (mixturesPerArticle > 0 && metrics["trainingData"] is JsonObject trainingData)
            {
                trainingData["syntheticMixturesPerArticle"] = mixturesPerArticle;
                trainingData["syntheticMixturePairs"] = mixtureCount;
            }
            if (cvJson is not null)
            {
                metrics["crossValidation"] = cvJson;
            }
            CommandRunner.WriteAllAtomically(
            [
                (modelPath, stream => modelBytes.WriteTo(stream)),
                (MetricsFile.PathFor(modelPath), stream => MetricsFile.WriteTo(stream, metrics)),
            ], ct);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Trained in {trainTime.Elapsed.TotalSeconds:0.0} s; wrote {modelPath} and {MetricsFile.PathFor(modelPath)}."));
            return Task.FromResult(CommandRunner.Ok);
        }, cancellation));
        return command;
    }

    internal static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static int Positive(int value, string option) =>
        value > 0 ? value : throw new ArgumentException($"{option} must be a positive number, not {value}.");
}
