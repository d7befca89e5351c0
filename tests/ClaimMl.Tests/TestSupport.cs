using System.Diagnostics;
using System.Text;

namespace ClaimMl.Tests;

/// <summary>Where the repository and its files are, found from the test output folder.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder holding ClaimMl.sln.</summary>
    public static string Root => RootPath.Value;

    public static string SampleSources => Path.Combine(Root, "data", "sample", "sources");

    public static string SampleClaims => Path.Combine(Root, "data", "sample", "claims.jsonl");

    public static string ShippedModel => Path.Combine(Root, "models", "stance.zip");

    public static string ShippedJudge => Path.Combine(Root, "models", "judge.zip");

    private static string FindRoot()
    {
        string start = TestContext.CurrentContext.TestDirectory;
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClaimMl.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No folder above '{start}' holds ClaimMl.sln.");
    }
}

/// <summary>Finds the shared labeled data sets, which are not part of the repository.</summary>
internal static class SharedData
{
    public const string Category = "SharedData";
    public const string EnvironmentVariable = "CLAIMML_SHARED_DATA";

    /// <summary>
    /// The folder <paramref name="dataSet"/> under <c>$CLAIMML_SHARED_DATA</c>, or else under
    /// <c>&lt;repo&gt;/../shared/data</c>; the test is ignored (with where it looked) when neither exists.
    /// </summary>
    public static string RequireFolder(string dataSet)
    {
        var candidates = new List<string>();
        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            candidates.Add(Path.Combine(fromEnvironment, dataSet));
        }
        candidates.Add(Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "data", dataSet)));
        foreach (string candidate in candidates)
        {
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        Assert.Ignore($"Shared data set '{dataSet}' not found (looked in {string.Join(" and ", candidates)}); " +
            $"set {EnvironmentVariable} or place it in ../shared/data beside the repository to run this test.");
        return string.Empty; // not reached: Assert.Ignore throws
    }
}

/// <summary>A fresh temporary folder, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "claimml-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="content"/> as UTF-8 without a BOM and returns the file's path.</summary>
    public string WriteText(string name, string content) => WriteBytes(name, new UTF8Encoding(false).GetBytes(content));

    public string WriteBytes(string name, byte[] content)
    {
        string path = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a leftover temp folder is not a test failure
        }
    }
}

/// <summary>What a run of the <c>claimml</c> console printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string StdOut, string StdErr)
{
    /// <summary>The non-empty lines of stderr.</summary>
    public string[] ErrorLines => StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Runs the <c>claimml</c> console as a user would: in a child process, with a guard against hangs.</summary>
internal static class Cli
{
    /// <summary>The dotnet host running these tests (so the child uses the same runtime), else dotnet on the PATH.</summary>
    public static string DotnetHost()
    {
        string? fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }
        string? self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return self;
        }
        return "dotnet";
    }

    public static CliRun Run(params string[] args) => Run(TimeSpan.FromMinutes(2), args);

    /// <summary>Runs <c>claimml args</c>; fails the test if it has not exited within <paramref name="timeout"/> (and kills it).</summary>
    public static CliRun Run(TimeSpan timeout, params string[] args)
    {
        string cli = Path.Combine(TestContext.CurrentContext.TestDirectory, "ClaimMl.Cli.dll");
        Assert.That(cli, Does.Exist, "the console is copied beside the tests by the project reference");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = RepoPaths.Root,
        };
        start.ArgumentList.Add(cli);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["NO_COLOR"] = "1";

        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        // A guard against a hung child, not a timing assertion.
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"claimml {string.Join(' ', args)} did not finish within {timeout.TotalSeconds:0} s");
        }
        process.WaitForExit();
        return new CliRun(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}

/// <summary>Runs library code with a guard against hangs.</summary>
internal static class Bounded
{
    /// <summary>Runs <paramref name="body"/>, failing the test if it has not finished within <paramref name="seconds"/>; its exception is rethrown as is.</summary>
    public static T Run<T>(Func<T> body, double seconds = 60)
    {
        Task<T> task = Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        bool finished;
        try
        {
            finished = task.Wait(TimeSpan.FromSeconds(seconds));
        }
        catch (AggregateException)
        {
            finished = true; // rethrown unwrapped below
        }
        if (!finished)
        {
            Assert.Fail($"did not finish within {seconds:0} s");
        }
        return task.GetAwaiter().GetResult();
    }
}

/// <summary>A fixture whose every test gets a fresh temporary folder (<see cref="Temp"/>), deleted after the test.</summary>
public abstract class TempDirectoryFixture
{
    private TempDirectory? _temp;

    /// <summary>This test's temporary folder.</summary>
    internal TempDirectory Temp => _temp ?? throw new InvalidOperationException("The temporary folder exists only while a test runs.");

    [SetUp]
    public void CreateTempDirectory() => _temp = new TempDirectory();

    [TearDown]
    public void DeleteTempDirectory()
    {
        _temp?.Dispose();
        _temp = null;
    }
}
