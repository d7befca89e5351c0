using System.CommandLine;
using System.Text;
using ClaimMl.Cli;

namespace ClaimMl.Tests;

/// <summary>
/// Nothing half-written: <c>train</c> replaces the model and its metrics together or not at all, and <c>check --out</c>
/// replaces its file whole; an interrupted run (a cancelled token, a failed write) leaves the previous files as they
/// were and no temporary file.
/// </summary>
[TestFixture]
[NonParallelizable] // swaps Console.Error to cancel at a chosen point of a run
public sealed class AtomicOutputTests : TempDirectoryFixture
{
    private static readonly byte[] PreviousModel = Encoding.UTF8.GetBytes("the previous model");
    private static readonly byte[] PreviousMetrics = Encoding.UTF8.GetBytes("{\"the\": \"previous metrics\"}");

    private string ModelFolder => Path.Combine(Temp.Path, "models");

    private string ModelPath => Path.Combine(ModelFolder, "stance.zip");

    private string MetricsPath => Path.Combine(ModelFolder, "stance.metrics.json");

    private void WritePreviousModel()
    {
        Directory.CreateDirectory(ModelFolder);
        File.WriteAllBytes(ModelPath, PreviousModel);
        File.WriteAllBytes(MetricsPath, PreviousMetrics);
    }

    private void AssertPreviousModelUntouched()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(File.ReadAllBytes(ModelPath), Is.EqualTo(PreviousModel), "the previous model is untouched");
            Assert.That(File.ReadAllBytes(MetricsPath), Is.EqualTo(PreviousMetrics), "the previous metrics are untouched");
            Assert.That(Directory.GetFileSystemEntries(ModelFolder).Select(Path.GetFileName), Is.EquivalentTo(new[] { "stance.zip", "stance.metrics.json" }), "no temporary file is left");
        }
    }

    /// <summary>The tiny labeled set of <see cref="TinyLabeledSet"/> as FNC-1 training files.</summary>
    private string WriteTinyFnc() => TinyLabeledSet.WriteFnc(Path.Combine(Temp.Path, "fnc-1"));

    private string[] TrainArguments(string data, int folds) =>
        ["train", "--data", data, "--out", ModelPath, "--cv-folds", folds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--trees", "5", "--leaves", "4", "--min-leaf", "2"];

    /// <summary>Runs a command in this process, as Program.cs does, with the given token.</summary>
    private static int Invoke(Command command, string[] args, CancellationToken token)
    {
        var root = new RootCommand { command };
        root.Options.Add(CliOptions.Verbose);
        return root.Parse(args).InvokeAsync(cancellationToken: token).GetAwaiter().GetResult();
    }

    /// <summary>Runs a command with stderr captured; the token is cancelled as soon as stderr shows <paramref name="cancelAt"/>.</summary>
    private static (int ExitCode, string StdErr, bool Cancelled) InvokeCancellingAt(Command command, string[] args, string cancelAt)
    {
        using var cancellation = new CancellationTokenSource();
        var captured = new CancellingWriter(cancelAt, cancellation);
        TextWriter original = Console.Error;
        Console.SetError(captured);
        try
        {
            int exit = Invoke(command, args, cancellation.Token);
            return (exit, captured.Text, cancellation.IsCancellationRequested);
        }
        finally
        {
            Console.SetError(original);
        }
    }

    [Test]
    public void TrainWritesTheModelAndMetricsThatDescribeIt()
    {
        WritePreviousModel();
        int exit = Invoke(TrainCommand.Create(), TrainArguments(WriteTinyFnc(), folds: 0), CancellationToken.None);
        Assert.That(exit, Is.EqualTo(CommandRunner.Ok));
        Assert.That(Directory.GetFileSystemEntries(ModelFolder).Select(Path.GetFileName), Is.EquivalentTo(new[] { "stance.zip", "stance.metrics.json" }));
        Assert.That(File.ReadAllText(MetricsPath), Does.Contain(TrainCommand.Sha256(ModelPath)), "the metrics name the model beside them");
        Assert.That(ClaimChecker.Load(ModelPath).Model.Manifest.TrainingPairs, Is.EqualTo(TinyLabeledSet.Create().Pairs.Count));
    }

    [Test]
    public void TrainCancelledBeforeItStartsLeavesThePreviousModel()
    {
        WritePreviousModel();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        int exit = Invoke(TrainCommand.Create(), TrainArguments(WriteTinyFnc(), folds: 2), cancellation.Token);
        Assert.That(exit, Is.EqualTo(CommandRunner.Cancelled));
        AssertPreviousModelUntouched();
    }

    /// <summary>Cancelled (as Ctrl+C does) after reading, after cross-validation, and between two stages of the final training.</summary>
    [TestCase("Read ")]
    [TestCase("Decision thresholds")]
    [TestCase("Training stage 'TakesPosition'")]
    public void TrainCancelledPartWayLeavesThePreviousModel(string cancelAt)
    {
        WritePreviousModel();
        var (exit, stderr, cancelled) = InvokeCancellingAt(TrainCommand.Create(), TrainArguments(WriteTinyFnc(), folds: 2), cancelAt);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(cancelled, Is.True, $"the run reached '{cancelAt}':\n{stderr}");
            Assert.That(exit, Is.EqualTo(CommandRunner.Cancelled), stderr);
            Assert.That(stderr, Does.Contain("cancelled: nothing was written."));
        }
        AssertPreviousModelUntouched();
    }

    [Test]
    public void CheckOutCancelledLeavesThePreviousOutput()
    {
        string output = Temp.WriteText("results.jsonl", "previous results\n");
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        int exit = Invoke(CheckCommand.Create(), ["check", "--sources", RepoPaths.SampleSources, "--claims", RepoPaths.SampleClaims, "--format", "json", "--out", output], cancellation.Token);
        Assert.That(exit, Is.EqualTo(CommandRunner.Cancelled));
        Assert.That(File.ReadAllText(output), Is.EqualTo("previous results\n"));
        Assert.That(Directory.GetFiles(Temp.Path), Is.EqualTo(new[] { output }), "no temporary file is left");
    }

    [Test]
    public void CheckOutOntoAFolderIsAnErrorAndLeavesNoTemporaryFile()
    {
        string folder = Directory.CreateDirectory(Path.Combine(Temp.Path, "results")).FullName;
        CliRun run = Cli.Run("check", "--sources", RepoPaths.SampleSources, "--claims", RepoPaths.SampleClaims, "--out", folder);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(CommandRunner.InputError), run.StdErr);
            Assert.That(run.ErrorLines, Has.Length.EqualTo(1), run.StdErr);
            Assert.That(run.StdErr, Does.StartWith("error: ").And.Not.Contain("   at "));
            Assert.That(Directory.GetFileSystemEntries(Temp.Path), Is.EqualTo(new[] { folder }), "no temporary file beside it");
            Assert.That(Directory.GetFileSystemEntries(folder), Is.Empty);
        }
    }

    [Test]
    public void WriteAllAtomicallyReplacesEveryFileOrNone()
    {
        WritePreviousModel();
        void Write(string text, Stream s) => s.Write(Encoding.UTF8.GetBytes(text));

        // a write that fails part-way through the second file
        Assert.That(() => CommandRunner.WriteAllAtomically(
        [
            (ModelPath, s => Write("new model", s)),
            (MetricsPath, s => { Write("{\"half\": ", s); throw new IOException("disk full"); }),
        ], CancellationToken.None), Throws.TypeOf<IOException>());
        AssertPreviousModelUntouched();

        // cancelled after the first file was written
        using var cancellation = new CancellationTokenSource();
        Assert.That(() => CommandRunner.WriteAllAtomically(
        [
            (ModelPath, s => { Write("new model", s); cancellation.Cancel(); }),
            (MetricsPath, s => Write("{}", s)),
        ], cancellation.Token), Throws.InstanceOf<OperationCanceledException>());
        AssertPreviousModelUntouched();

        // and when nothing goes wrong, both are replaced
        CommandRunner.WriteAllAtomically([(ModelPath, s => Write("new model", s)), (MetricsPath, s => Write("{}", s))], CancellationToken.None);
        Assert.That(File.ReadAllText(ModelPath), Is.EqualTo("new model"));
        Assert.That(File.ReadAllText(MetricsPath), Is.EqualTo("{}"));
        Assert.That(Directory.GetFiles(ModelFolder), Has.Length.EqualTo(2));
    }

    /// <summary>A stderr stand-in that records what is written and cancels a token when a given text appears.</summary>
    private sealed class CancellingWriter(string trigger, CancellationTokenSource cancellation) : StringWriter(System.Globalization.CultureInfo.InvariantCulture)
    {
        public string Text
        {
            get
            {
                lock (this)
                {
                    return ToString();
                }
            }
        }

        public override void Write(char value)
        {
            lock (this)
            {
                base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (this)
            {
                base.Write(value);
                if (!cancellation.IsCancellationRequested && ToString().Contains(trigger, StringComparison.Ordinal))
                {
                    cancellation.Cancel();
                }
            }
        }

        public override void WriteLine(string? value)
        {
            Write(value);
            Write(Environment.NewLine);
        }
    }
}
