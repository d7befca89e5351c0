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
        var limit = new Option<int>("--limit") { Description = "Train on the first N stance rows only (for quick experiments; 0 = all).", DefaultValueFactory = _ => 0 };

        var command = new Command("train", "Train the stance model on FNC-1's training split (never its test split) and write the model with its metrics.")
        {
            data, output, seed, trees, leaves, minLeaf, rate, folds, limit,
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
            };
            int seedValue = parse.GetValue(seed);
            int foldCount = parse.GetValue(folds);
            string modelPath = parse.GetValue(output)!.FullName;

            var total = Stopwatch.StartNew();
            LabeledPairSet set = FncDataset.Load(folder, FncSplit.Train);
            int limitValue = parse.GetValue(limit);
            if (limitValue > 0 && limitValue < set.Pairs.Count)
            {
                set = set with { Pairs = set.Pairs.Take(limitValue).ToList() };
            }
            Console.Error.WriteLine($"Read {set.Pairs.Count:N0} pairs over {set.Sources.Count:N0} bodies from {folder} in {total.Elapsed.TotalSeconds:0.0} s.");

            StanceMetrics? cv = null;
            double cvSeconds = 0;
            if (foldCount >= 2)
            {
                var cvTime = Stopwatch.StartNew();
                cv = ProgressDisplay.Run($"Cross-validating ({foldCount} folds)", p => CrossValidation.Run(set, settings, seedValue, foldCount, p, ct));
                cvSeconds = cvTime.Elapsed.TotalSeconds;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Cross-validation ({foldCount} folds by body): FNC relative {cv.FncRelative:0.00}, macro-F1 {cv.MacroF1:0.000}, in {cvSeconds:0.0} s."));
            }

            var trainTime = Stopwatch.StartNew();
            TrainedModel trained = ProgressDisplay.Run("Training", p => StanceTrainer.Train(set, settings, seedValue, p, ct));
            trainTime.Stop();
            ct.ThrowIfCancellationRequested();

            trained.Save(modelPath);
            var (bodiesFile, stancesFile) = FncDataset.Files(folder, FncSplit.Train);
            var metrics = new JsonObject
            {
                ["model"] = Path.GetFileName(modelPath),
                ["modelSha256"] = Sha256(modelPath),
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
                },
                ["trainingSeconds"] = Math.Round(trainTime.Elapsed.TotalSeconds, 2),
                ["machine"] = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}",
            };
            if (cv is not null)
            {
                JsonObject cvJson = MetricsJson.From(cv);
                cvJson["folds"] = foldCount;
                cvJson["groupedBy"] = "Body ID";
                cvJson["seconds"] = Math.Round(cvSeconds, 2);
                metrics["crossValidation"] = cvJson;
            }
            MetricsFile.Write(MetricsFile.PathFor(modelPath), metrics);
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
