using System.IO.Compression;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using ClaimMl.Features;
using ClaimMl.Indexing;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace ClaimMl.Model;

/// <summary>
/// Reads and writes the model file: a zip holding <c>manifest.json</c>, the term weights
/// (<c>term-weights.bin</c>) and one ML.NET model per cascade stage. Writing goes through a temporary
/// file and a rename, so a crash never leaves half a model behind.
/// </summary>
internal static class ModelFile
{
    private const string ManifestEntry = "manifest.json";
    private const string WeightsEntry = "term-weights.bin";
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public static void Save(string path, ModelManifest manifest, TermWeights weights, MLContext ml, ITransformer[] stages, DataViewSchema inputSchema)
    {
        string fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        string temp = fullPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var file = File.Create(temp))
            {
                Write(file, manifest, weights, ml, stages, inputSchema);
            }
            File.Move(temp, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    public static void Write(Stream stream, ModelManifest manifest, TermWeights weights, MLContext ml, ITransformer[] stages, DataViewSchema inputSchema)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        // A fixed timestamp keeps the file byte-identical for identical training runs.
        var stamp = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var entry = zip.CreateEntry(ManifestEntry, CompressionLevel.Optimal);
        entry.LastWriteTime = stamp;
        using (var s = entry.Open())
        {
            JsonSerializer.Serialize(s, manifest, JsonOptions);
        }
        entry = zip.CreateEntry(WeightsEntry, CompressionLevel.Optimal);
        entry.LastWriteTime = stamp;
        using (var s = entry.Open())
        {
            weights.Write(s);
        }
        foreach (StanceStage stage in StanceStages.All)
        {
            entry = zip.CreateEntry(StanceStages.FileName(stage), CompressionLevel.NoCompression);
            entry.LastWriteTime = stamp;
            using var buffer = new MemoryStream();
            ml.Model.Save(stages[(int)stage], inputSchema, buffer);
            buffer.Position = 0;
            using var s = entry.Open();
            CopyWithFixedTimestamps(buffer, s, stamp);
        }
    }

    /// <summary>Re-writes an ML.NET model zip with fixed entry timestamps, so identical models give identical bytes.</summary>
    private static void CopyWithFixedTimestamps(Stream source, Stream destination, DateTimeOffset stamp)
    {
        using var input = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);
        using var output = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        foreach (ZipArchiveEntry entry in input.Entries)
        {
            ZipArchiveEntry copy = output.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            copy.LastWriteTime = stamp;
            using Stream from = entry.Open();
            using Stream to = copy.Open();
            from.CopyTo(to);
        }
    }

    public static StanceModel Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ClaimMlModelException(Directory.Exists(path) ? $"Model '{path}' is a folder, not a model file." : $"Model file '{path}' does not exist.");
        }
        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    public static StanceModel Load(Stream stream, string description)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            // The manifest is parsed on another core while this one loads the weights and the stages:
            // System.Text.Json's first use and ML.NET's first model load are each a good part of a
            // cold start. Errors keep their order: the manifest's are reported first, as when it was
            // read first, then the others in file order.
            RejectPlainMlNetModel(zip, description);
            byte[] manifestBytes = ReadEntry(zip, ManifestEntry, description);
            Task<ModelManifest> manifestTask = Task.Run(() =>
            {
                ModelManifest manifest = ReadManifest(manifestBytes, description);
                WarmUpHotPath();
                return manifest;
            });
            TermWeights weights = null!;
            var stages = new ITransformer[StanceStages.All.Length];
            var scorers = new TreeEnsembleScorer[StanceStages.All.Length];
            ExceptionDispatchInfo? failure = null;
            try
            {
                weights = TermWeights.Read(new MemoryStream(ReadEntry(zip, WeightsEntry, description), writable: false));
                var ml = new MLContext(seed: 0);
                foreach (StanceStage stage in StanceStages.All)
                {
                    using var buffer = new MemoryStream(ReadEntry(zip, StanceStages.FileName(stage), description), writable: false);
                    ITransformer transformer = ml.Model.Load(buffer, out _);
                    stages[(int)stage] = transformer;
                    scorers[(int)stage] = ExtractScorer(transformer, stage, description);
                    if (scorers[(int)stage].FeatureCount > FeatureSet.Count)
                    {
                        throw new ClaimMlModelException($"Model '{description}': stage '{stage}' reads feature {scorers[(int)stage].FeatureCount - 1}, beyond the {FeatureSet.Count} features of this version.");
                    }
                }
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            ModelManifest manifest = manifestTask.GetAwaiter().GetResult();
            failure?.Throw();
            return new StanceModel(manifest, weights, stages, scorers);
        }
        catch (ClaimMlModelException)
        {
            throw;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or JsonException or FormatException or InvalidOperationException or ArgumentException or EndOfStreamException)
        {
            throw new ClaimMlModelException($"Model '{description}' is not a readable ClaimMl model file: {e.Message}", e);
        }
    }

    internal static TreeEnsembleScorer ExtractScorer(ITransformer transformer, StanceStage stage, string description)
    {
        if (transformer is ISingleFeaturePredictionTransformer<object> prediction
            && prediction.Model is CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator> calibrated)
        {
            return new TreeEnsembleScorer(calibrated.SubModel, calibrated.Calibrator);
        }
        throw new ClaimMlModelException($"Model '{description}': stage '{stage}' is not a calibrated FastTree binary model (found {transformer.GetType().Name}).");
    }

    /// <summary>
    /// Runs the text and feature code once on a tiny input, so that its first compilation and its
    /// word tables are done on this core while the other loads the stages, not in the first check.
    /// </summary>
    private static void WarmUpHotPath()
    {
        var weights = new TermWeights([], 1);
        IndexedSource source = IndexedSource.Create("warm-up", "The council said 40 wagons were not damaged. Nobody denied it.", weights);
        StanceFeaturizer.Featurize(IndexedClaim.Create("Forty wagons were damaged, the council said.", weights), source, stackalloc float[FeatureSet.Count]);
    }

    /// <summary>Refuses a plain ML.NET model zip (no manifest, ML.NET's own entries) with a message that says so.</summary>
    private static void RejectPlainMlNetModel(ZipArchive zip, string description)
    {
        if (zip.GetEntry(ManifestEntry) is null && zip.Entries.Any(e => e.FullName.StartsWith("TransformerChain/", StringComparison.Ordinal) || e.FullName.StartsWith("Model/", StringComparison.Ordinal)))
        {
            throw new ClaimMlModelException($"Model '{description}' is an ML.NET model, not a ClaimMl model file (a zip of {ManifestEntry}, {WeightsEntry} and one ML.NET model per stage); use a model written by 'claimml train'.");
        }
    }

    private static ModelManifest ReadManifest(byte[] json, string description)
    {
        ModelManifest? manifest;
        using (var s = new MemoryStream(json, writable: false))
        {
            manifest = JsonSerializer.Deserialize<ModelManifest>(s);
        }
        if (manifest is null || manifest.Format != ModelManifest.FormatName)
        {
            throw new ClaimMlModelException($"Model '{description}' is not a ClaimMl stance model (format '{manifest?.Format}').");
        }
        if (manifest.FormatVersion > ModelManifest.CurrentFormatVersion)
        {
            throw new ClaimMlModelException($"Model '{description}' has format version {manifest.FormatVersion}, newer than this version of ClaimMl reads ({ModelManifest.CurrentFormatVersion}); update ClaimMl to use it, or retrain the model with this version's 'claimml train'.");
        }
        if (manifest.FormatVersion != ModelManifest.CurrentFormatVersion)
        {
            throw new ClaimMlModelException($"Model '{description}' has format version {manifest.FormatVersion}; this version of ClaimMl reads version {ModelManifest.CurrentFormatVersion}. Retrain it with 'claimml train'.");
        }
        string[] featureNames = manifest.FeatureNames ?? []; // "featureNames": null in the JSON
        if (manifest.FeatureSetVersion != FeatureSet.Version || !featureNames.AsSpan().SequenceEqual(FeatureSet.Names))
        {
            string firstDifference = FirstDifference(featureNames, FeatureSet.Names);
            throw new ClaimMlModelException($"Model '{description}' was trained with another feature set (version {manifest.FeatureSetVersion}, {featureNames.Length} features; this library has version {FeatureSet.Version}, {FeatureSet.Count} features; {firstDifference}). Retrain it with 'claimml train'.");
        }
        return manifest;
    }

    private static string FirstDifference(string[] model, string[] library)
    {
        for (int i = 0; i < Math.Min(model.Length, library.Length); i++)
        {
            if (model[i] != library[i])
            {
                return $"feature {i} is '{model[i]}' in the model, '{library[i]}' here";
            }
        }
        return model.Length == library.Length ? "same names" : "different counts";
    }

    private static Stream Open(ZipArchive zip, string name, string description) =>
        zip.GetEntry(name)?.Open() ?? throw new ClaimMlModelException($"Model '{description}' lacks its '{name}' entry; it is not a complete ClaimMl model file.");

    /// <summary>The whole content of an entry (decompressed).</summary>
    private static byte[] ReadEntry(ZipArchive zip, string name, string description)
    {
        using Stream entry = Open(zip, name, description);
        using var buffer = new MemoryStream();
        entry.CopyTo(buffer);
        return buffer.ToArray();
    }
}
