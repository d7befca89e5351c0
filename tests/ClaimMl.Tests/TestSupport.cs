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
