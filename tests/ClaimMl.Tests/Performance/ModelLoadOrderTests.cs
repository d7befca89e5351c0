using System.IO.Compression;
using System.Text;

namespace ClaimMl.Tests.Performance;

/// <summary>
/// Loading reads the manifest on another core while it loads the stages; the errors a user sees keep
/// the order of a file read front to back: a bad manifest is reported before a missing or broken stage.
/// </summary>
[TestFixture]
public class ModelLoadOrderTests : TempDirectoryFixture
{
    /// <summary>A copy of the shipped model with entries replaced (null content: removed).</summary>
    private string ModelWith(string name, params (string Entry, string? Content)[] changes)
    {
        string path = Temp.File(name);
        File.Copy(RepoPaths.ShippedModel, path);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        foreach ((string entry, string? content) in changes)
        {
            zip.GetEntry(entry)?.Delete();
            if (content is not null)
            {
                using Stream s = zip.CreateEntry(entry).Open();
                s.Write(Encoding.UTF8.GetBytes(content));
            }
        }
        return path;
    }

    [Test]
    public void ABadManifestIsReportedBeforeABrokenStage()
    {
        string path = ModelWith("both.zip", ("manifest.json", "{\"format\": \"something-else\"}"), ("stage-refutes.zip", "not a zip"));
        var e = Assert.Throws<ClaimMlModelException>(() => ClaimChecker.Load(path));
        Assert.That(e!.Message, Does.Contain("is not a ClaimMl stance model"));
    }

    [Test]
    public void AMissingStageIsReportedWhenTheManifestIsGood()
    {
        string path = ModelWith("stage.zip", ("stage-takes-position.zip", null));
        var e = Assert.Throws<ClaimMlModelException>(() => ClaimChecker.Load(path));
        Assert.That(e!.Message, Does.Contain("lacks its 'stage-takes-position.zip' entry"));
    }

    [Test]
    public void ABrokenStageIsAModelErrorWhenTheManifestIsGood()
    {
        string path = ModelWith("broken.zip", ("stage-related.zip", "not a zip"));
        var e = Assert.Throws<ClaimMlModelException>(() => ClaimChecker.Load(path));
        Assert.That(e!.Message, Does.Contain(path));
    }

    [Test]
    public void AMissingManifestIsReportedFirst()
    {
        string path = ModelWith("nomanifest.zip", ("manifest.json", null), ("term-weights.bin", null));
        var e = Assert.Throws<ClaimMlModelException>(() => ClaimChecker.Load(path));
        Assert.That(e!.Message, Does.Contain("lacks its 'manifest.json' entry"));
    }
}
