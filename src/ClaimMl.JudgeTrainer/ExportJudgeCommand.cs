using System.CommandLine;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClaimMl.Cli;
using ClaimMl.Entailment;
using ClaimMl.JudgeTrainer.Encoder;
using ClaimMl.JudgeTrainer.Native;
using ClaimMl.JudgeTrainer.Output;
using ClaimMl.JudgeTrainer.Training;
using ClaimMl.Training;

namespace ClaimMl.JudgeTrainer;

/// <summary>
/// <c>export</c>: writes another variant of a trained judge (its weights stored otherwise) from the weights saved by
/// <c>train --save-weights</c>, with the manifest of an existing judge model (window, verdict settings, training facts).
/// </summary>
internal static class ExportJudgeCommand
{
    /// <summary>Where <c>export</c>'s layers come from, as an error about a judge of other layers names it.</summary>
    internal const string LayersFrom = "the --like judge's layers";

    /// <summary>The <c>--calibration-pairs</c> option of <c>export</c> and <c>train</c>; <paramref name="drawnFrom"/> says where the pairs come from.</summary>
    internal static Option<int> CalibrationPairsOption(string drawnFrom) => new("--calibration-pairs")
    {
        Description = $"int7 only: round the weights with error feedback (GPTQ at a fixed scale per column) so that each layer's outputs change least on this many training pairs ({drawnFrom}); 0: round each weight to the nearest level.",
        DefaultValueFactory = _ => 0,
    };

    /// <summary>
    /// The second moments of <paramref name="model"/>'s layer inputs over <paramref name="count"/> of
    /// <paramref name="trainPairs"/> drawn with <paramref name="seed"/> (progress shown), for
    /// <see cref="JudgeGraphWriter.Write"/>, and what a judge's manifest records of them (<c>calibratedRounding</c>).
    /// </summary>
    internal static (Dictionary<string, double[]> Moments, JsonObject Record) Calibrate(CrossEncoder model, JudgeTokenizer tokenizer, IReadOnlyList<JudgePair> trainPairs, int count, int seed)
    {
        EncodedPair[] drawn = TrainJudgeCommand.Encode(tokenizer, TrainJudgeCommand.Sample(trainPairs, count, new Random(seed)));
        Dictionary<string, double[]> moments = ProgressDisplay.Run("Calibrating", p => InputStatistics.Collect(model, drawn, p));
        return (moments, new JsonObject { ["pairs"] = drawn.Length, ["seed"] = seed, ["damping"] = CalibratedRounding.Damping });
    }

    public static Command Create()
    {
        var weights = new Option<FileInfo[]>("--weights") { Description = "Weights saved by 'train --save-weights', or judge model files (their weights read back from their graphs, as stored); more than one are averaged, parameter by parameter (a uniform 'soup' of judges fine-tuned from the same encoder).", AllowMultipleArgumentsPerToken = true };
        var ensemble = new Option<FileInfo[]>("--ensemble") { Description = "Instead of --weights: two or more judge model files read together, their graphs side by side in one graph that gives the mean of their probabilities (each pair is read once by each; weights kept as each judge stores them).", AllowMultipleArgumentsPerToken = true };
        var like = new Option<FileInfo>("--like") { Description = "The judge model whose manifest (window, layers, verdict settings, training facts) the variant keeps.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Judge model to write (atomically).", Required = true };
        var quantize = new Option<string?>("--quantize") { Description = "How the weights are stored: int7 (signed 7-bit), int8 (unsigned 8-bit) or none (32-bit floats); default: as the --like judge's are." };
        quantize.AcceptOnlyFromAmong(JudgeQuantizations.Names);
        var data = new Option<DirectoryInfo?>("--data") { Description = "Folder of the labeled sets: score the variant on the judge's dev pairs (rebuilt with its recorded seed, sets and pair options) and print the figures." };
        var calibration = CalibrationPairsOption("drawn with the judge's seed from the training pairs --data rebuilds");
        var command = new Command("export", "Write a variant of a trained judge (8-bit, 7-bit or 32-bit weights) from its saved weights.")
        {
            weights, ensemble, like, output, quantize, data, calibration,
        };
        command.SetAction((parse, cancellation) => CommandRunner.RunAsync(parse, ct =>
        {
            using ZipArchive source = OpenLike(parse.GetValue(like)!.FullName);
            byte[] manifestJson = JudgeModelWriter.ReadEntry(source.GetEntry(JudgeModelWriter.ManifestEntry)
                ?? throw new ClaimMlModelException("--like: not a judge model (no judge.json)."));
            JsonObject manifest = JsonNode.Parse(manifestJson)!.AsObject();
            DirectoryInfo? root = parse.GetValue(data);
            FileInfo[] members = parse.GetValue(ensemble) ?? [];
            FileInfo[] weightFiles = parse.GetValue(weights) ?? [];
            if ((members.Length == 0) == (weightFiles.Length == 0))
            {
                throw new ArgumentException("export: give --weights (saved weights or judge model files to write, averaged if more than one) or --ensemble (judge model files to read together), not both.");
            }
            if (members.Length > 0)
            {
                if (parse.GetValue(quantize) is not null || parse.GetValue(calibration) != 0)
                {
                    throw new ArgumentException("--ensemble keeps each judge's weights as they are stored; it takes neither --quantize nor --calibration-pairs.");
                }
                WriteEnsemble(members, parse.GetValue(like)!.FullName, source, manifestJson, manifest, parse.GetValue(output)!.FullName, root, ct);
                return Task.FromResult(CommandRunner.Ok);
            }
            JudgeQuantization quantization = Storage(parse.GetValue(quantize), manifest);
            int calibrationPairs = parse.GetValue(calibration);
            if (calibrationPairs < 0 || (calibrationPairs > 0 && (quantization != JudgeQuantization.Int7 || root is null)))
            {
                throw new ArgumentException($"--calibration-pairs: {calibrationPairs}; calibrated rounding takes a positive number of pairs, weights stored as int7 (here {JudgeQuantizations.Name(quantization)}) and --data to draw the pairs from.");
            }
            int layers = manifest["layers"]!.GetValue<int>();
            PretrainedEncoder pretrained = PretrainedEncoder.Load();
            EncoderGraph graph = EncoderGraph.Read(pretrained.Graph);
            LibTorchLoader.EnsureLoaded(Environment.ProcessorCount);
            EncoderShape shape = graph.Shape with { Layers = layers };
            using var model = new CrossEncoder(shape, 3, dropout: 0);
            JudgeFineTuner.LoadSaved(model, weightFiles[0].FullName, graph, "--weights", LayersFrom);
            if (weightFiles.Length > 1)
            {
                Average(model, shape, graph, weightFiles);
            }
            JudgePairSet? pairs = root is null ? null : TrainJudgeCommand.RebuildPairs(root.FullName, manifest);
            Dictionary<string, double[]>? moments = null;
            var extra = new JsonObject();
            if (calibrationPairs > 0)
            {
                // Read as the variant will read them: the --like judge's window and number-word reading.
                var tokenizer = JudgeTokenizer.For(new MemoryStream(pretrained.Vocabulary), manifest.Deserialize<JudgeManifest>()!);
                (moments, JsonObject record) = Calibrate(model, tokenizer, pairs!.Train, calibrationPairs, manifest["seed"]?.GetValue<int>() ?? 1);
                extra["calibratedRounding"] = record;
            }
            byte[] onnx = JudgeGraphWriter.Write(graph, model.ExportWeights(), layers, quantization, moments);
            if (weightFiles.Length > 1)
            {
                extra["averagedWeights"] = new JsonArray(weightFiles.Select(f => (JsonNode)Path.Combine(f.Directory?.Name ?? string.Empty, f.Name)).ToArray());
            }
            CopyFacts(manifest, extra);
            JsonObject written = JudgeModelWriter.Manifest(onnx, pretrained.Vocabulary, manifest["maxTokens"]!.GetValue<int>(), manifest["maxClaimTokens"]!.GetValue<int>(),
                layers, JudgeQuantizations.Name(quantization), pretrained.Name, extra);
            string path = parse.GetValue(output)!.FullName;
            CommandRunner.WriteAllAtomically([(path, stream => JudgeModelWriter.Write(stream, written, onnx, pretrained.Vocabulary))], ct);
            ReportWritten(path, pairs, $"judge graph with weights stored as {JudgeQuantizations.Name(quantization)} ({onnx.Length / 1e6:0.0} MB)", ct);
            return Task.FromResult(CommandRunner.Ok);
        }, cancellation));
        return command;
    }

    /// <summary>
    /// Copies into <paramref name="extra"/> what the <c>--like</c> judge's manifest records that a variant keeps (its
    /// window's use, verdict settings, training facts), leaving out what the writer records anew (format, labels, files,
    /// encoder, layers, storage) and what described only the <c>--like</c> judge's own weights (how they were averaged,
    /// rounded or joined). Keys already in <paramref name="extra"/> are kept.
    /// </summary>
    internal static void CopyFacts(JsonObject manifest, JsonObject extra)
    {
        foreach (var (key, value) in manifest)
        {
            if (!extra.ContainsKey(key) && key is not ("format" or "labels" or "maxTokens" or "maxClaimTokens" or "model" or "vocab" or "encoder" or "layers" or "quantization"
                or "averagedWeights" or "calibratedRounding" or "ensemble"))
            {
                extra[key] = value?.DeepClone();
            }
        }
    }

    /// <summary>Says where the judge was written and, given the dev pairs, scores it on them.</summary>
    private static void ReportWritten(string path, JudgePairSet? pairs, string what, CancellationToken ct)
    {
        Console.Error.WriteLine($"Wrote {path} ({new FileInfo(path).Length / 1e6:0.0} MB).");
        if (pairs is not null)
        {
            using EntailmentJudge judge = JudgeModelFile.Load(path);
            Console.Error.WriteLine($"Dev pairs, {what}:");
            Console.Error.Write(JudgeEvaluation.ToTable(JudgeEvaluation.ByOrigin(judge, pairs.Dev, ct)));
        }
    }

    /// <summary>
    /// Opens the <c>--like</c> judge's file; a file that is not a zip (or a damaged or truncated one) is a
    /// <see cref="ClaimMlModelException"/> naming it, before anything is written.
    /// </summary>
    private static ZipArchive OpenLike(string path)
    {
        FileStream stream = File.OpenRead(path);
        try
        {
            return new ZipArchive(stream, ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            stream.Dispose();
            throw new ClaimMlModelException($"--like: '{path}' is not a judge model file (not a zip, or a damaged or truncated one): {e.Message}", e);
        }
    }

    /// <summary>
    /// <c>--ensemble</c>: writes one judge that reads every pair with each of <paramref name="members"/> and gives the mean
    /// of their probabilities (<see cref="JudgeGraphEnsemble"/>), with the <c>--like</c> judge's manifest (its verdict
    /// settings and training facts) and vocabulary, and the members' files and graph hashes under <c>ensemble</c>. The
    /// members must share the <c>--like</c> judge's vocabulary and windows.
    /// </summary>
    private static void WriteEnsemble(FileInfo[] members, string likePath, ZipArchive like, byte[] manifestJson, JsonObject manifest, string path, DirectoryInfo? root, CancellationToken ct)
    {
        if (members.Length < 2)
        {
            throw new ArgumentException($"--ensemble: {members.Length} judge model file; an ensemble reads two or more.");
        }
        JudgeManifest likeManifest = JudgeModelFile.ReadManifest(manifestJson, likePath);
        var graphs = new List<byte[]>(members.Length);
        var recorded = new JsonArray();
        foreach (FileInfo member in members)
        {
            var (memberManifest, graph) = JudgeModelFile.ReadGraph(member.FullName);
            if (memberManifest.Vocab?.Sha256 != likeManifest.Vocab?.Sha256 || memberManifest.MaxTokens != likeManifest.MaxTokens || memberManifest.MaxClaimTokens != likeManifest.MaxClaimTokens)
            {
                throw new ClaimMlModelException($"--ensemble: {member.FullName} does not read pairs as the --like judge does (its vocabulary, or its window of {memberManifest.MaxTokens} tokens with {memberManifest.MaxClaimTokens} for the claim, differs).");
            }
            graphs.Add(graph);
            recorded.Add(new JsonObject { ["file"] = member.Name, ["sha256"] = JudgeModelWriter.Sha256(graph) });
        }
        byte[] onnx;
        try
        {
            onnx = JudgeGraphEnsemble.Join(graphs);
        }
        catch (InvalidDataException e)
        {
            throw new ClaimMlModelException($"--ensemble: {e.Message}", e);
        }
        byte[] vocabulary = JudgeModelWriter.ReadEntry(like, JudgeModelWriter.VocabularyEntry);
        var extra = new JsonObject { ["ensemble"] = recorded };
        CopyFacts(manifest, extra);
        JsonObject written = JudgeModelWriter.Manifest(onnx, vocabulary, likeManifest.MaxTokens, likeManifest.MaxClaimTokens, likeManifest.Layers,
            likeManifest.Quantization ?? JudgeQuantizations.Name(JudgeQuantization.None), manifest["encoder"]?.GetValue<string>() ?? string.Empty, extra);
        CommandRunner.WriteAllAtomically([(path, stream => JudgeModelWriter.Write(stream, written, onnx, vocabulary))], ct);
        JudgePairSet? pairs = root is null ? null : TrainJudgeCommand.RebuildPairs(root.FullName, manifest);
        ReportWritten(path, pairs, $"{members.Length} judges read together ({onnx.Length / 1e6:0.0} MB)", ct);
    }

    /// <summary>
    /// How the variant's weights are stored: as asked by <c>--quantize</c>, else as the <c>--like</c> judge's are (its
    /// manifest's <c>quantization</c>), so that a variant of a shipped judge is stored as the shipped one unless told
    /// otherwise; 32-bit floats for a manifest that records none.
    /// </summary>
    internal static JudgeQuantization Storage(string? asked, JsonObject likeManifest) =>
        JudgeQuantizations.Parse(asked ?? likeManifest["quantization"]?.GetValue<string>() ?? JudgeQuantizations.Name(JudgeQuantization.None));

    /// <summary>Sets every floating-point parameter and buffer of <paramref name="model"/> (holding the first file's weights) to its mean over all the files.</summary>
    internal static void Average(CrossEncoder model, EncoderShape shape, EncoderGraph graph, FileInfo[] files)
    {
        using var no = TorchSharp.torch.no_grad();
        var sum = new Dictionary<string, TorchSharp.torch.Tensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in model.state_dict())
        {
            if (tensor.is_floating_point())
            {
                sum[name] = tensor.detach().clone();
            }
        }
        foreach (FileInfo file in files.Skip(1))
        {
            using var other = new CrossEncoder(shape, 3, dropout: 0);
            JudgeFineTuner.LoadSaved(other, file.FullName, graph, "--weights", LayersFrom);
            foreach (var (name, tensor) in other.state_dict())
            {
                if (sum.TryGetValue(name, out TorchSharp.torch.Tensor? target))
                {
                    if (!target.shape.SequenceEqual(tensor.shape))
                    {
                        throw new ClaimMlModelException($"--weights: {file.Name} does not hold the same judge as {files[0].Name} ({name}).");
                    }
                    target.add_(tensor);
                }
            }
        }
        foreach (TorchSharp.torch.Tensor tensor in sum.Values)
        {
            tensor.div_(files.Length);
        }
        model.load_state_dict(sum, strict: false);
    }
}
