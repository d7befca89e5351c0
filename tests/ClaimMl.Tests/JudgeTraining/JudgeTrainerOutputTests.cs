using System.CommandLine;
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

    private static (int ExitCode, string StdErr) Run(params string[] args)
    {
        var root = new RootCommand { TrainJudgeCommand.Create(), CompareJudgesCommand.Create() };
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
    public void ComparingOnAFolderWithoutTheJudgesSetsNamesTheSetAndTheFolder()
    {
        string data = Directory.CreateDirectory(Path.Combine(Temp.Path, "empty-data")).FullName;

        (int exit, string stderr) = Run("compare", "--judge", RepoPaths.ShippedJudge, "--against", RepoPaths.ShippedJudge, "--data", data);

        Assert.That(exit, Is.EqualTo(CommandRunner.InputError));
        Assert.That(stderr, Does.StartWith("error: the pairs need fever-nli").And.Contain(Path.Combine(data, "fever-nli")),
            "the first set the shipped judge records it was trained on, and where it was looked for");
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
