using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClaimMl.Reports;

/// <summary>
/// The model a report names (the one that decided its verdicts: the entailment judge in the default judged mode, the
/// lexical stance model in the lexical-only mode): the file (or "embedded default judge" / "embedded default model"),
/// its SHA-256, and the figures recorded for it in <c>&lt;model&gt;.metrics.json</c> by <c>claimml train</c>, the
/// judge trainer and <c>claimml evaluate --record</c>.
/// </summary>
public sealed class ReportModel
{
    /// <summary>The name reports give the model shipped inside the package.</summary>
    public const string EmbeddedModelName = "embedded default model";

    /// <summary>The name reports give the entailment judge shipped inside the package.</summary>
    public const string EmbeddedJudgeName = "embedded default judge";

    internal const string EmbeddedMetricsName = "ClaimMl.Models.stance.metrics.json";

    internal const string EmbeddedJudgeMetricsName = "ClaimMl.Models.judge.metrics.json";

    /// <summary>Describes a model by hand.</summary>
    /// <param name="name">How the model is named (e.g. its file name).</param>
    /// <param name="sha256">The SHA-256 of the model file, in hex.</param>
    /// <param name="figures">Recorded figures to show with it, as label and value; none when <see langword="null"/>.</param>
    public ReportModel(string name, string sha256, IReadOnlyList<KeyValuePair<string, string>>? figures = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(sha256);
        Name = name;
        Sha256 = sha256;
        Figures = figures ?? [];
    }

    /// <summary>The model's name: its file name, <see cref="EmbeddedJudgeName"/> or <see cref="EmbeddedModelName"/>.</summary>
    public string Name { get; }

    /// <summary>The SHA-256 of the model file (lower-case hex).</summary>
    public string Sha256 { get; }

    /// <summary>
    /// The figures recorded for this model, as label and value (cross-validation, test splits, claim-level
    /// sets); empty when no metrics file was found or it was written for another model file.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Figures { get; }

    /// <summary>
    /// The lexical stance model shipped inside the package (what <see cref="ClaimChecker.CreateDefault"/> uses, and
    /// all that decides in <see cref="ClaimCheckingMode.LexicalOnly"/>), with the figures of the
    /// <c>models/stance.metrics.json</c> it was built with.
    /// </summary>
    /// <exception cref="ClaimMlModelException">The package was built without its model.</exception>
    public static ReportModel ForEmbeddedModel() =>
        ForEmbedded(ClaimChecker.EmbeddedModelName, EmbeddedMetricsName, EmbeddedModelName, "stance.metrics.json", "model");

    /// <summary>
    /// The entailment judge shipped inside the package (what decides the verdicts in the default
    /// <see cref="ClaimCheckingMode.Judged"/> mode), with the figures of the <c>models/judge.metrics.json</c> it was built with.
    /// </summary>
    /// <exception cref="ClaimMlModelException">The package was built without its judge.</exception>
    public static ReportModel ForEmbeddedJudge() =>
        ForEmbedded(ClaimChecker.EmbeddedJudgeName, EmbeddedJudgeMetricsName, EmbeddedJudgeName, "judge.metrics.json", "judge model");

    private static ReportModel ForEmbedded(string resource, string metricsResource, string name, string metricsName, string what)
    {
        var assembly = typeof(ClaimChecker).Assembly;
        string sha;
        using (Stream? model = assembly.GetManifestResourceStream(resource))
        {
            if (model is null)
            {
                throw new ClaimMlModelException($"This build of ClaimMl has no embedded {what} ('{resource}').");
            }
            sha = Convert.ToHexStringLower(SHA256.HashData(model));
        }
        JsonObject? metrics = null;
        using (Stream? stream = assembly.GetManifestResourceStream(metricsResource))
        {
            if (stream is not null)
            {
                metrics = TryParse(stream);
            }
        }
        return new ReportModel(name, sha, ReadFigures(metrics, sha, metricsName));
    }

    /// <summary>
    /// A model file written by <c>claimml train</c>, with the figures of the <c>&lt;name&gt;.metrics.json</c>
    /// beside it when there is one that names this file's SHA-256.
    /// </summary>
    /// <param name="modelPath">Path of the model <c>.zip</c>.</param>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ReportModel ForFile(string modelPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        string sha;
        using (FileStream model = File.OpenRead(modelPath))
        {
            sha = Convert.ToHexStringLower(SHA256.HashData(model));
        }
        string metricsPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, Path.GetFileNameWithoutExtension(modelPath) + ".metrics.json");
        JsonObject? metrics = null;
        if (File.Exists(metricsPath))
        {
            using FileStream stream = File.OpenRead(metricsPath);
            metrics = TryParse(stream);
        }
        return new ReportModel(Path.GetFileName(modelPath), sha, ReadFigures(metrics, sha, Path.GetFileName(metricsPath)));
    }

    private static JsonObject? TryParse(Stream stream)
    {
        try
        {
            return JsonNode.Parse(stream) as JsonObject;
        }
        catch (JsonException)
        {
            return null; // figures are a courtesy: a broken metrics file just means none are shown
        }
    }

    /// <summary>The figures worth showing from a metrics file, if it was written for the model with hash <paramref name="sha256"/>.</summary>
    internal static List<KeyValuePair<string, string>> ReadFigures(JsonObject? metrics, string sha256, string fileName)
    {
        var figures = new List<KeyValuePair<string, string>>();
        if (metrics is null)
        {
            return figures;
        }
        if (Str(metrics["modelSha256"]) is string recorded && !string.Equals(recorded, sha256, StringComparison.OrdinalIgnoreCase))
        {
            figures.Add(new("recorded figures", $"not shown: {fileName} was written for another model file"));
            return figures;
        }
        void Add(string label, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                figures.Add(new(label, value));
            }
        }

        if (metrics["trainer"] is JsonObject trainer && Num(trainer["trees"]) is double trees && Num(trainer["leaves"]) is double leaves)
        {
            Add("trained", $"FastTree, {F(trees, "0")} trees × {F(leaves, "0")} leaves per stage" +
                (Num(metrics["seed"]) is double seed ? $", seed {F(seed, "0")}" : "") +
                (Num(metrics["trainingSeconds"]) is double seconds ? $", {F(seconds, "0.#")} s" : ""));
        }
        if (metrics["crossValidation"] is JsonObject cv)
        {
            if (cv["verdictDecisionThresholds"] is JsonObject t && Num(t["refutes"]) is double r && Num(t["supports"]) is double s)
            {
                Add("verdict thresholds", $"refutes ≥ {F(r, "0.00")}, supports ≥ {F(s, "0.00")}");
            }
            string folds = Num(cv["folds"]) is double k ? $"{F(k, "0")}-fold CV" : "cross-validation";
            foreach (var (name, node) in cv)
            {
                if (node is JsonObject figuresOf && Num(figuresOf["macroF1"]) is not null)
                {
                    Add($"{name} ({folds})", StanceFigures(figuresOf));
                }
            }
        }
        if (metrics["evaluation"] is JsonObject evaluation)
        {
            foreach (var (name, node) in evaluation)
            {
                if (node is JsonObject figuresOf)
                {
                    Add(name, StanceFigures(figuresOf));
                }
            }
        }
        if (metrics["claimSets"] is JsonObject claimSets && claimSets["sets"] is JsonObject sets)
        {
            foreach (var (name, node) in sets)
            {
                if (node is JsonObject set)
                {
                    var parts = new List<string>();
                    if (Num(set["n"]) is double n) { parts.Add($"n {F(n, "N0")}"); }
                    if (Num(set["accuracy"]) is double a) { parts.Add($"accuracy {F(a, "0.000")}"); }
                    if (Num(set["macroF1"]) is double m) { parts.Add($"macro-F1 {F(m, "0.000")}"); }
                    if (Num(set["expectedCalibrationError"]) is double e) { parts.Add($"ECE {F(e, "0.000")}"); }
                    Add(name, string.Join(", ", parts));
                }
            }
        }
        return figures;
    }

    private static string StanceFigures(JsonObject o)
    {
        var parts = new List<string>();
        if (Num(o["pairs"]) is double pairs) { parts.Add($"{F(pairs, "N0")} pairs"); }
        if (Num(o["fncRelative"]) is double rel) { parts.Add($"FNC relative score {F(rel, "0.00")}"); }
        if (Num(o["accuracy"]) is double acc) { parts.Add($"accuracy {F(acc, "0.000")}"); }
        if (Num(o["macroF1"]) is double m) { parts.Add($"macro-F1 {F(m, "0.000")}"); }
        return string.Join(", ", parts);
    }

    private static string? Str(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    private static double? Num(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue(out double d) ? d : null;

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
