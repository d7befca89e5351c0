using System.Diagnostics;
using ClaimMl.Entailment;
using ClaimMl.JudgeTrainer.Encoder;
using ClaimMl.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClaimMl.JudgeTrainer.Training;

/// <summary>A pair as word pieces, with its label and the weight of its loss (1 unless <c>--debias-overlap</c>).</summary>
internal readonly record struct EncodedPair(JudgeInput Input, int Label, float Weight = 1);

/// <summary>The dev figures at one point of training.</summary>
internal sealed record DevCheckpoint(int Step, double Epoch, double TrainLoss, double DevLoss, double Accuracy, double MacroF1, double Seconds);

/// <summary>
/// Fine-tunes the pretrained encoder with a three-way head into the entailment judge: cross-entropy (each pair's
/// weighted by its <see cref="EncodedPair.Weight"/>), AdamW,
/// linear warm-up then linear decay, gradient norm clipped at 1. Batches are drawn in a seeded order, with
/// pairs of similar length put together (shuffled, sorted by length within windows of 50 batches, batches
/// shuffled again) and each batch padded only to its longest pair.
/// </summary>
internal sealed class JudgeFineTuner
{
    private const int LengthWindowBatches = 50;
    private const int EvaluationBatch = 64;

    private readonly JudgeTrainingOptions _options;

    public JudgeFineTuner(JudgeTrainingOptions options) => _options = options;

    /// <summary>Dev figures recorded during the run, in order (with those of the processes before a resumed one).</summary>
    public List<DevCheckpoint> Checkpoints { get; } = [];

    /// <summary>The steps at which this run went on from a checkpoint (<see cref="JudgeTrainingOptions.Checkpoint"/>), in order; empty for a run never stopped.</summary>
    public List<int> ResumedAtSteps { get; } = [];

    /// <summary>Fine-tunes and returns the model (in evaluation mode).</summary>
    public CrossEncoder Train(EncoderGraph graph, IReadOnlyList<EncodedPair> train, IReadOnlyList<EncodedPair> dev,
        IProgress<TrainingProgress>? progress, CancellationToken cancellation)
    {
        ArgumentOutOfRangeException.ThrowIfZero(train.Count);
        torch.manual_seed(_options.Seed);
        var model = new CrossEncoder(graph.Shape with { Layers = _options.Layers }, JudgeTrainingOptions.Labels.Length, _options.Dropout);
        model.LoadEncoderWeights(graph);
        if (_options.StartFrom is { } saved)
        {
            LoadSaved(model, saved, graph);
        }

        int stepsPerEpoch = (train.Count + _options.BatchSize - 1) / _options.BatchSize;
        int totalSteps = (int)Math.Ceiling(stepsPerEpoch * _options.Epochs);
        if (_options.MaxSteps > 0)
        {
            totalSteps = Math.Min(totalSteps, _options.MaxSteps);
        }
        int warmup = (int)(totalSteps * _options.WarmupFraction);
        var optimizer = optim.AdamW(model.parameters(), lr: _options.LearningRate, weight_decay: _options.WeightDecay);

        // Going on from a checkpoint: the weights, AdamW's state and libtorch's random state as saved, the schedule
        // from the step reached, and the batch order drawn again from the seed with the batches done skipped.
        SortedDictionary<string, string>? run = null;
        int step = 0;
        double lossSum = 0;
        int lossCount = 0;
        double secondsBefore = 0;
        if (_options.Checkpoint is { } checkpointFolder)
        {
            run = TrainingCheckpoint.RunIdentity(_options, totalSteps, train, dev);
            if (TrainingCheckpoint.Find(checkpointFolder, run) is var (state, stepFolder))
            {
                TrainingCheckpoint.Load(stepFolder, model, optimizer);
                step = state.Step;
                lossSum = state.LossSum;
                lossCount = state.LossCount;
                secondsBefore = state.Seconds;
                Checkpoints.AddRange(state.DevCheckpoints);
                ResumedAtSteps.AddRange(state.ResumedAtSteps);
                ResumedAtSteps.Add(step);
            }
        }
        int resumedStep = step;
        var schedule = optim.lr_scheduler.LambdaLR(optimizer, k =>
        {
            int at = k + resumedStep;
            return at < warmup ? (at + 1.0) / (warmup + 1.0) : Math.Max(0.0, (totalSteps - at) / (double)Math.Max(1, totalSteps - warmup));
        });

        var random = new Random(_options.Seed);
        var stopwatch = Stopwatch.StartNew();
        int lastSaved = step;
        void Save()
        {
            if (_options.Checkpoint is { } folder && step > lastSaved)
            {
                var state = new TrainingCheckpoint.State
                {
                    Run = run!,
                    Step = step,
                    LossSum = lossSum,
                    LossCount = lossCount,
                    Seconds = secondsBefore + stopwatch.Elapsed.TotalSeconds,
                    DevCheckpoints = [.. Checkpoints],
                    ResumedAtSteps = [.. ResumedAtSteps],
                };
                TrainingCheckpoint.Save(folder, state, model, optimizer);
                lastSaved = step;
            }
        }

        model.train();
        int firstEpoch = step / stepsPerEpoch;
        for (int skipped = 0; skipped < firstEpoch; skipped++)
        {
            _ = Batches(train, random); // the same draws as the epochs already trained
        }
        for (int epoch = firstEpoch; step < totalSteps; epoch++)
        {
            int[][] batches = Batches(train, random);
            for (int b = epoch == firstEpoch ? step - (firstEpoch * stepsPerEpoch) : 0; b < batches.Length; b++)
            {
                int[] batch = batches[b];
                if (step >= totalSteps)
                {
                    break;
                }
                if (cancellation.IsCancellationRequested)
                {
                    Save(); // Ctrl+C keeps what was trained
                    cancellation.ThrowIfCancellationRequested();
                }
                using (var scope = NewDisposeScope())
                {
                    var (ids, mask, types, labels) = Tensors(train, batch);
                    Tensor logits = model.forward(ids, mask, types);
                    Tensor loss = Loss(logits, labels, train, batch);
                    optimizer.zero_grad();
                    loss.backward();
                    nn.utils.clip_grad_norm_(model.parameters(), 1.0);
                    optimizer.step();
                    schedule.step();
                    lossSum += loss.item<float>();
                    lossCount++;
                }
                step++;
                progress?.Report(new TrainingProgress($"fine-tuning, epoch {epoch + 1}, loss {lossSum / Math.Max(1, lossCount):0.000}", step, totalSteps));
                if (dev.Count > 0 && ((_options.EvaluateEvery > 0 && step % _options.EvaluateEvery == 0) || step == totalSteps))
                {
                    Checkpoints.Add(Evaluate(model, dev, step, (double)step / stepsPerEpoch, lossSum / Math.Max(1, lossCount), secondsBefore + stopwatch.Elapsed.TotalSeconds));
                    lossSum = 0;
                    lossCount = 0;
                    model.train();
                }
                if (_options.CheckpointEvery > 0 && step % _options.CheckpointEvery == 0 && step < totalSteps)
                {
                    Save();
                }
            }
        }
        model.eval();
        return model;
    }

    /// <summary>
    /// Loads the weights to start from into <paramref name="model"/>: a judge's saved 32-bit weights, or a judge model
    /// file (<see cref="IsJudgeModel"/>), its weights read back from its graph (<see cref="JudgeGraphReader"/>; stored
    /// as 8 or 7 bits, they start as the values the judge computes with). A missing file, or one that does not hold a
    /// judge of the same shape (layers, head), is a <see cref="ClaimMlModelException"/> naming it and
    /// <paramref name="option"/>, the command-line option that gave it; a judge of other layers also names
    /// <paramref name="layersFrom"/>, where the layers asked for come from.
    /// </summary>
    internal static void LoadSaved(CrossEncoder model, string path, EncoderGraph graph, string option = "--start-from", string layersFrom = "--layers")
    {
        RequireSaved(path, option);
        if (IsJudgeModel(path))
        {
            var (manifest, judgeGraph) = JudgeModelFile.ReadGraph(path);
            if (manifest.Layers != model.Shape.Layers)
            {
                throw new ClaimMlModelException($"{option}: {path} is a judge of {manifest.Layers} layers; {model.Shape.Layers} are expected ({layersFrom}).");
            }
            try
            {
                model.ImportWeights(JudgeGraphReader.Weights(graph, judgeGraph, model.Shape.Layers));
            }
            catch (InvalidDataException e)
            {
                throw new ClaimMlModelException($"{option}: {path} is not a judge of this encoder's shape ({e.Message})", e);
            }
            return;
        }
        try
        {
            model.load(path);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or EndOfStreamException or NotImplementedException)
        {
            throw new ClaimMlModelException($"{option}: {path} does not hold the weights of a judge of this shape ({e.Message})", e);
        }
    }

    /// <summary>Whether the file at <paramref name="path"/> is a judge model (a zip) rather than saved weights (TorchSharp's own format).</summary>
    internal static bool IsJudgeModel(string path)
    {
        Span<byte> magic = stackalloc byte[4];
        using FileStream stream = File.OpenRead(path);
        return stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4 && magic.SequenceEqual("PK\u0003\u0004"u8);
    }

    /// <summary>Fails with a <see cref="ClaimMlModelException"/> naming <paramref name="path"/> when there is no file there to start from.</summary>
    internal static void RequireSaved(string path, string option = "--start-from")
    {
        if (!File.Exists(path))
        {
            throw new ClaimMlModelException($"{option}: {path} does not exist (the weights written by 'train --save-weights', or a judge model file).");
        }
    }

    /// <summary>Class probabilities of every pair, by the model in evaluation mode, in the pairs' order.</summary>
    public static float[][] Predict(CrossEncoder model, IReadOnlyList<EncodedPair> pairs)
    {
        model.eval();
        var order = Enumerable.Range(0, pairs.Count).OrderBy(i => pairs[i].Input.Length).ToArray();
        var result = new float[pairs.Count][];
        using var noGrad = no_grad();
        for (int start = 0; start < order.Length; start += EvaluationBatch)
        {
            int[] batch = order[start..Math.Min(order.Length, start + EvaluationBatch)];
            using var scope = NewDisposeScope();
            var (ids, mask, types, _) = Tensors(pairs, batch);
            float[] probabilities = nn.functional.softmax(model.forward(ids, mask, types), 1).data<float>().ToArray();
            int classes = probabilities.Length / batch.Length;
            for (int i = 0; i < batch.Length; i++)
            {
                result[batch[i]] = probabilities.AsSpan(i * classes, classes).ToArray();
            }
        }
        return result;
    }

    private static DevCheckpoint Evaluate(CrossEncoder model, IReadOnlyList<EncodedPair> dev, int step, double epoch, double trainLoss, double seconds)
    {
        float[][] probabilities = Predict(model, dev);
        var (accuracy, macroF1, loss) = Score(dev, probabilities);
        return new DevCheckpoint(step, epoch, trainLoss, loss, accuracy, macroF1, seconds);
    }

    /// <summary>Accuracy, macro-F1 over the three labels, and mean cross-entropy.</summary>
    public static (double Accuracy, double MacroF1, double Loss) Score(IReadOnlyList<EncodedPair> pairs, float[][] probabilities)
    {
        int classes = JudgeTrainingOptions.Labels.Length;
        var confusion = new int[classes, classes];
        double loss = 0;
        for (int i = 0; i < pairs.Count; i++)
        {
            int predicted = 0;
            for (int c = 1; c < classes; c++)
            {
                if (probabilities[i][c] > probabilities[i][predicted])
                {
                    predicted = c;
                }
            }
            confusion[pairs[i].Label, predicted]++;
            loss -= Math.Log(Math.Max(1e-12, probabilities[i][pairs[i].Label]));
        }
        int correct = 0;
        double f1Sum = 0;
        for (int c = 0; c < classes; c++)
        {
            correct += confusion[c, c];
            int predictedC = 0, goldC = 0;
            for (int k = 0; k < classes; k++)
            {
                predictedC += confusion[k, c];
                goldC += confusion[c, k];
            }
            f1Sum += predictedC + goldC == 0 ? 0 : 2.0 * confusion[c, c] / (predictedC + goldC);
        }
        return ((double)correct / Math.Max(1, pairs.Count), f1Sum / classes, loss / Math.Max(1, pairs.Count));
    }

    /// <summary>One epoch's batches (pair indexes) in a seeded, length-grouped order.</summary>
    private int[][] Batches(IReadOnlyList<EncodedPair> pairs, Random random)
    {
        int[] order = Enumerable.Range(0, pairs.Count).ToArray();
        random.Shuffle(order);
        int window = _options.BatchSize * LengthWindowBatches;
        for (int start = 0; start < order.Length; start += window)
        {
            int length = Math.Min(window, order.Length - start);
            Array.Sort(order, start, length, Comparer<int>.Create((a, b) => pairs[a].Input.Length.CompareTo(pairs[b].Input.Length)));
        }
        var batches = new List<int[]>();
        for (int start = 0; start < order.Length; start += _options.BatchSize)
        {
            batches.Add(order[start..Math.Min(order.Length, start + _options.BatchSize)]);
        }
        int[][] shuffled = batches.ToArray();
        random.Shuffle(shuffled);
        return shuffled;
    }

    /// <summary>
    /// The batch's mean cross-entropy, each pair's weighted by its <see cref="EncodedPair.Weight"/>; a batch of
    /// weight-1 pairs takes the plain mean, as before weights existed (same judge, bit for bit).
    /// </summary>
    private static Tensor Loss(Tensor logits, Tensor labels, IReadOnlyList<EncodedPair> pairs, int[] batch)
    {
        var weights = new float[batch.Length];
        bool weighted = false;
        for (int row = 0; row < batch.Length; row++)
        {
            weights[row] = pairs[batch[row]].Weight;
            weighted |= weights[row] != 1;
        }
        if (!weighted)
        {
            return nn.functional.cross_entropy(logits, labels);
        }
        Tensor each = nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.None);
        return (each * tensor(weights)).mean();
    }

    /// <summary>The batch as int64 tensors [batch, longest]: ids, attention mask, segment ids; and the labels [batch].</summary>
    internal static (Tensor Ids, Tensor Mask, Tensor Types, Tensor Labels) Tensors(IReadOnlyList<EncodedPair> pairs, int[] batch)
    {
        int longest = 0;
        foreach (int i in batch)
        {
            longest = Math.Max(longest, pairs[i].Input.Length);
        }
        var ids = new long[batch.Length * longest];
        var mask = new long[batch.Length * longest];
        var types = new long[batch.Length * longest];
        var labels = new long[batch.Length];
        for (int row = 0; row < batch.Length; row++)
        {
            JudgeInput input = pairs[batch[row]].Input;
            for (int t = 0; t < input.Length; t++)
            {
                ids[(row * longest) + t] = input.Ids[t];
                mask[(row * longest) + t] = 1;
                types[(row * longest) + t] = input.SegmentIds[t];
            }
            labels[row] = pairs[batch[row]].Label;
        }
        long[] shape = [batch.Length, longest];
        return (tensor(ids, shape), tensor(mask, shape), tensor(types, shape), tensor(labels));
    }
}
