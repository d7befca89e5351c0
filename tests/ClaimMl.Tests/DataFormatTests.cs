using System.Text;
using ClaimMl.DataFormats;
using ClaimMl.Training;

namespace ClaimMl.Tests;

[TestFixture]
public class FncDatasetTests : TempDirectoryFixture
{
    private const string BodiesHeader = "Body ID,articleBody\n";
    private const string StancesHeader = "Headline,Body ID,Stance\n";

    private const string GoodBodies = BodiesHeader +
        "3,The harbour ferry resumed service on Friday after a week of storms.\n" +
        "8,\"Council members voted 7-2 to keep the library open.\n" +
        "\n" +
        "The mayor called it \"\"a good day for readers\"\", and said so twice.\"\n" +
        "12,\"Short body, with a comma\"\n";

    private const string GoodStances = StancesHeader +
        "Ferry service is back,3,agree\n" +
        "\"Library to close, council says\",8,disagree\n" +
        "Council debates library,8,discuss\n" +
        "Storms keep ferry in port,12,unrelated\n";

    private (string Bodies, string Stances) Write(string bodies, string stances) =>
        (Temp.WriteText("bodies.csv", bodies), Temp.WriteText("stances.csv", stances));

    private static LabeledPairSet Load((string Bodies, string Stances) files) => FncDataset.Load(files.Bodies, files.Stances, "test set");

    private static void AssertFails((string Bodies, string Stances) files, string expectedFile, int line, string? field, string? problemContains = null)
    {
        ClaimMlDataException? e = Assert.Throws<ClaimMlDataException>(() => Load(files));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(e!.File, Is.EqualTo(expectedFile), e.Message);
            Assert.That(e.Line, Is.EqualTo(line), e.Message);
            Assert.That(e.Field, Is.EqualTo(field), e.Message);
            Assert.That(e.Message, Does.StartWith(line > 0 ? $"{expectedFile}:{line}: " : $"{expectedFile}: "));
            if (problemContains is not null)
            {
                Assert.That(e.Problem, Does.Contain(problemContains));
            }
        }
    }

    [Test]
    public void ValidFilesWithMultiLineQuotedBodyAndEscapedQuotesParse()
    {
        LabeledPairSet set = Load(Write(GoodBodies, GoodStances));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(set.Name, Is.EqualTo("test set"));
            Assert.That(set.Sources, Has.Count.EqualTo(3));
            Assert.That(set.Sources[0], Is.EqualTo("The harbour ferry resumed service on Friday after a week of storms."));
            Assert.That(set.Sources[1], Is.EqualTo("Council members voted 7-2 to keep the library open.\n\nThe mayor called it \"a good day for readers\", and said so twice."));
            Assert.That(set.Sources[2], Is.EqualTo("Short body, with a comma"));
            Assert.That(set.Pairs, Is.EqualTo(new[]
            {
                new LabeledPair("Ferry service is back", 0, Stance.Supports),
                new LabeledPair("Library to close, council says", 1, Stance.Refutes),
                new LabeledPair("Council debates library", 1, Stance.Discusses),
                new LabeledPair("Storms keep ferry in port", 2, Stance.Unrelated),
            }));
        }
    }

    [Test]
    public void CrLfLineEndingsAndABomAreAccepted()
    {
        var files = (
            Temp.WriteBytes("bodies.csv", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(GoodBodies.ReplaceLineEndings("\r\n"))]),
            Temp.WriteText("stances.csv", GoodStances.ReplaceLineEndings("\r\n")));
        LabeledPairSet set = Load(files);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(set.Pairs, Has.Count.EqualTo(4));
            Assert.That(set.Sources[1], Does.StartWith("Council members voted").And.EndWith("said so twice."));
        }
    }

    [Test]
    public void StanceLabelsMap()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(FncDataset.ParseStance("agree"), Is.EqualTo(Stance.Supports));
            Assert.That(FncDataset.ParseStance("disagree"), Is.EqualTo(Stance.Refutes));
            Assert.That(FncDataset.ParseStance("discuss"), Is.EqualTo(Stance.Discusses));
            Assert.That(FncDataset.ParseStance(" Unrelated "), Is.EqualTo(Stance.Unrelated));
            Assert.That(FncDataset.ParseStance("supports"), Is.Null);
        }
    }

    [Test]
    public void MissingColumn()
    {
        var files = Write(GoodBodies, StancesHeader + "Ferry service is back,3,agree\nCouncil debates library,8\n");
        AssertFails(files, files.Stances, 3, "Stance", "missing");
    }

    [Test]
    public void MissingColumnAfterAMultiLineBodyNamesTheRightLine()
    {
        var files = Write(GoodBodies + "15\n", GoodStances);
        AssertFails(files, files.Bodies, 7, "articleBody", "missing");
    }

    [Test]
    public void UnclosedQuote()
    {
        // The quote opened on line 3 is never closed: the rest of the file is swallowed into one field.
        var files = Write(BodiesHeader + "3,A calm first body.\n4,\"An article whose quote never closes.\n5,Another body.\n6,And one more.\n", GoodStances);
        ClaimMlDataException? e = Assert.Throws<ClaimMlDataException>(() => Load(files));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(e!.File, Is.EqualTo(files.Bodies));
            Assert.That(e.Line, Is.EqualTo(3), e.Message);
        }
    }

    [Test]
    public void QuoteInsideAnUnquotedField()
    {
        var files = Write(BodiesHeader + "3,A calm first body.\n4,He said \"no\" twice.\n", GoodStances);
        ClaimMlDataException? e = Assert.Throws<ClaimMlDataException>(() => Load(files));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(e!.File, Is.EqualTo(files.Bodies));
            Assert.That(e.Line, Is.EqualTo(3), e.Message);
            Assert.That(e.Field, Is.Null);
            Assert.That(e.Problem, Does.Contain("quot"));
        }
    }

    [Test]
    public void ExtraColumn()
    {
        var files = Write(GoodBodies, StancesHeader + "Ferry service is back,3,agree\nCouncil debates library,8,discuss,extra\n");
        AssertFails(files, files.Stances, 3, "column 4", "4 fields");
    }

    [Test]
    public void WrongHeader()
    {
        var files = Write(GoodBodies, "Headline,BodyId,Stance\nFerry service is back,3,agree\n");
        AssertFails(files, files.Stances, 1, null, "header");
    }

    [Test]
    public void HeaderWithColumnsSwapped()
    {
        var files = Write("articleBody,Body ID\nSome text,3\n", GoodStances);
        AssertFails(files, files.Bodies, 1, null, "header");
    }

    [Test]
    public void DuplicateBodyId()
    {
        var files = Write(GoodBodies + "8,A second body that reuses an id.\n", GoodStances);
        AssertFails(files, files.Bodies, 7, "Body ID", "twice");
    }

    [Test]
    public void BlankLinesBetweenRecordsAreSkippedAndCounted()
    {
        var files = Write(BodiesHeader + "3,First body.\n\n\n4,Second body.\r\n\r\n5,Third body.\n\n", GoodStances.Replace(",8,", ",4,", StringComparison.Ordinal).Replace(",12,", ",5,", StringComparison.Ordinal));
        Assert.That(Load(files).Sources, Is.EqualTo(new[] { "First body.", "Second body.", "Third body." }));
    }

    [Test]
    public void DuplicateBodyIdAfterBlankLinesNamesTheRightLine()
    {
        var files = Write(GoodBodies + "\n\n8,A second body that reuses an id.\n", GoodStances);
        AssertFails(files, files.Bodies, 9, "Body ID", "twice");
    }

    [Test]
    public void MissingColumnAfterBlankLinesNamesTheRightLine()
    {
        var files = Write(GoodBodies, StancesHeader + "Ferry service is back,3,agree\n\nCouncil debates library,8\n");
        AssertFails(files, files.Stances, 4, "Stance", "missing");
    }

    [Test]
    public void BadQuotingAfterBlankLinesNamesTheRightLine()
    {
        var files = Write(BodiesHeader + "3,A calm first body.\n\n4,He said \"no\" twice.\n", GoodStances);
        AssertFails(files, files.Bodies, 4, null, "quot");
    }

    [Test]
    public void UnknownStanceLabel()
    {
        var files = Write(GoodBodies, StancesHeader + "Ferry service is back,3,agree\nCouncil debates library,8,maybe\n");
        AssertFails(files, files.Stances, 3, "Stance", "'maybe'");
    }

    [Test]
    public void StanceForABodyThatDoesNotExist()
    {
        var files = Write(GoodBodies, StancesHeader + "Ferry service is back,3,agree\nCouncil debates library,99,discuss\n");
        AssertFails(files, files.Stances, 3, "Body ID", "99");
    }

    [TestCase("eight")]
    [TestCase("8.5")]
    [TestCase("-3")]
    [TestCase("")]
    public void NonNumericBodyIdInStances(string id)
    {
        var files = Write(GoodBodies, StancesHeader + $"Ferry service is back,3,agree\nCouncil debates library,{id},discuss\n");
        AssertFails(files, files.Stances, 3, "Body ID");
    }

    [Test]
    public void NonNumericBodyIdInBodies()
    {
        var files = Write(BodiesHeader + "3,Fine.\nx7,Not fine.\n", GoodStances);
        AssertFails(files, files.Bodies, 3, "Body ID", "'x7'");
    }

    [Test]
    public void EmptyHeadline()
    {
        var files = Write(GoodBodies, StancesHeader + "Ferry service is back,3,agree\n\"  \",8,discuss\n");
        AssertFails(files, files.Stances, 3, "Headline");
    }

    [Test]
    public void InvalidUtf8InBodies()
    {
        byte[] content = [.. Encoding.UTF8.GetBytes(BodiesHeader + "3,Fine.\n4,Caf"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(" closed.\n5,Fine again.\n")];
        var files = (Temp.WriteBytes("bodies.csv", content), Temp.WriteText("stances.csv", GoodStances));
        AssertFails(files, files.Item1, 3, null, "UTF-8");
    }

    [Test]
    public void InvalidUtf8InStancesFarIntoTheFile()
    {
        // Far enough in that the reader's first buffer is valid: the line must still be the right one.
        var text = new StringBuilder(StancesHeader);
        for (int i = 0; i < 2000; i++)
        {
            text.Append("Ferry service is back,3,agree\n");
        }
        byte[] content = [.. Encoding.UTF8.GetBytes(text.ToString()), .. Encoding.UTF8.GetBytes("Bad "), 0xFF, .. Encoding.UTF8.GetBytes(" byte,3,agree\n")];
        var files = (Temp.WriteText("bodies.csv", GoodBodies), Temp.WriteBytes("stances.csv", content));
        AssertFails(files, files.Item2, 2002, null, "UTF-8");
    }

    [Test]
    public void EmptyBodiesFile()
    {
        var files = Write("", GoodStances);
        AssertFails(files, files.Bodies, 1, null, "empty");
    }

    [Test]
    public void EmptyStancesFile()
    {
        var files = Write(GoodBodies, "");
        AssertFails(files, files.Stances, 1, null, "empty");
    }

    [Test]
    public void StancesWithOnlyAHeader()
    {
        var files = Write(GoodBodies, StancesHeader);
        AssertFails(files, files.Stances, 0, null, "no stance rows");
    }

    [Test]
    public void MissingFile()
    {
        var files = (Temp.WriteText("bodies.csv", GoodBodies), Temp.File("no-such-stances.csv"));
        AssertFails(files, files.Item2, 0, null, "does not exist");
    }

    [Test]
    public void SplitFileNames()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(FncDataset.Files("d", FncSplit.Train), Is.EqualTo((Path.Combine("d", "train_bodies.csv"), Path.Combine("d", "train_stances.csv"))));
            Assert.That(FncDataset.Files("d", FncSplit.Competition), Is.EqualTo((Path.Combine("d", "competition_test_bodies.csv"), Path.Combine("d", "competition_test_stances.csv"))));
        }
    }
}

[TestFixture]
public class ClaimFileTests : TempDirectoryFixture
{
    private static void AssertFails(string path, int line, string? field, string? problemContains = null)
    {
        ClaimMlDataException? e = Assert.Throws<ClaimMlDataException>(() => ClaimFile.Read(path));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(e!.File, Is.EqualTo(path), e.Message);
            Assert.That(e.Line, Is.EqualTo(line), e.Message);
            Assert.That(e.Field, Is.EqualTo(field), e.Message);
            if (problemContains is not null)
            {
                Assert.That(e.Problem, Does.Contain(problemContains));
            }
        }
    }

    [Test]
    public void ReadsJsonLinesWithTheirLineAndExpectedVerdictIgnoringOtherFields()
    {
        string path = Temp.WriteText("claims.jsonl",
            "{\"id\": \"a\", \"claim\": \"  The ferry runs hourly.  \", \"expected\": \"confirmed\"}\n" +
            "{\"claim\": \"The library stays open.\", \"id\": \"b\", \"extra\": [1, 2]}\n");
        Assert.That(ClaimFile.Read(path), Is.EqualTo(new[]
        {
            new ClaimInput("a", "The ferry runs hourly.", 1, Verdict.Confirmed),
            new ClaimInput("b", "The library stays open.", 2),
        }));
    }

    [Test]
    public void BlankLinesAreSkippedAndMissingIdsAreLineNumbers()
    {
        string path = Temp.WriteText("claims.jsonl",
            "\n{\"claim\": \"First.\"}\r\n   \r\n\t\n{\"claim\": \"Second.\"}\n\n");
        Assert.That(ClaimFile.Read(path), Is.EqualTo(new[] { new ClaimInput("2", "First.", 2), new ClaimInput("5", "Second.", 5) }));
    }

    [Test]
    public void NumericIdIsAccepted()
    {
        string path = Temp.WriteText("claims.jsonl", "{\"id\": 17, \"claim\": \"Ferries run.\"}\n{\"id\": 2.5, \"claim\": \"Shops close.\"}\n");
        Assert.That(ClaimFile.Read(path).Select(c => c.Id), Is.EqualTo(new[] { "17", "2.5" }));
    }

    [Test]
    public void BrokenJsonLine()
    {
        string path = Temp.WriteText("claims.jsonl", "{\"id\": \"a\", \"claim\": \"Fine.\"}\n{\"id\": \"b\", \"claim\": \"Broken\n");
        AssertFails(path, 2, null, "JSON");
    }

    [Test]
    public void TwoObjectsOnOneLine()
    {
        string path = Temp.WriteText("claims.jsonl", "{\"claim\": \"One.\"} {\"claim\": \"Two.\"}\n");
        AssertFails(path, 1, null);
    }

    [Test]
    public void MissingClaim()
    {
        string path = Temp.WriteText("claims.jsonl", "{\"id\": \"a\", \"claim\": \"Fine.\"}\n\n{\"id\": \"b\", \"text\": \"Wrong key.\"}\n");
        AssertFails(path, 3, "claim", "no 'claim'");
    }

    [TestCase("42", "Number")]
    [TestCase("null", "Null")]
    [TestCase("\"\"", "String")]
    [TestCase("\"   \"", "String")]
    [TestCase("[\"a\"]", "Array")]
    [TestCase("{\"text\": \"a\"}", "Object")]
    [TestCase("true", "True")]
    public void ClaimThatIsNotANonEmptyString(string value, string kind)
    {
        string path = Temp.WriteText("claims.jsonl", $"{{\"id\": \"a\", \"claim\": {value}}}\n");
        AssertFails(path, 1, "claim", kind);
    }

    [TestCase("[1, 2]", "Array")]
    [TestCase("\"just a string\"", "String")]
    [TestCase("12", "Number")]
    [TestCase("null", "Null")]
    public void LineThatIsNotAnObject(string line, string kind)
    {
        string path = Temp.WriteText("claims.jsonl", "{\"claim\": \"Fine.\"}\n" + line + "\n");
        AssertFails(path, 2, null, kind);
    }

    [TestCase("true")]
    [TestCase("null")]
    [TestCase("{\"x\": 1}")]
    public void IdOfTheWrongKind(string id)
    {
        string path = Temp.WriteText("claims.jsonl", $"{{\"id\": {id}, \"claim\": \"Fine.\"}}\n");
        AssertFails(path, 1, "id");
    }

    [Test]
    public void DuplicateIds()
    {
        string path = Temp.WriteText("claims.jsonl",
            "{\"id\": \"a\", \"claim\": \"One.\"}\n{\"id\": \"b\", \"claim\": \"Two.\"}\n{\"id\": \"a\", \"claim\": \"Three.\"}\n");
        AssertFails(path, 3, "id", "'a'");
    }

    [Test]
    public void NumericAndStringIdsThatReadTheSameAreDuplicates()
    {
        string path = Temp.WriteText("claims.jsonl", "{\"id\": 7, \"claim\": \"One.\"}\n{\"id\": \"7\", \"claim\": \"Two.\"}\n");
        AssertFails(path, 2, "id");
    }

    [Test]
    public void ExplicitIdThatCollidesWithALineNumberId()
    {
        string path = Temp.WriteText("claims.jsonl", "{\"id\": \"2\", \"claim\": \"One.\"}\n{\"claim\": \"Two.\"}\n");
        AssertFails(path, 2, "id", "'2'");
    }

    [Test]
    public void TextFileHasOneClaimPerLine()
    {
        string path = Temp.WriteText("claims.txt", "  The ferry runs hourly.\n\nThe library stays open.  \r\n");
        Assert.That(ClaimFile.Read(path), Is.EqualTo(new[] { new ClaimInput("1", "The ferry runs hourly.", 1), new ClaimInput("3", "The library stays open.", 3) }));
    }

    [TestCase("claims.csv", "'.csv'")]
    [TestCase("claims.json", "'.json'")]
    [TestCase("claims", "''")]
    public void UnsupportedExtension(string name, string shown)
    {
        string path = Temp.WriteText(name, "{\"claim\": \"Fine.\"}\n");
        AssertFails(path, 0, null, shown);
    }

    [Test]
    public void UpperCaseExtensionIsAccepted()
    {
        string path = Temp.WriteText("CLAIMS.JSONL", "{\"claim\": \"Fine.\"}\n");
        Assert.That(ClaimFile.Read(path), Has.Count.EqualTo(1));
    }

    [TestCase("")]
    [TestCase("\n  \n\n")]
    public void FileWithoutClaims(string content)
    {
        string path = Temp.WriteText("claims.jsonl", content);
        AssertFails(path, 0, null, "no claims");
    }

    [Test]
    public void InvalidUtf8()
    {
        string path = Temp.WriteBytes("claims.txt", [.. Encoding.UTF8.GetBytes("Fine.\nAlso fine.\nNot "), 0xC0, 0xAF, .. Encoding.UTF8.GetBytes(" fine.\n")]);
        AssertFails(path, 3, null, "UTF-8");
    }

    [Test]
    public void MissingFile()
    {
        string path = Temp.File("absent.jsonl");
        AssertFails(path, 0, null, "does not exist");
    }
}

[TestFixture]
public class SourceFolderTests : TempDirectoryFixture
{
    [Test]
    public void ReadsTxtFilesInOrdinalOrder()
    {
        Temp.WriteText("b.txt", "Second source.");
        Temp.WriteText("B.txt", "Upper-case name sorts first.");
        Temp.WriteText("a.txt", "First source.");
        Temp.WriteText("notes.md", "Not a source.");
        List<Source> sources = SourceFolder.Read(Temp.Path);
        Assert.That(sources, Is.EqualTo(new[]
        {
            new Source("B.txt", "Upper-case name sorts first."),
            new Source("a.txt", "First source."),
            new Source("b.txt", "Second source."),
        }));
    }

    [Test]
    public void EmptySourceIsAnError()
    {
        Temp.WriteText("a.txt", "Fine.");
        string empty = Temp.WriteText("b.txt", " \n ");
        ClaimMlDataException? e = Assert.Throws<ClaimMlDataException>(() => SourceFolder.Read(Temp.Path));
        Assert.That(e!.File, Is.EqualTo(empty));
    }

    [Test]
    public void FolderWithoutTextFilesIsAnError()
    {
        Temp.WriteText("notes.md", "Not a source.");
        ClaimMlDataException? e = Assert.Throws<ClaimMlDataException>(() => SourceFolder.Read(Temp.Path));
        Assert.That(e!.Problem, Does.Contain("no .txt"));
    }

    [Test]
    public void MissingFolderIsAnError()
    {
        string missing = Temp.File("nowhere");
        ClaimMlDataException? e = Assert.Throws<ClaimMlDataException>(() => SourceFolder.Read(missing));
        Assert.That(e!.File, Is.EqualTo(missing));
    }
}
