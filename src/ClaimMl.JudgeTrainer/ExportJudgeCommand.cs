using System.CommandLine;
using System.IO.Compression;
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
        var weights = new Option<FileInfo[]>("--weights") { Description = "Weights saved by 'train --save-weights', or judge model files (their weights read back from their graphs, as stored); more than one are averaged, parameter by parameter (a uniform 'soup' of judges fine-tuned from the same encoder).", Required = true, AllowMultipleArgumentsPerToken = true };
        var like = new Option<FileInfo>("--like") { Description = "The judge model whose manifest (window, layers, verdict settings, training facts) the variant keeps.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Judge model to write (atomically).", Required = true };
        var quantize = new Option<string?>("--quantize") { Description = "How the weights are stored: int7 (signed 7-bit), int8 (unsigned 8-bit) or none (32-bit floats); default: as the --like judge's are." };
        quantize.AcceptOnlyFromAmong(JudgeQuantizations.Names);
        var data = new Option<DirectoryInfo?>("--data") { Description = "Folder of the labeled sets: score the variant on the judge's dev pairs (rebuilt with its recorded seed, sets and pair options) and print the figures." };
        var calibration = CalibrationPairsOption("drawn with the judge's seed from the training pairs --data rebuilds");
        var command = new Command("export", "Write a variant of a trained judge (8-bit, 7-bit or 32-bit weights) from its saved weights.")
        {
            weights, like, output, quantize, data, calibration,
        };
        command.SetAction((parse, cancellation) => CommandRunner.RunAsync(parse, ct =>
        {
            using var source = new ZipArchive(File.OpenRead(parse.GetValue(like)!.FullName), ZipArchiveMode.Read);
            JsonObject manifest;
            using (var reader = new StreamReader(source.GetEntry(JudgeModelWriter.ManifestEntry)?.Open() ?? throw new ClaimMlModelException("--like: not a judge model (no judge.json).")))
            {
                manifest = JsonNode.Parse(reader.ReadToEnd())!.AsObject();
            }
            JudgeQuantization quantization = Storage(parse.GetValue(quantize), manifest);
            int calibrationPairs = parse.GetValue(calibration);
            DirectoryInfo? root = parse.GetValue(data);
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
            FileInfo[] weightFiles = parse.GetValue(weights)!;
            JudgeFineTuner.LoadSaved(model, weightFiles[0].FullName, graph, "--weights");
            if (weightFiles.Length > 1)
            {
                Average(model, shape, graph, weightFiles);
            }
            JudgePairSet? pairs = root is null ? null : TrainJudgeCommand.RebuildPairs(root.FullName, manifest);
            Dictionary<string, double[]>? moments = null;
            var extra = new JsonObject();
            if (calibrationPairs > 0)
            {
                var tokenizer = new JudgeTokenizer(new MemoryStream(pretrained.Vocabulary), manifest["maxTokens"]!.GetValue<int>(), manifest["maxClaimTokens"]!.GetValue<int>());
                (moments, JsonObject record) = Calibrate(model, tokenizer, pairs!.Train, calibrationPairs, manifest["seed"]?.GetValue<int>() ?? 1);
                extra["calibratedRounding"] = record;
            }
            byte[] onnx = JudgeGraphWriter.Write(graph, model.ExportWeights(), layers, quantization, moments);
            if (weightFiles.Length > 1)
            {
                extra["averagedWeights"] = new JsonArray(weightFiles.Select(f => (JsonNode)Path.Combine(f.Directory?.Name ?? string.Empty, f.Name)).ToArray());
            }
            foreach (var (key, value) in manifest)
            {
                if (key is not ("format" or "labels" or "maxTokens" or "maxClaimTokens" or "model" or "vocab" or "encoder" or "layers" or "quantization" or "averagedWeights" or "calibratedRounding"))
                {
                    extra[key] = value?.DeepClone();
                }
            }
            JsonObject written = JudgeModelWriter.Manifest(onnx, pretrained.Vocabulary, manifest["maxTokens"]!.GetValue<int>(), manifest["maxClaimTokens"]!.GetValue<int>(),
                layers, JudgeQuantizations.Name(quantization), pretrained.Name, extra);
            string path = parse.GetValue(output)!.FullName;
            CommandRunner.WriteAllAtomically([(path, stream => JudgeModelWriter.Write(stream, written, onnx, pretrained.Vocabulary))], ct);
            Console.Error.WriteLine($"Wrote {path} ({new FileInfo(path).Length / 1e6:0.0} MB).");
            if (pairs is not null)
            {
                using EntailmentJudge judge = JudgeModelFile.Load(path);
                Console.Error.WriteLine($"Dev pairs, judge graph with weights stored as {JudgeQuantizations.Name(quantization)} ({onnx.Length / 1e6:0.0} MB):");
                Console.Error.Write(JudgeEvaluation.ToTable(JudgeEvaluation.ByOrigin(judge, pairs.Dev, ct)));
            }
            return Task.FromResult(CommandRunner.Ok);
        }, cancellation));
        return command;
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
            JudgeFineTuner.LoadSaved(other, file.FullName, graph, "--weights");
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
