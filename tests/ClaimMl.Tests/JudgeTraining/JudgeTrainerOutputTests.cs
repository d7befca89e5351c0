using System.CommandLine;
using System.Text.Json.Nodes;
using ClaimMl.Cli;
using ClaimMl.JudgeTrainer;

namespace ClaimMl.Tests.JudgeTraining;

/// <summary>
/// The judge trainer's output paths are checked before its long part: a path it could not write at the end of a
/// 75-minute run (a file where a folder should be) is refused at once, naming the option; a missing folder is made.
/// </summary>
[TestFixture]
[NonParallelizable] // swaps Console.Error
public sealed class JudgeTrainerOutputTests : TempDirectoryFixture
{
    private static (int ExitCode, string StdErr) Train(params string[] args) => Run(["train", .. args]);

    /// <summary>Runs the judge trainer's commands in process with <paramref name="args"/>; its exit code and what it wrote to stderr.</summary>
    internal static (int ExitCode, string StdErr) Run(params string[] args)
    {
        var root = new RootCommand { TrainJudgeCommand.Create(), CompareJudgesCommand.Create(), TuneVerdictCommand.Create(), ExportJudgeCommand.Create(), QuotePairsCommand.Create(), NegativePairsCommand.Create() };
        root.Options.Add(CliOptions.Verbose);
        TextWriter before = Console.Error;
        using var captured = new StringWriter();
        Console.SetError(captured);
        try
        {
            int exit = root.Parse(args).InvokeAsync().GetAwaiter().GetResult();
            return (exit, captured.ToString());
        }
        finally
        {
            Console.SetError(before);
        }
    }

    [TestCase("--save-weights")]
    [TestCase("--out")]
    public void AnOutputThatCannotBeWrittenIsRefusedBeforeTraining(string option)
    {
        string data = Directory.CreateDirectory(Path.Combine(Temp.Path, "data")).FullName;
        string blocker = Path.Combine(Temp.Path, "artifacts");
        File.WriteAllText(blocker, "a file where the folder should be");
        string blocked = Path.Combine(blocker, "judge.bin");
        string[] outputs = option == "--out"
            ? ["--out", blocked]
            : ["--out", Path.Combine(Temp.Path, "models", "judge.zip"), "--save-weights", blocked];

        (int exit, string stderr) = Train(["--data", data, .. outputs]);

        Assert.That(exit, Is.EqualTo(CommandRunner.InputError));
        Assert.That(stderr, Does.StartWith($"error: {option}: cannot write into {blocker}"), "refused at once, naming the option and the folder");
        Assert.That(stderr, Does.Not.Contain("Building pairs"), "before any data is read");
    }

    [Test]
    public void ACheckpointFolderThatIsAFileIsRefusedBeforeTraining()
    {
        string data = Directory.CreateDirectory(Path.Combine(Temp.Path, "data")).FullName;
        string file = Temp.WriteText("run.checkpoint", "a file where the folder should be");

        (int exit, string stderr) = Train("--data", data, "--out", Path.Combine(Temp.Path, "models", "judge.zip"), "--checkpoint", file);

        Assert.That(exit, Is.EqualTo(CommandRunner.InputError));
        Assert.That(stderr, Does.StartWith($"error: --checkpoint: {file} is a file; give a folder"));
        Assert.That(stderr, Does.Not.Contain("Building pairs"), "before any data is read");
    }

    [TestCase("int8", "3")]
    [TestCase("none", "3")]
    [TestCase("int7", "-1")]
    public void CalibratedRoundingOutsideSevenBitsOrWithoutPairsIsRefusedBeforeTraining(string storage, string pairs)
    {
        string data = Directory.CreateDirectory(Path.Combine(Temp.Path, "data")).FullName;
        string model = Path.Combine(Temp.Path, "models", "judge.zip");

        (int exit, string stderr) = Train("--data", data, "--out", model, "--quantize", storage, "--calibration-pairs", pairs);

        Assert.That(exit, Is.EqualTo(CommandRunner.InputError));
        Assert.That(stderr, Does.StartWith($"error: --calibration-pairs: {pairs}; calibrated rounding takes a positive number of pairs and weights stored as int7 (--quantize {storage})"));
        Assert.That(stderr, Does.Not.Contain("Building pairs"), "before any data is read");
        Assert.That(File.Exists(model), Is.False);
    }

    [Test]
    public void ExportRefusesCalibratedRoundingWithoutTheDataToDrawPairsFrom()
    {
        string weights = Temp.WriteText("judge.weights.bin", "not read: the options are checked first");
        string like = Path.Combine(Temp.Path, "like.zip");
        using (var zip = new System.IO.Compression.ZipArchive(File.Create(like), System.IO.Compression.ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("judge.json").Open());
            writer.Write("{\"layers\": 1, \"quantization\": \"int7\", \"maxTokens\": 64, \"maxClaimTokens\": 24}");
        }
        string output = Path.Combine(Temp.Path, "variant.zip");

        (int exit, string stderr) = Run("export", "--weights", weights, "--like", like, "--out", output, "--calibration-pairs", "8");

        Assert.That(exit, Is.EqualTo(CommandRunner.InputError));
        Assert.That(stderr, Does.Contain("--calibration-pairs: 8; calibrated rounding takes a positive number of pairs, weights stored as int7 (here int7) and --data"));
        Assert.That(File.Exists(output), Is.False);
    }

    [TestCase("--weights")]
    [TestCase("--ensemble")]
    public void ExportNamesALikeFileThatIsNotAJudgeModel(string mode)
    {
        string notAZip = Temp.WriteText("notes.txt", "a text file given where a judge model belongs");
        string member = Temp.WriteText("member.zip", "not read: the --like file is opened first");
        string output = Path.Combine(Temp.Path, "variant.zip");
        string[] inputs = mode == "--weights" ? ["--weights", member] : ["--ensemble", member, member];

        (int exit, string stderr) = Run(["export", .. inputs, "--like", notAZip, "--out", output]);

        Assert.That(exit, Is.EqualTo(CommandRunner.InputError));
        Assert.That(stderr, Does.StartWith($"error: --like: '{notAZip}' is not a judge model file (not a zip"), "a clear message naming the option and the file, not a stack trace");
        Assert.That(File.Exists(output), Is.False, "nothing written");
    }

    [Test]
    public void AMissingOneOfSeveralWrittenPairsFoldersIsNamedBeforeTraining()
    {
        string first = Path.GetDirectoryName(Temp.WriteText("pairs/a.jsonl", "{\"passage\": \"The Orvik dam reopened on Monday.\", \"claim\": \"The dam reopened.\", \"label\": \"entails\"}\n"))!;
        string missing = Path.Combine(Temp.Path, "batch3");

        (int exit, string stderr) = Train("--data", Judge.NliSetLoaderTests.Data, "--sets", "fever-nli", "--out", Path.Combine(Temp.Path, "judge.zip"), "--written-pairs", first, missing);

        Assert.That(exit, Is.EqualTo(CommandRunner.InputError));
        Assert.That(stderr, Does.Contain($"{missing}: no such file or folder of written pairs"), "both paths taken by the one option, the missing one named");
        Assert.That(File.Exists(Path.Combine(Temp.Path, "judge.zip")), Is.False);
    }

    [Test]
    public void AJudgeTrainedFromAnotherEncoderIsRefusedAsAStartBeforeTraining()
    {
        // The shipped judge with its manifest saying it was trained from another encoder (the manifest's own bytes are not hashed).
        string judge = Path.Combine(Temp.Path, "other-encoder.zip");
        File.Copy(RepoPaths.ShippedJudge, judge);
        using (var zip = System.IO.Compression.ZipFile.Open(judge, System.IO.Compression.ZipArchiveMode.Update))
        {
            System.IO.Compression.ZipArchiveEntry entry = zip.GetEntry("judge.json")!;
            JsonObject manifest;
            using (var reader = new StreamReader(entry.Open()))
            {
                manifest = JsonNode.Parse(reader.ReadToEnd())!.AsObject();
            }
            manifest["encoder"] = "another encoder";
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("judge.json").Open());
            writer.Write(manifest.ToJsonString());
        }
        File.WriteAllText(Path.Combine(Temp.Path, "other-encoder.metrics.json"), "{ not json");

        (int exit, string stderr) = Train("--data", Judge.NliSetLoaderTests.Data, "--sets", "fever-nli", "--out", Path.Combine(Temp.Path, "judge.zip"), "--start-from", judge);

        Assert.That(exit, Is.Not.EqualTo(CommandRunner.Ok));
        Assert.That(stderr, Does.Contain($"--start-from: {judge} was trained from another encoder"), "named before any pair is built; unreadable metrics beside it are no error");
        Assert.That(stderr, Does.Not.Contain("Building pairs"));
        Assert.That(File.Exists(Path.Combine(Temp.Path, "judge.zip")), Is.False);
    }

    [Test]
    public void ComparingOnAFolderWithoutTheJudgesSetsNamesTheSetAndTheFolder()
    {
        string data = Directory.CreateDirectory(Path.Combine(Temp.Path, "empty-data")).FullName;

        (int exit, string stderr) = Run("compare", "--judge", RepoPaths.ShippedJudge, "--against", RepoPaths.ShippedJudge, "--data", data);

        Assert.That(exit, Is.EqualTo(CommandRunner.InputError));
        Assert.That(stderr, Does.StartWith("error: the pairs need fever-nli").And.Contain(Path.Combine(data, "fever-nli")),
            "the first set the shipped judge records it was trained on, and where it was looked for");
    }

    [Test]
    public void TuneCrossValidatesByEventAndRecordsItBesideTheInSampleFigure()
    {
        string dev = Directory.CreateDirectory(Path.Combine(Temp.Path, "dev")).FullName;
        string[] events = ["corranby-water-main", "ferrisbury-cup-final"];
        foreach (string name in events)
        {
            string from = Path.Combine(RepoPaths.Root, "data", "dev", name);
            string to = Directory.CreateDirectory(Path.Combine(dev, name, "sources")).FullName;
            File.Copy(Path.Combine(from, "claims.jsonl"), Path.Combine(dev, name, "claims.jsonl"));
            foreach (string source in Directory.GetFiles(Path.Combine(from, "sources")))
            {
                File.Copy(source, Path.Combine(to, Path.GetFileName(source)));
            }
        }
        string judge = Path.Combine(Temp.Path, "judge.zip");
        File.Copy(RepoPaths.ShippedJudge, judge);

        (int exit, string stderr) = Run("tune", "--judge", judge, "--verdict-dev", dev, "--threads", "2");

        Assert.That(exit, Is.EqualTo(CommandRunner.Ok), stderr);
        Assert.That(stderr, Does.Contain("Leave one event out: macro-F1 ").And.Contain("(in-sample "));
        JsonObject tuning = JsonNode.Parse(File.ReadAllText(Path.Combine(Temp.Path, "judge.metrics.json")))!["verdictTuning"]!.AsObject();
        JsonArray folds = tuning["leaveOneEventOut"]!["folds"]!.AsArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(folds.Select(f => (string)f!["event"]!), Is.EqualTo(events.Select(e => "dev/" + e)), "each event held out once");
            Assert.That(folds.Sum(f => (int)f!["claims"]!), Is.EqualTo((int)tuning["claims"]!), "every claim decided once, held out");
            Assert.That((double)tuning["leaveOneEventOut"]!["macroF1 (each event decided with settings chosen without it)"]!, Is.InRange(0.0, 1.0));
            Assert.That(tuning["parts (in-sample: tuned on them)"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "dev" }), "one part per folder given");
        }
    }

    [Test]
    public void AMissingFolderIsMadeAndAFolderIsNotAFile()
    {
        string path = Path.Combine(Temp.Path, "new", "deeper", "judge.weights.bin");
        Assert.That(CommandRunner.PrepareOutput(path, "--save-weights"), Is.EqualTo(Path.GetFullPath(path)));
        Assert.That(Directory.Exists(Path.GetDirectoryName(path)), Is.True, "the folder is made");
        Assert.That(Directory.GetFileSystemEntries(Path.GetDirectoryName(path)!), Is.Empty, "the probe is gone and the file is not made early");
        var error = Assert.Throws<ArgumentException>(() => CommandRunner.PrepareOutput(Temp.Path, "--out"));
        Assert.That(error!.Message, Does.StartWith("--out: ").And.Contain("is a folder"));
    }
}
