using Google.Protobuf;
using System.IO.Compression;
using System.Text.Json.Nodes;
using ClaimMl.Cli;
using ClaimMl.DataFormats.NliSets;
using ClaimMl.Entailment;
using ClaimMl.JudgeTrainer;
using ClaimMl.JudgeTrainer.Encoder;
using ClaimMl.JudgeTrainer.Native;
using ClaimMl.JudgeTrainer.Output;
using ClaimMl.JudgeTrainer.Training;
using ClaimMl.Tests.Judge;
using ClaimMl.Training;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;
using static TorchSharp.torch;

namespace ClaimMl.Tests.JudgeTraining;

/// <summary>
/// The judge trainer's code on a tiny run (the pretrained encoder cut to one layer, a few steps on pairs written
/// here): weights read from the pretrained graph, TorchSharp matching ONNX Runtime, training that learns and is
/// deterministic, and the written graph giving the trained model's logits. The full run is a command of its own.
/// </summary>
[NonParallelizable]
public class JudgeTrainingTests
{
    private static readonly Lazy<(PretrainedEncoder Encoder, EncoderGraph Graph)> Pretrained = new(() =>
    {
        LibTorchLoader.EnsureLoaded(2);
        PretrainedEncoder encoder = PretrainedEncoder.Load();
        return (encoder, EncoderGraph.Read(encoder.Graph));
    });

    private static readonly (string Claim, string Passage, EntailmentLabel Label)[] Pairs =
    [
        ("The ferry service resumed on Monday.", "After a week of storms, the ferry service resumed on Monday morning.", EntailmentLabel.Entails),
        ("The ferry service resumed on Monday.", "The ferry service remained suspended on Monday because of the storm.", EntailmentLabel.Contradicts),
        ("The ferry service resumed on Monday.", "The harbour master said the new terminal building would open next spring.", EntailmentLabel.Neither),
        ("The council approved the budget.", "Councillors voted to approve the budget by nine votes to four.", EntailmentLabel.Entails),
        ("The council approved the budget.", "The council rejected the budget after a long debate.", EntailmentLabel.Contradicts),
        ("The council approved the budget.", "The mayor's office published a list of road repairs planned for the summer.", EntailmentLabel.Neither),
        ("Three people were injured in the fire.", "Firefighters said three residents were treated for injuries after the fire.", EntailmentLabel.Entails),
        ("Three people were injured in the fire.", "Nobody was hurt in the fire, firefighters said.", EntailmentLabel.Contradicts),
    ];

    private static EncodedPair[] Encoded(PretrainedEncoder encoder)
    {
        var tokenizer = new JudgeTokenizer(new MemoryStream(encoder.Vocabulary), 64, 24);
        return TrainJudgeCommand.Encode(tokenizer, Pairs.Select(p => new JudgePair(p.Claim, p.Passage, p.Label, "test", p.Claim)).ToList());
    }

    [Test]
    public void EveryWeightOfTheEncoderIsNamedAndShaped()
    {
        EncoderGraph graph = Pretrained.Value.Graph;
        Assert.That(graph.Shape, Is.EqualTo(new EncoderShape(6, 384, 12, 1536, 30522, 512, 2)));
        Assert.That(graph.Weights, Has.Count.EqualTo(103), "16 per layer, 5 embedding, 2 pooler");
        Assert.That(graph.Weights.Values.Count(w => w.Transposed), Is.EqualTo(36), "query, key, value, attention output and the two feed-forward matrices of 6 layers");
        Assert.That(graph.Weights["encoder.layer.3.intermediate.dense.weight"].Shape, Is.EqualTo(new long[] { 1536, 384 }));
    }

    [Test]
    public void TheTorchSharpEncoderMatchesOnnxRuntimeOnThePretrainedGraph()
    {
        var (encoder, graph) = Pretrained.Value;
        using var model = new CrossEncoder(graph.Shape, 3, dropout: 0.1);
        model.LoadEncoderWeights(graph);
        model.eval();
        EncodedPair[] pairs = Encoded(encoder);
        var (ids, mask, types, shape) = Batch(pairs);
        float[] pooled;
        using (no_grad())
        using (var i = tensor(ids, shape))
        using (var m = tensor(mask, shape))
        using (var t = tensor(types, shape))
        using (TorchSharp.torch.Tensor output = model.Pool(i, m, t))
        {
            pooled = output.data<float>().ToArray();
        }
        using var session = new InferenceSession(encoder.Graph);
        using var outputs = session.Run(Feeds(ids, mask, types, shape));
        float[] expected = outputs.Single(o => o.Name != "last_hidden_state").AsTensor<float>().ToArray();
        Assert.That(pooled, Has.Length.EqualTo(expected.Length));
        Assert.That(pooled.Zip(expected).Max(p => Math.Abs(p.First - p.Second)), Is.LessThan(1e-4f), "padded rows included");
    }

    [Test]
    public void ATinyRunLearnsIsDeterministicAndItsGraphGivesItsLogits()
    {
        var (encoder, graph) = Pretrained.Value;
        EncodedPair[] pairs = Encoded(encoder);
        var options = new JudgeTrainingOptions { Layers = 1, BatchSize = 8, Epochs = 16, LearningRate = 5e-4, WarmupFraction = 0, EvaluateEvery = 4, Threads = 2, Dropout = 0 };

        var first = new JudgeFineTuner(options);
        using CrossEncoder model = first.Train(graph, pairs, pairs, null, CancellationToken.None);
        Assert.That(first.Checkpoints, Has.Count.EqualTo(4));
        Assert.That(first.Checkpoints[^1].DevLoss, Is.LessThan(first.Checkpoints[0].DevLoss * 0.9), "the loss on the pairs falls as it trains on them");

        var second = new JudgeFineTuner(options);
        using CrossEncoder again = second.Train(graph, pairs, pairs, null, CancellationToken.None);
        var weights = model.ExportWeights();
        byte[] onnx = JudgeGraphWriter.Write(graph, weights, options.Layers, JudgeQuantization.None);
        Assert.That(JudgeGraphWriter.Write(graph, again.ExportWeights(), options.Layers, JudgeQuantization.None), Is.EqualTo(onnx), "same seed, data and threads: the same judge");

        float[][] torchProbabilities = JudgeFineTuner.Predict(model, pairs);
        foreach (var (quantization, tolerance) in new[] { (JudgeQuantization.None, 1e-4f), (JudgeQuantization.Int8, 0.05f), (JudgeQuantization.Int7, 0.05f) })
        {
            byte[] graphBytes = JudgeGraphWriter.Write(graph, weights, options.Layers, quantization);
            AssertTheJudgeGives(graphBytes, options.Layers, quantization, torchProbabilities, tolerance);
        }
    }

    /// <summary>Packs <paramref name="graphBytes"/> as a judge model, loads it as the library does and checks its probabilities on <see cref="Pairs"/>.</summary>
    private static void AssertTheJudgeGives(byte[] graphBytes, int layers, JudgeQuantization quantization, float[][] expected, float tolerance)
    {
        using var zip = new MemoryStream(Packed(graphBytes, layers, quantization));
        using EntailmentJudge judge = JudgeModelFile.Load(zip, "test judge");
        Judgement[] judged = judge.Judge(Pairs.Select(p => (p.Claim, p.Passage)).ToList());
        for (int i = 0; i < judged.Length; i++)
        {
            EntailmentProbabilities p = judged[i].Probabilities;
            Assert.That(new[] { p.Entails, p.Contradicts, p.Neither }, Is.EqualTo(expected[i]).Within(tolerance), $"{quantization}, {layers} layers, pair {i}");
        }
    }

    /// <summary><paramref name="graphBytes"/> packed as a judge model file (<c>.zip</c>) the way the trainer writes one.</summary>
    private static byte[] Packed(byte[] graphBytes, int layers, JudgeQuantization quantization)
    {
        PretrainedEncoder encoder = Pretrained.Value.Encoder;
        var manifest = JudgeModelWriter.Manifest(graphBytes, encoder.Vocabulary, 64, 24, layers, JudgeQuantizations.Name(quantization), encoder.Name, new JsonObject());
        using var zip = new MemoryStream();
        JudgeModelWriter.Write(zip, manifest, graphBytes, encoder.Vocabulary);
        return zip.ToArray();
    }

    /// <summary>A tiny run long enough to learn <see cref="Pairs"/>, for the tests that go on from what it trained.</summary>
    private static readonly JudgeTrainingOptions TrainedToGoOnFrom = new() { Layers = 1, BatchSize = 8, Epochs = 30, LearningRate = 5e-4, WarmupFraction = 0, EvaluateEvery = 0, Threads = 2, Dropout = 0 };

    [Test]
    public void TrainingGoesOnFromAJudgeModelFileWhateverItsWeightStorage()
    {
        var (encoder, graph) = Pretrained.Value;
        EncodedPair[] pairs = Encoded(encoder);
        JudgeTrainingOptions options = TrainedToGoOnFrom;
        string folder = Path.Combine(Path.GetTempPath(), "claimml-start-judge-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            using CrossEncoder trained = new JudgeFineTuner(options).Train(graph, pairs, pairs, null, CancellationToken.None);
            var weights = trained.ExportWeights();
            float[][] trainedProbabilities = JudgeFineTuner.Predict(trained, pairs);
            foreach (JudgeQuantization storage in new[] { JudgeQuantization.None, JudgeQuantization.Int8, JudgeQuantization.Int7 })
            {
                byte[] stored = JudgeGraphWriter.Write(graph, weights, 1, storage);
                string path = Path.Combine(folder, $"judge-{JudgeQuantizations.Name(storage)}.zip");
                File.WriteAllBytes(path, Packed(stored, 1, storage));
                Assert.That(JudgeFineTuner.IsJudgeModel(path), Is.True);

                // Nothing learned on top (a zero learning rate): the model read back is the judge it was read from.
                using CrossEncoder same = new JudgeFineTuner(options with { StartFrom = path, Epochs = 1, LearningRate = 0 }).Train(graph, pairs, pairs, null, CancellationToken.None);
                var readBack = same.ExportWeights();
                if (storage == JudgeQuantization.None)
                {
                    Assert.That(JudgeGraphWriter.Write(graph, readBack, 1, JudgeQuantization.None), Is.EqualTo(stored), "32-bit weights read back exactly");
                }
                else
                {
                    // Stored again the same way, the weights read back give the same levels (and within a rounding of the same scales).
                    Assert.That(QuantizedLevels(JudgeGraphWriter.Write(graph, readBack, 1, storage)), Is.EqualTo(QuantizedLevels(stored)), JudgeQuantizations.Name(storage));
                    float[] original = weights["encoder.layer.0.intermediate.dense.weight"].Values, back = readBack["encoder.layer.0.intermediate.dense.weight"].Values;
                    double largestError = original.Zip(back).Max(p => Math.Abs(p.First - p.Second));
                    Assert.That(largestError, Is.GreaterThan(0).And.LessThan(original.Max(Math.Abs) / 100), "dequantized: close to the trained floats, not the same");
                }
                // In TorchSharp, the model read back gives what the judge file gives in ONNX Runtime.
                AssertTheJudgeGives(stored, 1, storage, JudgeFineTuner.Predict(same, pairs), storage == JudgeQuantization.None ? 1e-4f : 0.03f);
                Assert.That(JudgeFineTuner.Predict(same, pairs).SelectMany(p => p).Zip(trainedProbabilities.SelectMany(p => p)).Max(p => Math.Abs(p.First - p.Second)),
                    Is.LessThan(storage == JudgeQuantization.None ? 1e-5 : 0.05));
            }

            // A judge of another number of layers is a model error naming the file.
            string judge = Path.Combine(folder, "judge-none.zip");
            var otherShape = Assert.Throws<ClaimMlModelException>(() => new JudgeFineTuner(options with { StartFrom = judge, Layers = 2 }).Train(graph, pairs, pairs, null, CancellationToken.None));
            Assert.That(otherShape!.Message, Does.Contain(judge).And.Contain("1 layers"));

            // What the next run records of it: name, SHA-256, storage, and the command from the metrics beside it when they name these bytes.
            JsonObject bare = TrainJudgeCommand.StartingJudgeRecord(judge);
            Assert.That(bare["judgeModel"]!.GetValue<string>(), Is.EqualTo("judge-none.zip"));
            Assert.That(bare["modelSha256"]!.GetValue<string>(), Is.EqualTo(JudgeModelWriter.Sha256(File.ReadAllBytes(judge))));
            Assert.That(bare["quantization"]!.GetValue<string>(), Is.EqualTo("none"));
            Assert.That(bare.ContainsKey("command"), Is.False);
            MetricsFile.Write(MetricsFile.PathFor(judge), new JsonObject { ["modelSha256"] = bare["modelSha256"]!.DeepClone(), ["command"] = "train --data d", ["startedFrom"] = new JsonObject { ["weightsSha256"] = "ab" } });
            JsonObject recorded = TrainJudgeCommand.StartingJudgeRecord(judge);
            Assert.That(recorded["command"]!.GetValue<string>(), Is.EqualTo("train --data d"));
            Assert.That(recorded["startedFrom"]!["weightsSha256"]!.GetValue<string>(), Is.EqualTo("ab"));
            MetricsFile.Write(MetricsFile.PathFor(judge), new JsonObject { ["modelSha256"] = new string('0', 64), ["command"] = "another model's" });
            Assert.That(TrainJudgeCommand.StartingJudgeRecord(judge).ContainsKey("command"), Is.False, "metrics of other bytes are not taken for this judge's");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The quantized levels of every matrix in a judge graph, by initializer name.</summary>
    private static Dictionary<string, byte[]> QuantizedLevels(byte[] graphBytes) =>
        ModelProto.Parser.ParseFrom(graphBytes).Graph.Initializer
            .Where(t => t.Name.EndsWith(JudgeGraphWriter.QuantizedSuffix, StringComparison.Ordinal))
            .ToDictionary(t => t.Name, t => t.RawData.ToByteArray(), StringComparer.Ordinal);

    [Test]
    public void EachPairsLossCountsByItsWeight()
    {
        var (encoder, graph) = Pretrained.Value;
        EncodedPair[] pairs = Encoded(encoder);
        var options = new JudgeTrainingOptions { Layers = 1, BatchSize = 8, Epochs = 16, LearningRate = 5e-4, WarmupFraction = 0, EvaluateEvery = 0, Threads = 2, Dropout = 0 };
        using CrossEncoder plain = new JudgeFineTuner(options).Train(graph, pairs, pairs, null, CancellationToken.None);
        byte[] plainGraph = JudgeGraphWriter.Write(graph, plain.ExportWeights(), 1, JudgeQuantization.None);

        // Weights of 1 given explicitly: the plain mean, the same judge.
        EncodedPair[] ones = pairs.Select(p => p with { Weight = 1 }).ToArray();
        using (CrossEncoder same = new JudgeFineTuner(options).Train(graph, ones, pairs, null, CancellationToken.None))
        {
            Assert.That(JudgeGraphWriter.Write(graph, same.ExportWeights(), 1, JudgeQuantization.None), Is.EqualTo(plainGraph));
        }

        // The contradicted pairs weighted 0: the judge does not learn them, and learns the others better.
        int contradicts = (int)EntailmentLabel.Contradicts;
        EncodedPair[] skipping = pairs.Select(p => p with { Weight = p.Label == contradicts ? 0 : 1.6f }).ToArray();
        using CrossEncoder weighted = new JudgeFineTuner(options).Train(graph, skipping, pairs, null, CancellationToken.None);
        float[][] plainP = JudgeFineTuner.Predict(plain, pairs);
        float[][] weightedP = JudgeFineTuner.Predict(weighted, pairs);
        for (int i = 0; i < pairs.Length; i++)
        {
            TestContext.Out.WriteLine($"pair {i} ({JudgeTrainingOptions.Labels[pairs[i].Label]}): P(label) plain {plainP[i][pairs[i].Label]:0.000}, weighted {weightedP[i][pairs[i].Label]:0.000}");
        }
        double MeanOf(float[][] p, bool ofContradicts) =>
            Enumerable.Range(0, pairs.Length).Where(i => (pairs[i].Label == contradicts) == ofContradicts).Average(i => p[i][pairs[i].Label]);
        Assert.Multiple(() =>
        {
            Assert.That(MeanOf(weightedP, ofContradicts: true), Is.LessThan(MeanOf(plainP, ofContradicts: true) - 0.3), "pairs weighted 0 are not learned");
            Assert.That(MeanOf(weightedP, ofContradicts: false), Is.GreaterThan(MeanOf(plainP, ofContradicts: false) + 0.05), "the pairs that count are learned better than beside them");
        });
    }

    [Test]
    public void TrainingGoesOnFromAJudgesSavedWeights()
    {
        var (encoder, graph) = Pretrained.Value;
        EncodedPair[] pairs = Encoded(encoder);
        JudgeTrainingOptions options = TrainedToGoOnFrom;
        string folder = Path.Combine(Path.GetTempPath(), "claimml-start-" + Guid.NewGuid().ToString("N"));
        try
        {
            string path = Path.Combine(folder, "judge.weights.bin");
            var first = new JudgeFineTuner(options);
            using CrossEncoder trained = first.Train(graph, pairs, pairs, null, CancellationToken.None);
            CommandRunner.WriteAtomically(path, stream => trained.save(stream)); // as train --save-weights writes them
            byte[] trainedGraph = JudgeGraphWriter.Write(graph, trained.ExportWeights(), 1, JudgeQuantization.None);

            // With nothing learned on top (a zero learning rate), going on gives back the saved judge itself.
            using (CrossEncoder same = new JudgeFineTuner(options with { StartFrom = path, Epochs = 1, LearningRate = 0 }).Train(graph, pairs, pairs, null, CancellationToken.None))
            {
                Assert.That(JudgeGraphWriter.Write(graph, same.ExportWeights(), 1, JudgeQuantization.None), Is.EqualTo(trainedGraph));
            }

            // One more pass from the saved judge starts where it ended, far below one pass from the pretrained encoder.
            var fresh = new JudgeFineTuner(options with { Epochs = 1 });
            using (fresh.Train(graph, pairs, pairs, null, CancellationToken.None))
            {
            }
            var goingOn = new JudgeFineTuner(options with { Epochs = 1, StartFrom = path, LearningRate = 1e-5 });
            using (goingOn.Train(graph, pairs, pairs, null, CancellationToken.None))
            {
            }
            TestContext.Out.WriteLine($"dev loss: trained {first.Checkpoints[^1].DevLoss}, one more pass {goingOn.Checkpoints[^1].DevLoss}, one pass from the encoder {fresh.Checkpoints[^1].DevLoss}");
            Assert.That(goingOn.Checkpoints[^1].DevLoss, Is.LessThan(fresh.Checkpoints[^1].DevLoss * 0.5));
            Assert.That(goingOn.Checkpoints[^1].DevLoss, Is.LessThan(first.Checkpoints[^1].DevLoss * 1.5));

            // A missing file, or weights of a judge of another shape, is a model error naming the file.
            string missing = Path.Combine(folder, "none.bin");
            var noFile = Assert.Throws<ClaimMlModelException>(() => new JudgeFineTuner(options with { StartFrom = missing }).Train(graph, pairs, pairs, null, CancellationToken.None));
            Assert.That(noFile!.Message, Does.Contain(missing));
            var otherShape = Assert.Throws<ClaimMlModelException>(() => new JudgeFineTuner(options with { StartFrom = path, Layers = 2 }).Train(graph, pairs, pairs, null, CancellationToken.None));
            Assert.That(otherShape!.Message, Does.Contain(path));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// A tiny run with dropout on (libtorch's random state matters) over several epochs (the batch order is drawn
    /// again), a warm-up and a decay (the schedule goes on from the step reached), and dev figures part-way.
    /// </summary>
    private static readonly JudgeTrainingOptions Stoppable = new() { Layers = 1, BatchSize = 3, Epochs = 4, LearningRate = 5e-4, WarmupFraction = 0.25, EvaluateEvery = 5, Threads = 2, Dropout = 0.1, CheckpointEvery = 4 };

    /// <summary>Reports progress as it happens (<see cref="Progress{T}"/> would post it later).</summary>
    private sealed class AtStep(int stopAt, Action stop) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Done == stopAt)
            {
                stop();
            }
        }
    }

    [TestCase(true)]
    [TestCase(false)]
    public void AStoppedRunGoesOnFromItsCheckpointToTheSameJudge(bool cancelled)
    {
        var (encoder, graph) = Pretrained.Value;
        EncodedPair[] pairs = Encoded(encoder);
        var whole = new JudgeFineTuner(Stoppable);
        using CrossEncoder neverStopped = whole.Train(graph, pairs, pairs, null, CancellationToken.None);
        Assert.That(whole.Checkpoints.Select(c => c.Step), Is.EqualTo(new[] { 5, 10, 12 }), "8 pairs in batches of 3: 12 steps");
        byte[] expected = JudgeGraphWriter.Write(graph, neverStopped.ExportWeights(), 1, JudgeQuantization.None);

        string folder = Path.Combine(Path.GetTempPath(), "claimml-checkpoint-" + Guid.NewGuid().ToString("N"));
        try
        {
            JudgeTrainingOptions options = Stoppable with { Checkpoint = folder };
            int resumedAt;
            if (cancelled)
            {
                // Ctrl+C at step 7: the step reached is saved before the run ends.
                using var cancellation = new CancellationTokenSource();
                Assert.Throws<OperationCanceledException>(() => new JudgeFineTuner(options).Train(graph, pairs, pairs, new AtStep(7, cancellation.Cancel), cancellation.Token));
                Assert.That(Directory.GetDirectories(folder).Select(Path.GetFileName), Is.EqualTo(new[] { "step-000007" }), "older saves are deleted");
                resumedAt = 7;
            }
            else
            {
                // Killed at step 6 with no chance to save: it goes on from step 4, the last save; a step whose writing
                // was cut off (no state.json) is passed over.
                Assert.Throws<InvalidOperationException>(() => new JudgeFineTuner(options).Train(graph, pairs, pairs, new AtStep(6, () => throw new InvalidOperationException("killed")), CancellationToken.None));
                Directory.CreateDirectory(Path.Combine(folder, "step-000009"));
                resumedAt = 4;
            }

            var goingOn = new JudgeFineTuner(options);
            using (CrossEncoder resumed = goingOn.Train(graph, pairs, pairs, null, CancellationToken.None))
            {
                Assert.That(goingOn.ResumedAtSteps, Is.EqualTo(new[] { resumedAt }));
                Assert.That(JudgeGraphWriter.Write(graph, resumed.ExportWeights(), 1, JudgeQuantization.None), Is.EqualTo(expected), "the same judge, bit for bit, as the run never stopped");
                Assert.That(goingOn.Checkpoints.Select(c => (c.Step, c.TrainLoss, c.DevLoss)), Is.EqualTo(whole.Checkpoints.Select(c => (c.Step, c.TrainLoss, c.DevLoss))), "the same dev figures, those of the process before it included");
            }

            // Another run's options meet the checkpoint: a model error naming the folder and what differs.
            var other = Assert.Throws<ClaimMlModelException>(() => new JudgeFineTuner(options with { LearningRate = 1e-4 }).Train(graph, pairs, pairs, null, CancellationToken.None));
            Assert.That(other!.Message, Does.Contain(folder).And.Contain("learningRate: 0.0005 there, 0.0001 in this run"));
            var otherPairs = Assert.Throws<ClaimMlModelException>(() => new JudgeFineTuner(options).Train(graph, pairs[..^1].Append(pairs[0]).ToArray(), pairs, null, CancellationToken.None));
            Assert.That(otherPairs!.Message, Does.Contain("trainingPairs: 8 pairs, SHA-256"));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Test]
    public void SavedWeightsLoadBackAsTheSameModel()
    {
        var (_, graph) = Pretrained.Value;
        using var model = new CrossEncoder(graph.Shape with { Layers = 1 }, 3, dropout: 0);
        model.LoadEncoderWeights(graph);
        string path = Path.Combine(Path.GetTempPath(), "claimml-weights-" + Guid.NewGuid().ToString("N"), "judge.weights.bin");
        try
        {
            CommandRunner.WriteAtomically(path, stream => model.save(stream)); // as train --save-weights writes them
            using var loaded = new CrossEncoder(graph.Shape with { Layers = 1 }, 3, dropout: 0);
            loaded.load(path); // as export reads them
            Assert.That(JudgeGraphWriter.Write(graph, loaded.ExportWeights(), 1, JudgeQuantization.None),
                Is.EqualTo(JudgeGraphWriter.Write(graph, model.ExportWeights(), 1, JudgeQuantization.None)));
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Is.EqualTo(new[] { path }), "no temporary file left");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Test]
    public void SavedWeightsKeepARecordOfHowTheyWereMadeThatTheNextRunCarriesOn()
    {
        var (_, graph) = Pretrained.Value;
        using var model = new CrossEncoder(graph.Shape with { Layers = 1 }, 3, dropout: 0);
        model.LoadEncoderWeights(graph);
        using var other = new CrossEncoder(graph.Shape with { Layers = 1 }, 3, dropout: 0); // another head's draw
        string folder = Path.Combine(Path.GetTempPath(), "claimml-record-" + Guid.NewGuid().ToString("N"));
        string first = Path.Combine(folder, "first.weights.bin");
        string second = Path.Combine(folder, "second.weights.bin");
        try
        {
            SavedWeightsRecord.Write(first, stream => model.save(stream), new JsonObject { ["command"] = "train --save-weights first.weights.bin" }, CancellationToken.None);
            JsonObject firstRecord = SavedWeightsRecord.Read(first);
            Assert.That(firstRecord["weightsSha256"]!.GetValue<string>(), Is.EqualTo(JudgeModelWriter.Sha256(File.ReadAllBytes(first))));
            Assert.That(firstRecord["command"]!.GetValue<string>(), Is.EqualTo("train --save-weights first.weights.bin"));
            using (var loaded = new CrossEncoder(graph.Shape with { Layers = 1 }, 3, dropout: 0))
            {
                loaded.load(first); // hashing on the way out leaves the weights as TorchSharp wrote them
                Assert.That(JudgeGraphWriter.Write(graph, loaded.ExportWeights(), 1, JudgeQuantization.None),
                    Is.EqualTo(JudgeGraphWriter.Write(graph, model.ExportWeights(), 1, JudgeQuantization.None)));
            }

            // A run that went on from the first weights carries their record, so the chain of commands is kept.
            SavedWeightsRecord.Write(second, stream => other.save(stream), new JsonObject { ["command"] = "train --start-from first.weights.bin", ["startedFrom"] = firstRecord.DeepClone() }, CancellationToken.None);
            JsonObject secondRecord = SavedWeightsRecord.Read(second);
            Assert.That(secondRecord["weightsSha256"]!.GetValue<string>(), Is.Not.EqualTo(firstRecord["weightsSha256"]!.GetValue<string>()));
            Assert.That(secondRecord["startedFrom"]!["command"]!.GetValue<string>(), Is.EqualTo("train --save-weights first.weights.bin"));
            Assert.That(Directory.GetFiles(folder).Select(Path.GetFileName), Is.EquivalentTo(new[] { "first.weights.bin", "first.weights.bin.json", "second.weights.bin", "second.weights.bin.json" }), "no temporary file left");

            // Weights replaced after their record was written: only their hash is vouched for.
            CommandRunner.WriteAtomically(first, stream => other.save(stream));
            JsonObject replaced = SavedWeightsRecord.Read(first);
            Assert.That(replaced["command"], Is.Null);
            Assert.That(replaced["weightsSha256"]!.GetValue<string>(), Is.EqualTo(secondRecord["weightsSha256"]!.GetValue<string>()));
            Assert.That(replaced["note"]!.GetValue<string>(), Does.Contain("first.weights.bin.json"));

            // A record whose hash is not even a string names no weights either.
            File.WriteAllText(SavedWeightsRecord.PathFor(first), """{ "weightsSha256": 42, "command": "edited by hand" }""");
            Assert.That(SavedWeightsRecord.Read(first)["command"], Is.Null);

            // Weights with no record (saved before records were kept): their hash alone.
            File.Delete(SavedWeightsRecord.PathFor(second));
            Assert.That(SavedWeightsRecord.Read(second).Select(p => p.Key), Is.EqualTo(new[] { "weightsSha256" }));

            // A record that is not one is a model error naming it.
            File.WriteAllText(SavedWeightsRecord.PathFor(second), "{ not json");
            var broken = Assert.Throws<ClaimMlModelException>(() => SavedWeightsRecord.Read(second));
            Assert.That(broken!.Message, Does.Contain(SavedWeightsRecord.PathFor(second)));

            // A save that fails writes neither file and leaves the old pair as it was.
            byte[] before = File.ReadAllBytes(second);
            Assert.Throws<IOException>(() => SavedWeightsRecord.Write(second, _ => throw new IOException("disk full"), new JsonObject(), CancellationToken.None));
            Assert.That(File.ReadAllBytes(second), Is.EqualTo(before));
            Assert.That(File.ReadAllText(SavedWeightsRecord.PathFor(second)), Is.EqualTo("{ not json"));
            Assert.That(Directory.GetFiles(folder, "*.tmp"), Is.Empty);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestCase(null, "int7", "int7")]
    [TestCase(null, "int8", "int8")]
    [TestCase(null, null, "none")]
    [TestCase("none", "int7", "none")]
    [TestCase("int8", "int7", "int8")]
    public void ExportStoresTheWeightsAsTheLikeJudgeUnlessTold(string? asked, string? likeStorage, string expected)
    {
        var manifest = new JsonObject { ["layers"] = 6 };
        if (likeStorage is not null)
        {
            manifest["quantization"] = likeStorage;
        }
        Assert.That(JudgeQuantizations.Name(ExportJudgeCommand.Storage(asked, manifest)), Is.EqualTo(expected));
    }

    [Test]
    public void AVariantKeepsTheLikeJudgesSettingsButNotWhatDescribedItsOwnWeights()
    {
        var like = new JsonObject
        {
            ["format"] = 1, ["layers"] = 6, ["quantization"] = "int7", ["seed"] = 3,
            ["verdict"] = new JsonObject { ["entails"] = 0.35 },
            ["calibratedRounding"] = new JsonObject { ["pairs"] = 256 },
            ["averagedWeights"] = new JsonArray("a.bin", "b.bin"),
            ["ensemble"] = new JsonArray(new JsonObject { ["file"] = "a.zip" }),
        };
        var extra = new JsonObject { ["ensemble"] = new JsonArray(new JsonObject { ["file"] = "new.zip" }) };
        ExportJudgeCommand.CopyFacts(like, extra);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(extra["verdict"]!["entails"]!.GetValue<double>(), Is.EqualTo(0.35));
            Assert.That(extra["seed"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(extra.ContainsKey("calibratedRounding") || extra.ContainsKey("averagedWeights") || extra.ContainsKey("layers") || extra.ContainsKey("format"), Is.False);
            Assert.That(extra["ensemble"]![0]!["file"]!.GetValue<string>(), Is.EqualTo("new.zip"), "the variant's own record, not the --like judge's");
        }
    }

    [Test]
    public void ExportAveragesTheWeightsOfSeveralJudgesParameterByParameter()
    {
        var (_, graph) = Pretrained.Value;
        EncoderShape shape = graph.Shape with { Layers = 1 };
        string folder = Path.Combine(Path.GetTempPath(), "claimml-soup-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var first = new CrossEncoder(shape, 3, dropout: 0);
            first.LoadEncoderWeights(graph);
            using var second = new CrossEncoder(shape, 3, dropout: 0);
            using (TorchSharp.torch.no_grad())
            {
                foreach (var (_, tensor) in second.state_dict())
                {
                    if (tensor.is_floating_point())
                    {
                        tensor.copy_(TorchSharp.torch.randn_like(tensor)); // unlike the first everywhere
                    }
                }
            }
            FileInfo a = new(Path.Combine(folder, "a", "judge.weights.bin")), b = new(Path.Combine(folder, "b", "judge.weights.bin"));
            CommandRunner.WriteAtomically(a.FullName, stream => first.save(stream));
            CommandRunner.WriteAtomically(b.FullName, stream => second.save(stream));

            // the second judge also as a judge model file (32-bit graph), whose weights export reads back from the graph
            FileInfo c = new(Path.Combine(folder, "c", "judge.zip"));
            byte[] packed = Packed(JudgeGraphWriter.Write(graph, second.ExportWeights(), 1, JudgeQuantization.None), 1, JudgeQuantization.None);
            CommandRunner.WriteAtomically(c.FullName, stream => stream.Write(packed));

            using var averaged = new CrossEncoder(shape, 3, dropout: 0);
            averaged.load(a.FullName);
            ExportJudgeCommand.Average(averaged, shape, graph, [a, b]);
            using var withModelFile = new CrossEncoder(shape, 3, dropout: 0);
            JudgeFineTuner.LoadSaved(withModelFile, a.FullName, graph, "--weights");
            ExportJudgeCommand.Average(withModelFile, shape, graph, [a, c]);
            using var same = new CrossEncoder(shape, 3, dropout: 0);
            same.load(a.FullName);
            ExportJudgeCommand.Average(same, shape, graph, [a, a]);

            Dictionary<string, TorchSharp.torch.Tensor> x = first.state_dict(), y = second.state_dict(), mean = averaged.state_dict(), meanWithModelFile = withModelFile.state_dict();
            using (Assert.EnterMultipleScope())
            {
                foreach (var (name, tensor) in mean.Where(t => t.Value.is_floating_point()))
                {
                    float[] expected = [.. ((x[name] + y[name]) / 2).data<float>()];
                    Assert.That(tensor.data<float>().ToArray(), Is.EqualTo(expected).Within(1e-5f), name);
                }
                foreach (string name in first.ExportWeights().Keys)
                {
                    float[] expected = [.. ((x[name] + y[name]) / 2).data<float>()];
                    Assert.That(meanWithModelFile[name].data<float>().ToArray(), Is.EqualTo(expected).Within(1e-4f), name + ", one judge read from its model file");
                }
                Assert.That(JudgeGraphWriter.Write(graph, same.ExportWeights(), 1, JudgeQuantization.None),
                    Is.EqualTo(JudgeGraphWriter.Write(graph, first.ExportWeights(), 1, JudgeQuantization.None)), "the mean of a judge with itself is that judge");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void AJudgeOfOtherLayersIsRefusedNamingWhereTheLayersCameFrom()
    {
        var (_, graph) = Pretrained.Value;
        using var oneLayer = new CrossEncoder(graph.Shape with { Layers = 1 }, 3, dropout: 0);
        oneLayer.LoadEncoderWeights(graph);
        string path = Path.Combine(Path.GetTempPath(), "claimml-layers-" + Guid.NewGuid().ToString("N") + ".zip");
        try
        {
            File.WriteAllBytes(path, Packed(JudgeGraphWriter.Write(graph, oneLayer.ExportWeights(), 1, JudgeQuantization.None), 1, JudgeQuantization.None));
            using var twoLayers = new CrossEncoder(graph.Shape with { Layers = 2 }, 3, dropout: 0);
            Assert.That(() => JudgeFineTuner.LoadSaved(twoLayers, path, graph),
                Throws.TypeOf<ClaimMlModelException>().With.Message.Contains("--start-from").And.Message.Contains("a judge of 1 layers; 2 are expected (--layers)"));
            Assert.That(() => JudgeFineTuner.LoadSaved(twoLayers, path, graph, "--weights", ExportJudgeCommand.LayersFrom),
                Throws.TypeOf<ClaimMlModelException>().With.Message.Contains("--weights").And.Message.Contains("2 are expected (the --like judge's layers)"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    // 32-bit members: the mean to float rounding. A 7-bit member: ONNX Runtime optimises the joined graph otherwise than
    // the member's own (its inputs are quantized per call), so the mean holds to a few thousandths.
    [TestCase("none", 1e-5f)]
    [TestCase("int7", 0.01f)]
    public void AnEnsembleGraphGivesTheMeanOfItsJudgesProbabilities(string secondStorageName, float tolerance)
    {
        JudgeQuantization secondStorage = JudgeQuantizations.Parse(secondStorageName);
        var (_, graph) = Pretrained.Value;
        EncoderShape shape = graph.Shape with { Layers = 1 };
        using var first = new CrossEncoder(shape, 3, dropout: 0);
        first.LoadEncoderWeights(graph);
        using var second = new CrossEncoder(shape, 3, dropout: 0);
        second.LoadEncoderWeights(graph);
        using (TorchSharp.torch.no_grad())
        {
            TorchSharp.torch.random.manual_seed(7);
            foreach (var (name, tensor) in second.state_dict())
            {
                if (name.StartsWith("classifier", StringComparison.Ordinal))
                {
                    tensor.copy_(TorchSharp.torch.randn_like(tensor)); // another head: the two judges disagree
                }
            }
        }
        byte[] a = JudgeGraphWriter.Write(graph, first.ExportWeights(), 1, JudgeQuantization.None);
        byte[] b = JudgeGraphWriter.Write(graph, second.ExportWeights(), 1, secondStorage); // members may store weights differently
        EntailmentProbabilities[] Read(byte[] graphBytes, JudgeQuantization storage)
        {
            using var zip = new MemoryStream(Packed(graphBytes, 1, storage));
            using EntailmentJudge judge = JudgeModelFile.Load(zip, "test judge");
            return [.. judge.Judge(Pairs.Select(p => (p.Claim, p.Passage)).ToList()).Select(j => j.Probabilities)];
        }
        EntailmentProbabilities[] x = Read(a, JudgeQuantization.None), y = Read(b, secondStorage);
        byte[] joined = JudgeGraphEnsemble.Join([a, b]);
        EntailmentProbabilities[] mean = Read(joined, JudgeQuantization.None);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(x.Zip(y).Max(p => Math.Abs(p.First.Entails - p.Second.Entails)), Is.GreaterThan(0.05f), "the two judges differ");
            for (int i = 0; i < mean.Length; i++)
            {
                Assert.That(new[] { mean[i].Entails, mean[i].Contradicts, mean[i].Neither },
                    Is.EqualTo(new[] { (x[i].Entails + y[i].Entails) / 2, (x[i].Contradicts + y[i].Contradicts) / 2, (x[i].Neither + y[i].Neither) / 2 }).Within(tolerance), $"pair {i}");
            }
            Assert.That(() => JudgeGraphEnsemble.Join([a]), Throws.ArgumentException);
            Assert.That(() => JudgeGraphReader.Weights(graph, joined, 1), Throws.TypeOf<InvalidDataException>().With.Message.Contains("export --ensemble"), "an ensemble is not a judge to train further");
            ModelProto noLogits = ModelProto.Parser.ParseFrom(b);
            noLogits.Graph.Output[0].Name = "scores";
            Assert.That(() => JudgeGraphEnsemble.Join([a, noLogits.ToByteArray()]), Throws.TypeOf<InvalidDataException>().With.Message.Contains("member 2").And.Message.Contains("logits"));
        }
    }

    [TestCase(6, true)]
    [TestCase(2, true)]
    [TestCase(6, false)]
    public void AnEncoderExportedWithoutItsPoolerGetsAFreshOneAndItsGraphGivesTheLogits(int layers, bool stripPooler)
    {
        var (encoder, graph) = Pretrained.Value;
        // The pretrained graph as an embeddings export leaves it: no pooler nodes, weights or output.
        ModelProto stripped = graph.Model.Clone();
        GraphProto g = stripped.Graph;
        NodeProto gemm = g.Node.Single(n => n.OpType == "Gemm" && n.Input.Contains(EncoderGraph.PoolerWeight));
        NodeProto gather = g.Node.Single(n => n.Output.Contains(gemm.Input[0]));
        NodeProto tanh = g.Node.Single(n => n.OpType == "Tanh" && n.Input[0] == gemm.Output[0]);
        foreach (NodeProto node in new[] { gather, gemm, tanh })
        {
            g.Node.Remove(node);
        }
        foreach (TensorProto t in g.Initializer.Where(t => t.Name.StartsWith("pooler.", StringComparison.Ordinal) || gather.Input.Contains(t.Name)).ToList())
        {
            g.Initializer.Remove(t);
        }
        foreach (ValueInfoProto output in g.Output.Where(o => o.Name == tanh.Output[0]).ToList())
        {
            g.Output.Remove(output);
        }
        EncoderGraph noPooler = stripPooler ? EncoderGraph.Read(stripped.ToByteArray()) : graph; // false: the graph's own pooler, as every shipped judge
        Assert.That((graph.HasPooler, noPooler.HasPooler), Is.EqualTo((true, !stripPooler)));

        EncoderShape shape = graph.Shape with { Layers = layers };
        using var full = new CrossEncoder(shape, 3, dropout: 0);
        full.LoadEncoderWeights(graph);
        manual_seed(3);
        using var model = new CrossEncoder(shape, 3, dropout: 0);
        model.LoadEncoderWeights(noPooler);
        Dictionary<string, TorchSharp.torch.Tensor> pretrained = full.state_dict(), loaded = model.state_dict();
        using (Assert.EnterMultipleScope())
        {
            foreach (var (name, tensor) in loaded.Where(t => !t.Key.StartsWith("classifier.", StringComparison.Ordinal)))
            {
                bool same = (tensor - pretrained[name]).abs().max().item<float>() == 0;
                Assert.That(same, Is.EqualTo(!stripPooler || !name.StartsWith("pooler.", StringComparison.Ordinal)), $"{name}: the encoder's weights are read, a missing pooler starts fresh");
            }
        }

        // Written back, the graph holds a pooler again (with the model's weights) and gives the model's probabilities.
        model.eval();
        EncodedPair[] pairs = Encoded(encoder);
        float[][] expected = JudgeFineTuner.Predict(model, pairs);
        byte[] onnx = JudgeGraphWriter.Write(noPooler, model.ExportWeights(), layers, JudgeQuantization.None);
        AssertTheJudgeGives(onnx, layers, JudgeQuantization.None, expected, 1e-4f);
    }

    [Test]
    public void CuttingLayersKeepsOnlyWhatTheLogitsNeed()
    {
        var (_, graph) = Pretrained.Value;
        using var model = new CrossEncoder(graph.Shape with { Layers = 2 }, 3, dropout: 0);
        model.LoadEncoderWeights(graph);
        var weights = model.ExportWeights();
        var full = Onnx.ModelProto.Parser.ParseFrom(JudgeGraphWriter.Write(graph, Pad(weights, graph), 6, JudgeQuantization.None));
        var cut = Onnx.ModelProto.Parser.ParseFrom(JudgeGraphWriter.Write(graph, weights, 2, JudgeQuantization.None));
        Assert.That(cut.Graph.Output.Select(o => o.Name), Is.EqualTo(new[] { JudgeGraphWriter.LogitsOutput }));
        Assert.That(cut.Graph.Initializer.Any(t => t.Name.StartsWith("encoder.layer.2.", StringComparison.Ordinal)), Is.False);
        Assert.That(cut.Graph.Node.Count, Is.LessThan(full.Graph.Node.Count / 2));
        foreach (JudgeQuantization quantization in new[] { JudgeQuantization.Int8, JudgeQuantization.Int7 })
        {
            var quantized = Onnx.ModelProto.Parser.ParseFrom(JudgeGraphWriter.Write(graph, weights, 2, quantization));
            NodeProto[] matMuls = [.. quantized.Graph.Node.Where(n => n.OpType == "DynamicQuantizeMatMul")];
            Assert.That(matMuls, Has.Length.EqualTo(12), $"{quantization}: six matrices per layer");
            Assert.That(quantized.Graph.Node.Any(n => n.OpType == "MatMul" && n.Input[1].Length > 0 && quantized.Graph.Initializer.Any(t => t.Name == n.Input[1])), Is.False, $"{quantization}: no float matrix left");
            var types = matMuls.Select(n => quantized.Graph.Initializer.Single(t => t.Name == n.Input[1]).DataType).Distinct().ToArray();
            var expected = quantization == JudgeQuantization.Int7 ? TensorProto.Types.DataType.Int8 : TensorProto.Types.DataType.Uint8;
            Assert.That(types, Is.EqualTo(new[] { (int)expected }), $"{quantization}: the matrices' storage");
            Assert.That(matMuls.Select(n => n.Input.Count).Distinct(), Is.EqualTo(new[] { quantization == JudgeQuantization.Int7 ? 3 : 4 }), $"{quantization}: zero points only for unsigned weights");
        }
    }

    [Test]
    public void SignedWeightsStayWithinSevenBitsAndCloseToTheFloats()
    {
        var random = new Random(3);
        const int rows = 40, columns = 7;
        float[] matrix = [.. Enumerable.Range(0, rows * columns).Select(_ => (float)((random.NextDouble() - 0.5) * 0.2))];
        matrix[(3 * columns) + 2] = -1.5f; // one large value sets its column's scale alone
        for (int r = 0; r < rows; r++)
        {
            matrix[(r * columns) + 6] = 0; // an all-zero column
        }
        var (values, scales) = JudgeGraphWriter.QuantizeColumnsSymmetric(matrix, rows, columns, JudgeGraphWriter.SignedLevels);
        Assert.That(values.Select(v => (int)(sbyte)v), Is.All.InRange(-JudgeGraphWriter.SignedLevels, JudgeGraphWriter.SignedLevels));
        Assert.That((sbyte)values[(3 * columns) + 2], Is.EqualTo(-JudgeGraphWriter.SignedLevels), "a column's largest magnitude takes the end of the range");
        Assert.That(scales[2], Is.EqualTo(1.5f / JudgeGraphWriter.SignedLevels).Within(1e-7f));
        Assert.That(scales[6], Is.EqualTo(1f), "an all-zero column gets a unit scale, not a division by zero");
        for (int i = 0; i < matrix.Length; i++)
        {
            float restored = scales[i % columns] * (sbyte)values[i];
            Assert.That(restored, Is.EqualTo(matrix[i]).Within((scales[i % columns] / 2) + 1e-7f), $"cell {i}");
        }
    }

    [Test]
    public void CalibratedRoundingIsNearestRoundingWhenTheInputsAreUncorrelated()
    {
        var random = new Random(5);
        const int rows = 24, columns = 6;
        float[] matrix = [.. Enumerable.Range(0, rows * columns).Select(_ => (float)((random.NextDouble() - 0.5) * 0.2))];
        var moments = new double[rows * rows];
        for (int i = 0; i < rows; i++)
        {
            moments[(i * rows) + i] = 50; // independent inputs of one variance: no error is worth passing on
        }
        var (nearest, scales) = JudgeGraphWriter.QuantizeColumnsSymmetric(matrix, rows, columns, JudgeGraphWriter.SignedLevels);
        var (calibrated, calibratedScales) = CalibratedRounding.Round(matrix, rows, columns, JudgeGraphWriter.SignedLevels, moments);
        Assert.That(calibrated, Is.EqualTo(nearest));
        Assert.That(calibratedScales, Is.EqualTo(scales), "the same scale per column");
    }

    [Test]
    public void CalibratedRoundingChangesTheOutputsLessThanNearestRoundingOnCorrelatedInputs()
    {
        var random = new Random(8);
        const int rows = 32, columns = 8, samples = 400;
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        // Inputs driven by four shared factors (as a layer's inputs are), weights of a trained layer's size.
        double[] mixing = [.. Enumerable.Range(0, 4 * rows).Select(_ => Normal())];
        var inputs = new double[samples * rows];
        for (int n = 0; n < samples; n++)
        {
            double[] factors = [Normal(), Normal(), Normal(), Normal()];
            for (int i = 0; i < rows; i++)
            {
                inputs[(n * rows) + i] = (0.2 * Normal()) + Enumerable.Range(0, 4).Sum(f => factors[f] * mixing[(f * rows) + i]);
            }
        }
        var moments = new double[rows * rows];
        for (int n = 0; n < samples; n++)
        {
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < rows; j++)
                {
                    moments[(i * rows) + j] += inputs[(n * rows) + i] * inputs[(n * rows) + j];
                }
            }
        }
        float[] matrix = [.. Enumerable.Range(0, rows * columns).Select(_ => (float)(Normal() * 0.05))];
        var (nearest, scales) = JudgeGraphWriter.QuantizeColumnsSymmetric(matrix, rows, columns, JudgeGraphWriter.SignedLevels);
        var (calibrated, calibratedScales) = CalibratedRounding.Round(matrix, rows, columns, JudgeGraphWriter.SignedLevels, moments);
        Assert.That(calibratedScales, Is.EqualTo(scales), "the same scale per column");
        Assert.That(calibrated.Select(v => (int)(sbyte)v), Is.All.InRange(-JudgeGraphWriter.SignedLevels, JudgeGraphWriter.SignedLevels));
        double OutputError(byte[] levels)
        {
            double sum = 0;
            for (int n = 0; n < samples; n++)
            {
                for (int c = 0; c < columns; c++)
                {
                    double change = 0;
                    for (int i = 0; i < rows; i++)
                    {
                        change += inputs[(n * rows) + i] * (matrix[(i * columns) + c] - (scales[c] * (sbyte)levels[(i * columns) + c]));
                    }
                    sum += change * change;
                }
            }
            return sum;
        }
        double plain = OutputError(nearest), fed = OutputError(calibrated);
        Assert.That(fed, Is.LessThan(plain * 0.7), $"output error: error feedback {fed:0.000e0}, nearest {plain:0.000e0}");
        Assert.That(calibrated, Is.Not.EqualTo(nearest));
    }

    [Test]
    public void InputStatisticsSumWhatEachMatrixOfTheLayersMultiplies()
    {
        var (encoder, graph) = Pretrained.Value;
        using var model = new CrossEncoder(graph.Shape with { Layers = 1 }, 3, dropout: 0);
        model.LoadEncoderWeights(graph);
        EncodedPair[] pairs = Encoded(encoder);
        Dictionary<string, double[]> moments = InputStatistics.Collect(model, pairs);
        Assert.That(model.InputObserver, Is.Null, "the observer is removed afterwards");
        Assert.That(moments.Keys.Order(), Is.EqualTo(new[]
        {
            "encoder.layer.0.attention.output.dense.weight", "encoder.layer.0.attention.self.key.weight", "encoder.layer.0.attention.self.query.weight",
            "encoder.layer.0.attention.self.value.weight", "encoder.layer.0.intermediate.dense.weight", "encoder.layer.0.output.dense.weight",
        }));
        Assert.That(moments["encoder.layer.0.attention.self.key.weight"], Is.SameAs(moments["encoder.layer.0.attention.self.query.weight"]), "query, key and value read one input");
        Assert.That(moments["encoder.layer.0.output.dense.weight"], Has.Length.EqualTo(1536 * 1536));
        double[] h = moments["encoder.layer.0.intermediate.dense.weight"];
        Assert.That(h, Has.Length.EqualTo(384 * 384));
        // The intermediate map reads the attention block's layer-normed output: per token, its 384 values have mean
        // ≈ bias mean and a spread set by the norm, so the trace is about tokens × 384 × E[x²]; every token counts once.
        int tokens = pairs.Sum(p => p.Input.Length);
        double trace = Enumerable.Range(0, 384).Sum(i => h[(i * 384) + i]);
        Assert.That(trace / tokens, Is.GreaterThan(1).And.LessThan(384 * 100), "per-token squared norm of a layer-normed state");
        Assert.That(Enumerable.Range(0, 384).All(i => Enumerable.Range(0, 384).All(j => Math.Abs(h[(i * 384) + j] - h[(j * 384) + i]) <= 1e-6 * (1 + Math.Abs(h[(i * 384) + j])))), Is.True, "symmetric");
    }

    [Test]
    public void CalibratedRoundingChangesOnlyTheLevelsOfTheMatricesItHasInputsFor()
    {
        var (encoder, graph) = Pretrained.Value;
        using var model = new CrossEncoder(graph.Shape with { Layers = 1 }, 3, dropout: 0);
        model.LoadEncoderWeights(graph);
        var weights = model.ExportWeights();
        Dictionary<string, double[]> moments = InputStatistics.Collect(model, Encoded(encoder));
        moments.Remove("encoder.layer.0.output.dense.weight");
        var plain = QuantizedLevels(JudgeGraphWriter.Write(graph, weights, 1, JudgeQuantization.Int7));
        var calibrated = QuantizedLevels(JudgeGraphWriter.Write(graph, weights, 1, JudgeQuantization.Int7, moments));
        Assert.That(calibrated.Keys, Is.EquivalentTo(plain.Keys));
        string output = graph.Weights["encoder.layer.0.output.dense.weight"].Initializer + JudgeGraphWriter.QuantizedSuffix;
        string query = graph.Weights["encoder.layer.0.attention.self.query.weight"].Initializer + JudgeGraphWriter.QuantizedSuffix;
        Assert.That(calibrated[output], Is.EqualTo(plain[output]), "no inputs: nearest rounding");
        Assert.That(calibrated[query], Is.Not.EqualTo(plain[query]));
        Assert.That(() => JudgeGraphWriter.Write(graph, weights, 1, JudgeQuantization.Int8, moments), Throws.ArgumentException);
    }

    [Test]
    public void TuningRebuildsThePairsTheJudgeWasTrainedOn()
    {
        string root = NliSetLoaderTests.Data;
        string[] sets = ["fever-nli", "fnc-1"];
        JudgePairOptions trained = TrainJudgeCommand.PairOptions(root, sets, seed: 5, recorded: null) with
        {
            FncMaxNeitherShare = 0.3, ConjunctionEvery = 3, OtherFactEvery = 2, FramedEvery = 5, FramedOtherEvery = 7, ArticleSentences = 4, RestateArticleSentences = true, EditedAgainstOtherSentences = true, ParaphraseEvery = 3,
            FigureEvery = 2, Written = ["data/judge-pairs"], WrittenRepeat = 3, WrittenJoinedEvery = 2, WrittenEditEvery = 4, WrittenFramedEvery = 3, WrittenDetailEditEvery = 2, CloseFigureEvery = 3,
        };
        JsonObject recorded = TrainJudgeCommand.Recorded(trained, sets);
        JudgePairOptions read = TrainJudgeCommand.PairOptions(root, recorded["trainedOn"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray(), recorded["seed"]!.GetValue<int>(), recorded);
        Assert.That(read, Is.EqualTo(trained), "every pair option the trainer records is read back");
        Assert.That(read.Sick, Is.Null, "sets not trained on stay out");
        JudgePairOptions old = TrainJudgeCommand.PairOptions(root, sets, seed: 5, new JsonObject { ["articleSentences"] = 2 });
        Assert.That((old.RestateArticleSentences, old.EditedAgainstOtherSentences, old.OtherFactEvery, old.FramedEvery, old.FramedOtherEvery, old.ArticleSentences, old.Written, old.WrittenRepeat, old.WrittenJoinedEvery, old.WrittenEditEvery, old.WrittenFramedEvery, old.WrittenDetailEditEvery, old.CloseFigureEvery), Is.EqualTo((false, false, 0, 0, 0, 2, (IReadOnlyList<string>?)null, 1, 0, 0, 0, 0, 0)), "a manifest written before a fact was recorded reads as its default");
    }

    [Test]
    public void ChangedWrittenPairsAreNamedInsteadOfRebuildingAnotherDevSplit()
    {
        using var temp = new TempDirectory();
        string written = temp.WriteText("pairs/a.jsonl", "{\"passage\": \"The Orvik dam reopened on Monday.\", \"claim\": \"The dam reopened.\", \"label\": \"entails\"}\n");
        string folder = Path.GetDirectoryName(written)!;
        JudgePairOptions trained = TrainJudgeCommand.PairOptions(NliSetLoaderTests.Data, ["fever-nli"], seed: 1, recorded: null) with { Written = [folder] };
        string sha = WrittenPairs.Read(folder).Sha256;
        JsonObject recorded = TrainJudgeCommand.Recorded(trained, ["fever-nli"], sha);
        Assert.That(TrainJudgeCommand.RecordedPairOptions(NliSetLoaderTests.Data, recorded), Is.EqualTo(trained), "the options are read back");
        Assert.That(TrainJudgeCommand.RebuildPairs(NliSetLoaderTests.Data, recorded).WrittenSha256, Is.EqualTo(sha), "the same files rebuild");
        temp.WriteText("pairs/b.jsonl", "{\"passage\": \"The Orvik dam reopened on Monday.\", \"claim\": \"The dam stayed shut.\", \"label\": \"contradicts\"}\n");
        Assert.That(WrittenPairs.Read(folder).Sha256, Is.Not.EqualTo(sha), "a file added changes the hash");
        Assert.That(() => TrainJudgeCommand.RebuildPairs(NliSetLoaderTests.Data, recorded),
            Throws.ArgumentException.With.Message.Contains(sha).And.Message.Contains(folder));
        recorded.Remove("writtenPairsSha256");
        Assert.That(TrainJudgeCommand.RebuildPairs(NliSetLoaderTests.Data, recorded).Train.Select(p => p.Passage), Does.Contain("The Orvik dam reopened on Monday."),
            "a judge recorded before the hash was kept rebuilds as before");
    }

    [Test]
    public void TheShippedJudgesRecordOfItsWrittenPairFoldersStillRebuildsThemFromTheRepository()
    {
        string judgePath = Path.Combine(RepoPaths.Root, "models", "judge.zip");
        JsonObject recorded;
        using (ZipArchive zip = ZipFile.OpenRead(judgePath))
        using (Stream manifest = zip.GetEntry("judge.json")!.Open())
        {
            recorded = JsonNode.Parse(manifest)!.AsObject();
        }
        JsonObject metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "models", "judge.metrics.json")))!.AsObject();
        System.Text.Json.JsonValueKind givenKind = recorded["writtenPairs"]!.GetValueKind();
        string[] given = TrainJudgeCommand.RecordedWrittenPaths(recorded)!;
        Assert.That(given, Is.Not.Empty);
        Assert.That(given, Has.All.StartsWith("data/"), "folders of the repository, by relative path");
        // Its relative paths are read from the repository, as tune and compare read them from the folder the judge was trained in.
        string[] paths = [.. given.Select(g => Path.Combine(RepoPaths.Root, g))];
        recorded["writtenPairs"] = TrainJudgeCommand.WrittenPathsRecord(paths);
        JudgePairOptions options = TrainJudgeCommand.PairOptions(NliSetLoaderTests.Data, [], recorded["seed"]!.GetValue<int>(), recorded);
        JudgePairSet rebuilt = TrainJudgeCommand.RequireSameWrittenPairs(JudgePairs.Build(options), recorded);
        JsonNode counts = metrics["pairs"]!["counts (entails, contradicts, neither)"]!;
        static string Counts(JudgeOriginCounts o) => $"[{o.Train.Entails},{o.Train.Contradicts},{o.Train.Neither}] [{o.Dev.Entails},{o.Dev.Contradicts},{o.Dev.Neither}]";
        static string Recorded(JsonNode origin) => $"{origin["train"]!.ToJsonString()} {origin["dev"]!.ToJsonString()}";
        using (Assert.EnterMultipleScope())
        {
            Assert.That(options.Written, Is.EqualTo(paths));
            Assert.That(rebuilt.WrittenSha256, Is.EqualTo(recorded["writtenPairsSha256"]!.GetValue<string>()), "the folders hash as they did when the judge was trained");
            foreach (string origin in new[] { JudgeOrigins.Written, JudgeJoinedPassages.Origin })
            {
                Assert.That(Counts(rebuilt.Summary.Origins.Single(o => o.Origin == origin)), Is.EqualTo(Recorded(counts[origin]!)), $"the {origin} pairs on each side, as the judge's metrics record them");
            }
            JsonNode again = TrainJudgeCommand.Recorded(options, [], rebuilt.WrittenSha256)["writtenPairs"]!;
            Assert.That(again.ToJsonString(), Is.EqualTo(recorded["writtenPairs"]!.ToJsonString()), "recorded again as it was read: one path as a string, several as an array");
            Assert.That(again.GetValueKind(), Is.EqualTo(givenKind), "the same form as the shipped manifest's");
            Assert.That(givenKind, Is.EqualTo(given.Length == 1 ? System.Text.Json.JsonValueKind.String : System.Text.Json.JsonValueKind.Array), "one path as a string, several as an array");
        }
    }

    [Test]
    public void SeveralWrittenFoldersAreRecordedAsAListThatRebuildsTheirPairs()
    {
        using var temp = new TempDirectory();
        string first = Path.GetDirectoryName(temp.WriteText("pairs/a.jsonl", "{\"passage\": \"The Orvik dam reopened on Monday.\", \"claim\": \"The dam reopened.\", \"label\": \"entails\"}\n"))!;
        string second = Path.GetDirectoryName(temp.WriteText("batch3/a.jsonl", "{\"passage\": \"The Tarn ferry was cancelled.\", \"claim\": \"The ferry ran.\", \"label\": \"contradicts\"}\n"))!;
        JudgePairOptions trained = TrainJudgeCommand.PairOptions(NliSetLoaderTests.Data, ["fever-nli"], seed: 1, recorded: null) with { Written = [first, second] };
        string sha = WrittenPairs.Read([first, second]).Sha256;
        // As tune and compare read it: from the judge's manifest, written and parsed again.
        JsonObject recorded = JsonNode.Parse(TrainJudgeCommand.Recorded(trained, ["fever-nli"], sha).ToJsonString())!.AsObject();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(recorded["writtenPairs"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { first, second }), "several paths are recorded as an array, in order");
            Assert.That(TrainJudgeCommand.RecordedPairOptions(NliSetLoaderTests.Data, recorded), Is.EqualTo(trained), "the options are read back, equal to those trained with");
            Assert.That(trained with { Written = [first, second] }, Is.EqualTo(trained), "the same paths make equal options (compare builds the pairs once)");
            Assert.That(trained with { Written = [second, first] }, Is.Not.EqualTo(trained));
            Assert.That(trained with { Written = [first] }, Is.Not.EqualTo(trained));
        }
        JudgePairSet rebuilt = TrainJudgeCommand.RebuildPairs(NliSetLoaderTests.Data, recorded);
        Assert.That(rebuilt.WrittenSha256, Is.EqualTo(sha), "the same files rebuild");
        Assert.That(rebuilt.Train.Concat(rebuilt.Dev).Where(p => p.Origin == JudgeOrigins.Written).Select(p => p.Passage),
            Is.EquivalentTo(new[] { "The Orvik dam reopened on Monday.", "The Tarn ferry was cancelled." }), "both folders' pairs");
        temp.WriteText("batch3/b.jsonl", "{\"passage\": \"The Tarn ferry was cancelled.\", \"claim\": \"The ferry did not sail.\", \"label\": \"entails\"}\n");
        Assert.That(() => TrainJudgeCommand.RebuildPairs(NliSetLoaderTests.Data, recorded),
            Throws.ArgumentException.With.Message.Contains(sha).And.Message.Contains($"'{first}', '{second}'"), "a file added to the second folder is named as a change");
    }

    [Test]
    public void TuningRewritesOnlyTheVerdictSettings()
    {
        var (encoder, graph) = Pretrained.Value;
        using var model = new CrossEncoder(graph.Shape with { Layers = 1 }, 3, dropout: 0);
        model.LoadEncoderWeights(graph);
        byte[] onnx = JudgeGraphWriter.Write(graph, model.ExportWeights(), 1, JudgeQuantization.None);
        var manifest = JudgeModelWriter.Manifest(onnx, encoder.Vocabulary, 64, 24, 1, "none", encoder.Name, new JsonObject { ["seed"] = 7 });
        using var zip = new MemoryStream();
        JudgeModelWriter.Write(zip, manifest, onnx, encoder.Vocabulary);
        var settings = new JudgeVerdictSettings { Entails = 0.6f, Contradicts = 0.35f, RelatedGate = 0.8f };
        byte[] tuned = TuneVerdictCommand.WithVerdict(zip.ToArray(), settings.ToJson());
        using EntailmentJudge judge = JudgeModelFile.Load(new MemoryStream(tuned), "tuned");
        Assert.That(JudgeVerdictSettings.From(judge.Manifest.Verdict, "tuned"), Is.EqualTo(settings));
        Assert.That(judge.Manifest.Extra?["seed"]?.GetValue<int>(), Is.EqualTo(7));
        using var archive = new ZipArchive(new MemoryStream(tuned));
        using var entry = new MemoryStream();
        archive.GetEntry(JudgeModelWriter.GraphEntry)!.Open().CopyTo(entry);
        Assert.That(entry.ToArray(), Is.EqualTo(onnx));
    }

    private static Dictionary<string, (float[] Values, long[] Shape)> Pad(Dictionary<string, (float[] Values, long[] Shape)> weights, EncoderGraph graph)
    {
        var all = new Dictionary<string, (float[], long[])>(weights);
        foreach (EncoderWeight w in graph.Weights.Values)
        {
            all.TryAdd(w.Name, (graph.Values(w), w.Shape));
        }
        return all;
    }

    private static (long[] Ids, long[] Mask, long[] Types, long[] Shape) Batch(EncodedPair[] pairs)
    {
        int longest = pairs.Max(p => p.Input.Length);
        var ids = new long[pairs.Length * longest];
        var mask = new long[pairs.Length * longest];
        var types = new long[pairs.Length * longest];
        for (int r = 0; r < pairs.Length; r++)
        {
            for (int t = 0; t < pairs[r].Input.Length; t++)
            {
                ids[(r * longest) + t] = pairs[r].Input.Ids[t];
                mask[(r * longest) + t] = 1;
                types[(r * longest) + t] = pairs[r].Input.SegmentIds[t];
            }
        }
        return (ids, mask, types, [pairs.Length, longest]);
    }

    private static List<NamedOnnxValue> Feeds(long[] ids, long[] mask, long[] types, long[] shape)
    {
        int[] dims = [(int)shape[0], (int)shape[1]];
        return
        [
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, dims)),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, dims)),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(types, dims)),
        ];
    }
}
