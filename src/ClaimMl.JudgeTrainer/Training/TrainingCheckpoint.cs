using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClaimMl.JudgeTrainer.Encoder;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClaimMl.JudgeTrainer.Training;

/// <summary>
/// Where a fine-tuning run got to, saved so that a run stopped part-way (Ctrl+C, a killed process, the end of a
/// working session) can go on to the same judge, bit for bit, as a run that was never stopped: the 32-bit weights,
/// AdamW's state (its moments and step), libtorch's random state (dropout), the step reached and the running figures.
/// The batch order is not saved: it is drawn again from the seed, and the batches already trained on are skipped.
/// </summary>
/// <remarks>
/// A checkpoint folder holds one sub-folder per saved step (<c>step-000250</c>); <c>state.json</c> is written last, so a
/// sub-folder without it is one whose writing was cut off and is ignored. After a save, older steps are deleted.
/// A checkpoint names the run it belongs to (<see cref="RunIdentity"/>); going on from another run's checkpoint is a
/// <see cref="ClaimMlModelException"/> that names what differs.
/// </remarks>
internal static class TrainingCheckpoint
{
    private const string StateFile = "state.json";
    private const string WeightsFile = "weights.bin";
    private const string OptimizerFile = "optimizer.bin";
    private const string RandomFile = "torch-random.bin";
    private const string StepPrefix = "step-";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>What a saved step holds besides the tensors.</summary>
    internal sealed record State
    {
        /// <summary>Everything that decides the run's course; a checkpoint goes on only into the same run.</summary>
        [JsonPropertyName("run")] public required SortedDictionary<string, string> Run { get; init; }

        /// <summary>Optimizer steps done.</summary>
        [JsonPropertyName("step")] public required int Step { get; init; }

        /// <summary>Sum and count of the training losses since the last dev checkpoint (the progress display's figure).</summary>
        [JsonPropertyName("lossSum")] public required double LossSum { get; init; }

        /// <inheritdoc cref="LossSum"/>
        [JsonPropertyName("lossCount")] public required int LossCount { get; init; }

        /// <summary>Seconds of training before this save, summed over every process that trained this run.</summary>
        [JsonPropertyName("seconds")] public required double Seconds { get; init; }

        /// <summary>The dev figures recorded so far.</summary>
        [JsonPropertyName("devCheckpoints")] public required List<DevCheckpoint> DevCheckpoints { get; init; }

        /// <summary>The steps at which earlier processes of this run went on from a checkpoint.</summary>
        [JsonPropertyName("resumedAtSteps")] public required List<int> ResumedAtSteps { get; init; }
    }

    /// <summary>
    /// What decides the course of a run: the options that shape training, the number of steps, and a SHA-256 of the
    /// training and dev pairs (word pieces, labels, weights) and of the weights it starts from.
    /// </summary>
    public static SortedDictionary<string, string> RunIdentity(JudgeTrainingOptions options, int totalSteps, IReadOnlyList<EncodedPair> train, IReadOnlyList<EncodedPair> dev)
    {
        var identity = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["seed"] = Invariant(options.Seed),
            ["batchSize"] = Invariant(options.BatchSize),
            ["learningRate"] = Invariant(options.LearningRate),
            ["warmupFraction"] = Invariant(options.WarmupFraction),
            ["weightDecay"] = Invariant(options.WeightDecay),
            ["dropout"] = Invariant(options.Dropout),
            ["layers"] = Invariant(options.Layers),
            ["threads"] = Invariant(options.Threads),
            ["evaluateEvery"] = Invariant(options.EvaluateEvery),
            ["totalSteps"] = Invariant(totalSteps),
            ["trainingPairs"] = Invariant(train.Count) + " pairs, SHA-256 " + PairsSha256(train),
            ["devPairs"] = Invariant(dev.Count) + " pairs, SHA-256 " + PairsSha256(dev),
            ["startFrom"] = options.StartFrom is { } start ? "SHA-256 " + FileSha256(start) : "the pretrained encoder",
        };
        return identity;
    }

    /// <summary>Saves <paramref name="state"/>, the model's weights, the optimizer's state and libtorch's random state as the newest step of <paramref name="folder"/>.</summary>
    public static void Save(string folder, State state, CrossEncoder model, OptimizerHelper optimizer)
    {
        Directory.CreateDirectory(folder);
        string stepFolder = Path.Combine(folder, StepPrefix + state.Step.ToString("D6", CultureInfo.InvariantCulture));
        if (Directory.Exists(stepFolder))
        {
            Directory.Delete(stepFolder, recursive: true);
        }
        Directory.CreateDirectory(stepFolder);
        model.save(Path.Combine(stepFolder, WeightsFile));
        using (var writer = new BinaryWriter(File.Create(Path.Combine(stepFolder, OptimizerFile))))
        {
            optimizer.save_state_dict(writer);
        }
        using (Tensor random = TorchSharp.torch.random.get_rng_state())
        {
            File.WriteAllBytes(Path.Combine(stepFolder, RandomFile), random.data<byte>().ToArray());
        }
        string stateTemporary = Path.Combine(stepFolder, StateFile + ".partial");
        File.WriteAllBytes(stateTemporary, JsonSerializer.SerializeToUtf8Bytes(state, Json));
        File.Move(stateTemporary, Path.Combine(stepFolder, StateFile));
        foreach (string older in Directory.EnumerateDirectories(folder, StepPrefix + "*"))
        {
            if (!string.Equals(older, stepFolder, StringComparison.Ordinal))
            {
                Directory.Delete(older, recursive: true);
            }
        }
    }

    /// <summary>
    /// The newest complete step saved in <paramref name="folder"/>, or null when there is none (no folder, an empty one,
    /// or only a step whose writing was cut off). A step saved by another run is a <see cref="ClaimMlModelException"/>.
    /// </summary>
    public static (State State, string StepFolder)? Find(string folder, SortedDictionary<string, string> run)
    {
        if (!Directory.Exists(folder))
        {
            return null;
        }
        string? newest = null;
        foreach (string candidate in Directory.EnumerateDirectories(folder, StepPrefix + "*"))
        {
            if (File.Exists(Path.Combine(candidate, StateFile)) && (newest is null || string.CompareOrdinal(candidate, newest) > 0))
            {
                newest = candidate;
            }
        }
        if (newest is null)
        {
            return null;
        }
        string statePath = Path.Combine(newest, StateFile);
        State? state;
        try
        {
            state = JsonSerializer.Deserialize<State>(File.ReadAllBytes(statePath), Json);
        }
        catch (JsonException e)
        {
            throw new ClaimMlModelException($"--checkpoint: {statePath} is not a readable checkpoint state ({e.Message}); delete {newest} to go on from an earlier step, or the folder to start again.", e);
        }
        if (state is null)
        {
            throw new ClaimMlModelException($"--checkpoint: {statePath} is empty; delete {newest} to go on from an earlier step, or the folder to start again.");
        }
        var differences = new List<string>();
        foreach (var (key, value) in run)
        {
            string saved = state.Run.TryGetValue(key, out string? s) ? s : "(not recorded)";
            if (!string.Equals(saved, value, StringComparison.Ordinal))
            {
                differences.Add($"{key}: {saved} there, {value} in this run");
            }
        }
        if (differences.Count > 0)
        {
            throw new ClaimMlModelException($"--checkpoint: {newest} was saved by another run ({string.Join("; ", differences)}); give the options and data it was started with, or another --checkpoint folder.");
        }
        return (state, newest);
    }

    /// <summary>Loads a step found by <see cref="Find"/> into the model, the optimizer and libtorch's random state.</summary>
    public static void Load(string stepFolder, CrossEncoder model, OptimizerHelper optimizer)
    {
        try
        {
            model.load(Path.Combine(stepFolder, WeightsFile));
            using (var reader = new BinaryReader(File.OpenRead(Path.Combine(stepFolder, OptimizerFile))))
            {
                optimizer.load_state_dict(reader);
            }
            byte[] random = File.ReadAllBytes(Path.Combine(stepFolder, RandomFile));
            using Tensor state = tensor(random, dtype: ScalarType.Byte);
            TorchSharp.torch.random.set_rng_state(state);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or EndOfStreamException or NotImplementedException)
        {
            throw new ClaimMlModelException($"--checkpoint: {stepFolder} does not hold a readable checkpoint of this run ({e.Message}); delete it to go on from an earlier step, or the folder to start again.", e);
        }
    }

    private static string PairsSha256(IReadOnlyList<EncodedPair> pairs)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[4];
        foreach (EncodedPair pair in pairs)
        {
            hash.AppendData(MemoryMarshal.AsBytes(pair.Input.Ids.AsSpan()));
            hash.AppendData(MemoryMarshal.AsBytes(pair.Input.SegmentIds.AsSpan()));
            BitConverter.TryWriteBytes(number, -1 - pair.Label);
            hash.AppendData(number);
            BitConverter.TryWriteBytes(number, pair.Weight);
            hash.AppendData(number);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string FileSha256(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
