using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using ClaimMl.DataFormats;

namespace ClaimMl.Tests;

/// <summary>
/// The library as a consumer gets it: <c>dotnet pack</c> into a temporary folder feed, then the console
/// sample in <c>samples/ClaimMl.Sample</c> restored from that feed (a <c>PackageReference</c>), built and
/// run. The sample's restore uses a temporary packages folder (the user's packages folder only as a
/// read-only fallback), so the test version never enters the user's NuGet cache.
/// </summary>
[TestFixture]
[Category("Package")]
[NonParallelizable]
public sealed class PackageTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(4);

    private static readonly string[] Claims =
    [
        "The Merrow Bridge in Port Alder was closed on Tuesday.",
        "The Merrow Bridge carries 12,000 vehicles a day.",
        "The Merrow Bridge will reopen before the end of the month.",
    ];

    private static readonly string[] PackageFiles = ["lib/net10.0/ClaimMl.dll", "lib/net10.0/ClaimMl.xml", "PACKAGE.md"];

    private string _work = "";
    private string _feed = "";
    private string _version = "";

    [OneTimeSetUp]
    public void PackTheLibrary()
    {
        _work = Path.Combine(Path.GetTempPath(), "claimml-package-test-" + Guid.NewGuid().ToString("N")[..12]);
        _feed = Path.Combine(_work, "feed");
        // A version no cache can hold already, so the sample can only get it from the feed.
        _version = "0.1.0-packagetest." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        Directory.CreateDirectory(_work);

        Dotnet(TestFiles.RepositoryRoot, null,
            "pack", Path.Combine(TestFiles.RepositoryRoot, "src", "ClaimMl", "ClaimMl.csproj"), "-c", "Release",
            "-o", _feed, "-p:Version=" + _version, "--artifacts-path", Path.Combine(_work, "artifacts"));
    }

    [OneTimeTearDown]
    public void DeleteTheWorkFolder()
    {
        try
        {
            if (Directory.Exists(_work))
            {
                Directory.Delete(_work, recursive: true);
            }
        }
        catch (IOException e)
        {
            TestContext.Progress.WriteLine($"could not delete {_work}: {e.Message}");
        }
    }

    [Test]
    public void PackageHoldsTheLibraryWithItsModelDocsReadmeAndSymbols()
    {
        string nupkg = Path.Combine(_feed, $"ClaimMl.{_version}.nupkg");
        string snupkg = Path.Combine(_feed, $"ClaimMl.{_version}.snupkg");
        Assert.That(nupkg, Does.Exist);
        Assert.That(snupkg, Does.Exist);
        TestContext.Progress.WriteLine($"ClaimMl.{_version}.nupkg: {new FileInfo(nupkg).Length:N0} bytes; .snupkg: {new FileInfo(snupkg).Length:N0} bytes");

        using ZipArchive package = ZipFile.OpenRead(nupkg);
        string nuspec = ReadEntry(package, "ClaimMl.nuspec");
        using ZipArchive symbols = ZipFile.OpenRead(snupkg);

        Assert.Multiple(() =>
        {
            Assert.That(package.Entries.Select(e => e.FullName), Is.SupersetOf(PackageFiles));
            Assert.That(symbols.Entries.Select(e => e.FullName), Does.Contain("lib/net10.0/ClaimMl.pdb"));
            Assert.That(nuspec, Does.Contain("<id>ClaimMl</id>"));
            Assert.That(nuspec, Does.Contain("<license type=\"expression\">MIT</license>"));
            Assert.That(nuspec, Does.Contain("<readme>PACKAGE.md</readme>"));
            Assert.That(nuspec, Does.Contain("<tags>fact-checking"));
            Assert.That(nuspec, Does.Contain("<description>Checks claims against sources"));
            Assert.That(nuspec, Does.Contain("id=\"Microsoft.Extensions.DependencyInjection.Abstractions\""));
            Assert.That(ReadEntry(package, "lib/net10.0/ClaimMl.xml"), Does.Contain("M:ClaimMl.ClaimCheckingServiceCollectionExtensions.AddClaimChecking"));
            Assert.That(ManifestResources(package, "lib/net10.0/ClaimMl.dll"), Does.Contain("ClaimMl.Models.stance.zip"));
            Assert.That(ManifestResources(package, "lib/net10.0/ClaimMl.dll"), Does.Contain("ClaimMl.Models.judge.zip"), "the judge ships inside the package");
            Assert.That(nuspec, Does.Contain("id=\"Microsoft.ML.OnnxRuntime\""), "the judge runs on ONNX Runtime");
            Assert.That(nuspec, Does.Not.Contain("TorchSharp"), "training-time only: never a dependency of the package");
        });
    }

    [Test]
    public void SampleBuiltFromThePackagePrintsTheLibrarysVerdicts()
    {
        string sample = Path.Combine(_work, "sample");
        string packages = Path.Combine(_work, "packages");
        string userPackages = UserPackagesFolder();
        Directory.CreateDirectory(sample);
        foreach (string file in Directory.GetFiles(Path.Combine(TestFiles.RepositoryRoot, "samples", "ClaimMl.Sample")))
        {
            if (file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".csproj", StringComparison.Ordinal))
            {
                File.Copy(file, Path.Combine(sample, Path.GetFileName(file)));
            }
        }
        // The temporary feed first; the user's configured sources (merged in from their NuGet config) for the
        // dependencies; their packages folder read-only, so nothing already there is downloaded again.
        File.WriteAllText(Path.Combine(sample, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="claimml-package-test" value="{_feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="user-packages" value="{userPackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        var restoreInto = new Dictionary<string, string> { ["NUGET_PACKAGES"] = packages };

        Dotnet(sample, restoreInto, "build", "ClaimMl.Sample.csproj", "-c", "Release", "-p:ClaimMlVersion=" + _version);
        string output = Dotnet(sample, restoreInto, [Path.Combine(sample, "bin", "Release", "net10.0", "ClaimMl.Sample.dll"), TestFiles.SampleSourcesFolder, .. Claims]);

        Assert.Multiple(() =>
        {
            Assert.That(Path.Combine(packages, "claimml", _version, $"claimml.{_version}.nupkg"), Does.Exist, "restored from the feed into the temporary packages folder");
            Assert.That(Path.Combine(userPackages, "claimml", _version), Does.Not.Exist, "the user's packages folder is untouched");
            Assert.That(File.ReadAllBytes(Path.Combine(sample, "bin", "Release", "net10.0", "ClaimMl.dll")),
                Is.EqualTo(File.ReadAllBytes(Path.Combine(packages, "claimml", _version, "lib", "net10.0", "ClaimMl.dll"))), "the sample runs the packed library");
            Assert.That(output.ReplaceLineEndings("\n").TrimEnd('\n'), Is.EqualTo(ExpectedSampleOutput()));
        });
        Assert.That(output.Split('\n').Count(line => Enum.GetNames<Verdict>().Any(v => line.StartsWith(v + " ", StringComparison.Ordinal))),
            Is.EqualTo(Claims.Length), "one verdict line per claim");
    }

    /// <summary>What the sample must print: the library's own results, in the sample's format.</summary>
    private static string ExpectedSampleOutput()
    {
        ClaimChecker checker = ClaimChecker.CreateDefault();
        SourceSet sources = checker.Index(SourceFolder.Read(TestFiles.SampleSourcesFolder));
        var expected = new StringBuilder();
        foreach (string claim in Claims)
        {
            ClaimResult result = checker.Check(claim, sources);
            expected.Append(CultureInfo.InvariantCulture, $"{result.Verdict} {result.Confidence:0.00} {claim}\n");
            foreach (SourceAssessment source in result.Sources)
            {
                expected.Append(CultureInfo.InvariantCulture, $"  {source.Source}: {source.Stance} {source.Probabilities[source.Stance]:0.00}\n");
            }
        }
        return expected.ToString().TrimEnd('\n');
    }

    private static string UserPackagesFolder()
    {
        string listed = Dotnet(TestFiles.RepositoryRoot, null, "nuget", "locals", "global-packages", "--list");
        const string Prefix = "global-packages:";
        string line = listed.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        return Path.TrimEndingDirectorySeparator(line[Prefix.Length..].Trim());
    }

    private static string ReadEntry(ZipArchive zip, string name)
    {
        ZipArchiveEntry entry = zip.GetEntry(name) ?? throw new AssertionException($"the package has no {name}");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    private static List<string> ManifestResources(ZipArchive zip, string name)
    {
        ZipArchiveEntry entry = zip.GetEntry(name) ?? throw new AssertionException($"the package has no {name}");
        using var buffer = new MemoryStream();
        using (Stream s = entry.Open())
        {
            s.CopyTo(buffer);
        }
        buffer.Position = 0;
        using var pe = new PEReader(buffer);
        MetadataReader metadata = pe.GetMetadataReader();
        return metadata.ManifestResources.Select(h => metadata.GetString(metadata.GetManifestResource(h).Name)).ToList();
    }

    /// <summary>Runs the .NET CLI that runs these tests, without build servers; fails the test on a non-zero exit or a time-out.</summary>
    private static string Dotnet(string workingDirectory, Dictionary<string, string>? environment, params string[] arguments)
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        var start = new ProcessStartInfo(host is not null && File.Exists(host) ? host : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        if (arguments[0] is "pack" or "build")
        {
            start.ArgumentList.Add("--disable-build-servers");
            start.ArgumentList.Add("-nologo");
        }
        // The test host inherits MSBuild's variables from `dotnet test`; a fresh CLI must not see them.
        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach ((string key, string value) in environment ?? [])
        {
            start.Environment[key] = value;
        }

        string command = "dotnet " + string.Join(' ', arguments);
        TestContext.Progress.WriteLine($"[{DateTime.Now:HH:mm:ss}] {command}");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + command);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.Append(e.Data).Append('\n'); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.Append(e.Data).Append('\n'); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(StepTimeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"{command} did not finish in {StepTimeout.TotalMinutes} minutes.\n{Tail(stdout)}\n{Tail(stderr)}");
        }
        process.WaitForExit(); // flushes the asynchronous readers
        if (process.ExitCode != 0)
        {
            Assert.Fail($"{command} exited with {process.ExitCode}.\n{Tail(stdout)}\n{Tail(stderr)}");
        }
        lock (stdout)
        {
            return stdout.ToString();
        }
    }

    private static string Tail(StringBuilder text)
    {
        lock (text)
        {
            string s = text.ToString();
            return s.Length <= 6000 ? s : "…" + s[^6000..];
        }
    }
}
