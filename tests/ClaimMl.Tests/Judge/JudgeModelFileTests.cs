using System.Text.Json;
using System.Text.Json.Nodes;
using ClaimMl.Entailment;
using ClaimMl.Training;
using Onnx;

namespace ClaimMl.Tests.Judge;

/// <summary>
/// Loading a judge model file: a valid one loads with its manifest kept; every way of being unusable is a
/// <see cref="ClaimMlModelException"/> that names the model and says what is wrong. Zips are built in the
/// test around a tiny graph (<see cref="TinyJudge"/>), so no real model is needed.
/// </summary>
[TestFixture]
public sealed class JudgeModelFileTests
{
    private const string Description = "test judge";
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private static ClaimMlModelException LoadFails(byte[] zip)
    {
        using var stream = new MemoryStream(zip, writable: false);
        ClaimMlModelException? e = Assert.Throws<ClaimMlModelException>(() => JudgeModelFile.Load(stream, Description).Dispose());
        Assert.That(e!.Message, Does.Contain($"'{Description}'"), "the message names the model");
        return e;
    }

    private ClaimMlModelException LoadFileFails(byte[] content)
    {
        string path = _temp.WriteBytes("judge.zip", content);
        ClaimMlModelException? e = Assert.Throws<ClaimMlModelException>(() => JudgeModelFile.Load(path).Dispose());
        Assert.That(e!.Message, Does.Contain(path), "the message names the file");
        return e;
    }

    private static ClaimMlModelException LoadFails(Action<JsonObject> editManifest)
    {
        var builder = new JudgeZipBuilder();
        editManifest(builder.Manifest);
        return LoadFails(builder.ToBytes());
    }

    private static ClaimMlModelException GraphFails(TinyGraphShape shape) => LoadFails(new JudgeZipBuilder(shape: shape).ToBytes());

    [Test]
    public void ValidZipLoadsFromAStreamAndAFileWithItsManifestKept()
    {
        byte[] zip = new JudgeZipBuilder().ToBytes();
        using (var stream = new MemoryStream(zip, writable: false))
        using (EntailmentJudge judge = JudgeModelFile.Load(stream, Description))
        {
            Assert.That(judge.Description, Is.EqualTo(Description));
            JudgeManifest manifest = judge.Manifest;
            Assert.That(manifest.Labels, Is.EqualTo(new[] { "entails", "contradicts", "neither" }));
            Assert.That((manifest.MaxTokens, manifest.MaxClaimTokens), Is.EqualTo((TinyJudge.MaxTokens, TinyJudge.MaxClaimTokens)));
            Assert.That((judge.Tokenizer.MaxTokens, judge.Tokenizer.MaxClaimTokens), Is.EqualTo((TinyJudge.MaxTokens, TinyJudge.MaxClaimTokens)));
            Assert.That((manifest.Encoder, manifest.Layers, manifest.Quantization), Is.EqualTo(("tiny mean-of-embeddings test encoder", 1, "none")));
            Assert.That(manifest.Verdict!["contradicts"]!.GetValue<double>(), Is.EqualTo(0.5));
            Assert.That(manifest.Extra!.Select(p => p.Key), Is.EquivalentTo(new[] { "trainedOn", "seed", "command" }), "free-form fields are kept, known ones are not repeated");
            Assert.That(manifest.Extra!["command"]!.GetValue<string>(), Is.EqualTo("built by JudgeZipBuilder"));
            Assert.That(judge.Judge([("The bridge was closed.", "The council closed the bridge on Monday.")]), Has.Length.EqualTo(1));
        }
        string path = _temp.WriteBytes("judge.zip", zip);
        using EntailmentJudge fromFile = JudgeModelFile.Load(path);
        Assert.That(fromFile.Description, Is.EqualTo(path));
    }

    [Test]
    public void MissingFile()
    {
        string path = _temp.File("absent.zip");
        Assert.That(() => JudgeModelFile.Load(path), Throws.TypeOf<ClaimMlModelException>().With.Message.EqualTo($"Judge model file '{path}' does not exist."));
    }

    [Test]
    public void FolderInsteadOfAFile()
    {
        Assert.That(() => JudgeModelFile.Load(_temp.Path), Throws.TypeOf<ClaimMlModelException>().With.Message.Contains(_temp.Path).And.Message.Contains("is a folder"));
    }

    [Test]
    public void NotAZip()
    {
        Assert.That(LoadFileFails("This is not a zip archive at all.\n"u8.ToArray()).Message, Does.Contain("not a readable judge model file"));
        Assert.That(LoadFileFails([]).Message, Does.Contain("not a readable judge model file"));
    }

    [TestCase(0.02)]
    [TestCase(0.5)]
    [TestCase(0.999)]
    public void TruncatedZip(double keep)
    {
        byte[] zip = new JudgeZipBuilder().ToBytes();
        ClaimMlModelException e = LoadFileFails(zip[..(int)(zip.Length * keep)]);
        Assert.That(e.Message, Does.Contain("not a readable judge model file"));
    }

    [Test]
    public void DamagedEntryData()
    {
        // Flip bytes in the middle of the compressed graph: the zip's directory is intact, the data is not.
        byte[] zip = new JudgeZipBuilder().ToBytes();
        for (int i = zip.Length / 2; i < zip.Length / 2 + 64; i++)
        {
            zip[i] ^= 0x5A;
        }
        Assert.That(LoadFails(zip).Message, Does.Contain("not a readable judge model file").Or.Contain("SHA-256"));
    }

    [TestCase("judge.json")]
    [TestCase("model.onnx")]
    [TestCase("vocab.txt")]
    public void MissingEntry(string entry)
    {
        var builder = new JudgeZipBuilder();
        if (entry == "judge.json")
        {
            builder.OmitManifest = true;
        }
        else
        {
            builder.Entries.Remove(entry);
        }
        Assert.That(LoadFails(builder.ToBytes()).Message, Does.Contain($"lacks its '{entry}' entry"));
    }

    [TestCase("{ \"format\": 1, \"labels\": [")]
    [TestCase("not json")]
    [TestCase("")]
    public void ManifestNotJson(string text)
    {
        var builder = new JudgeZipBuilder { ManifestText = text };
        Assert.That(LoadFails(builder.ToBytes()).Message, Does.Contain("judge.json is not a readable judge manifest"));
    }

    [Test]
    public void ManifestNotAnObject()
    {
        var builder = new JudgeZipBuilder { ManifestText = "[1, 2, 3]" };
        Assert.That(LoadFails(builder.ToBytes()).Message, Does.Contain("judge.json is not a JSON object"));
    }

    [Test]
    public void ManifestFieldOfTheWrongType()
    {
        ClaimMlModelException e = LoadFails(m => m["maxTokens"] = "many");
        Assert.That(e.Message, Does.Contain("not a readable judge manifest").And.Contain("maxTokens"));
    }

    [TestCase("2", "format 2")]
    [TestCase("0", "format 0")]
    [TestCase("\"claimml-stance-model\"", "format \"claimml-stance-model\"")]
    [TestCase(null, "no format")]
    public void OtherFormat(string? format, string found)
    {
        ClaimMlModelException e = LoadFails(m =>
        {
            if (format is null)
            {
                m.Remove("format");
            }
            else
            {
                m["format"] = JsonNode.Parse(format);
            }
        });
        Assert.That(e.Message, Does.Contain(found).And.Contain("reads judge model format 1"));
    }

    [TestCase("contradicts,entails,neither")]
    [TestCase("entails,contradicts")]
    [TestCase("entails,contradicts,neither,unrelated")]
    [TestCase("Entails,Contradicts,Neither")]
    [TestCase("")]
    public void OtherLabels(string labels)
    {
        string[] list = labels.Split(',', StringSplitOptions.RemoveEmptyEntries);
        ClaimMlModelException e = LoadFails(m => m["labels"] = new JsonArray(list.Select(l => (JsonNode?)l).ToArray()));
        Assert.That(e.Message, Does.Contain($"has labels [{string.Join(", ", list.Select(l => $"\"{l}\""))}]; the judge reads [\"entails\", \"contradicts\", \"neither\"], in that order"));
    }

    [Test]
    public void NoLabels()
    {
        Assert.That(LoadFails(m => m.Remove("labels")).Message, Does.Contain("has labels []"));
    }

    [TestCase(7)]
    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(513)]
    [TestCase(100_000)]
    public void MaxTokensOutOfRange(int maxTokens)
    {
        ClaimMlModelException e = LoadFails(m => m["maxTokens"] = maxTokens);
        Assert.That(e.Message, Does.Contain($"maxTokens {maxTokens}, out of range (8 to 512)"));
    }

    [TestCase(0)]
    [TestCase(-3)]
    [TestCase(TinyJudge.MaxTokens - 3)]
    [TestCase(TinyJudge.MaxTokens)]
    public void MaxClaimTokensOutOfRange(int maxClaimTokens)
    {
        ClaimMlModelException e = LoadFails(m => m["maxClaimTokens"] = maxClaimTokens);
        Assert.That(e.Message, Does.Contain($"maxClaimTokens {maxClaimTokens}, out of range (1 to {TinyJudge.MaxTokens - 4}"));
    }

    [Test]
    public void WindowAtItsLimitsLoads()
    {
        var builder = new JudgeZipBuilder();
        builder.Manifest["maxTokens"] = 512;
        builder.Manifest["maxClaimTokens"] = 508;
        using (JudgeModelFile.Load(new MemoryStream(builder.ToBytes()), Description))
        {
        }
        builder.Manifest["maxTokens"] = 8;
        builder.Manifest["maxClaimTokens"] = 1;
        using (JudgeModelFile.Load(new MemoryStream(builder.ToBytes()), Description))
        {
        }
    }

    [Test]
    public void UnknownQuantization()
    {
        Assert.That(LoadFails(m => m["quantization"] = "fp16").Message, Does.Contain("quantization 'fp16'; expected one of [\"none\", \"int8\", \"int7\"]"));
    }

    [Test]
    public void UnknownNumberWordReading()
    {
        Assert.That(LoadFails(m => m["numberWords"] = "roman").Message, Does.Contain("numberWords 'roman'; expected one of [\"asWritten\", \"digits\"]"));
    }

    [Test]
    public void AJudgeFileThatSaysDigitsReadsNumbersWrittenInWordsAsDigitsAndOneWithoutItAsWritten()
    {
        var builder = new JudgeZipBuilder();
        using EntailmentJudge asWritten = JudgeModelFile.Load(new MemoryStream(builder.ToBytes()), Description);
        builder.Manifest["numberWords"] = "digits";
        using EntailmentJudge digits = JudgeModelFile.Load(new MemoryStream(builder.ToBytes()), Description);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(digits.Manifest.ReadsNumberWordsAsDigits, Is.True);
            Assert.That(asWritten.Manifest.ReadsNumberWordsAsDigits, Is.False);
            Assert.That(digits.Tokenizer.Pieces("twelve inspectors"), Is.EqualTo(asWritten.Tokenizer.Pieces("12 inspectors")));
            Assert.That(asWritten.Tokenizer.Pieces("twelve inspectors"), Is.Not.EqualTo(asWritten.Tokenizer.Pieces("12 inspectors")),
                "the tiny vocabulary holds \"twelve\" and not \"12\", so the two readings differ");
            Assert.That(digits.Tokenizer.Pieces("the bridge closed"), Is.EqualTo(asWritten.Tokenizer.Pieces("the bridge closed")));
        }
    }

    [Test]
    public void ATokenizerBuiltFromAManifestAsTheTrainersExportReadsItReadsNumbersAsTheJudgeFileSays()
    {
        // export reads the --like judge's judge.json as a JsonObject; its calibration pairs must be read as the judge reads them.
        var builder = new JudgeZipBuilder();
        builder.Manifest["numberWords"] = "digits";
        using EntailmentJudge loaded = JudgeModelFile.Load(new MemoryStream(builder.ToBytes()), Description);
        JudgeManifest described = builder.Manifest.Deserialize<JudgeManifest>()!;
        JudgeTokenizer built = JudgeTokenizer.For(new MemoryStream(builder.Entries["vocab.txt"]), described);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(built.Pieces("twelve inspectors"), Is.EqualTo(built.Pieces("12 inspectors")));
            Assert.That(built.Encode("twelve inspectors", "the bridge closed").Ids, Is.EqualTo(loaded.Tokenizer.Encode("twelve inspectors", "the bridge closed").Ids));
            Assert.That(built.MaxTokens, Is.EqualTo(loaded.Tokenizer.MaxTokens));
            Assert.That(built.MaxClaimTokens, Is.EqualTo(loaded.Tokenizer.MaxClaimTokens));
        }
    }

    [Test]
    public void VerdictSettingNotANumber()
    {
        Assert.That(LoadFails(m => m["verdict"]!["entails"] = "high").Message, Does.Contain("verdict setting 'entails'").And.Contain("not a number"));
    }

    [Test]
    public void VerdictSettingOutOfRange()
    {
        Assert.That(LoadFails(m => m["verdict"]!["contradicts"] = 1.5).Message, Does.Contain("verdict setting 'contradicts'").And.Contain("at most 1"));
    }

    [Test]
    public void RelatedGateAboveTheTunersAlwaysGate()
    {
        Assert.That(LoadFails(m => m["verdict"]!["relatedGate"] = 1.5).Message, Does.Contain("verdict setting 'relatedGate'").And.Contain("at most 1.01"));
        Assert.That(LoadFails(m => m["verdict"]!["relatedGate"] = 0).Message, Does.Contain("verdict setting 'relatedGate'").And.Contain("above 0"));
    }

    [Test]
    public void EveryGateTheTunerTriesLoads()
    {
        foreach (float gate in JudgeVerdictTuner.Gates)
        {
            JudgeVerdictSettings settings = JudgeVerdictSettings.From(new JsonObject { ["entails"] = 0.4, ["contradicts"] = 0.4, ["relatedGate"] = gate }, Description);
            Assert.That(settings.RelatedGate, Is.EqualTo(gate), $"gate {gate} as the tuner writes it");
        }
    }

    [Test]
    public void CalibrationOfAVerdictThatDoesNotExist()
    {
        Assert.That(LoadFails(m => m["verdict"]!["calibrationByVerdict"] = new JsonObject { ["likely"] = new JsonObject { ["a"] = 0, ["b"] = 0 } }).Message,
            Does.Contain("'calibrationByVerdict'").And.Contain("'likely'"));
    }

    [TestCase(0)]
    [TestCase(6)]
    public void PassagesReadOutOfRange(int passages)
    {
        Assert.That(LoadFails(m => m["verdict"]!["passages"] = passages).Message, Does.Contain("verdict setting 'passages'").And.Contain("from 1 to 5"));
    }

    [Test]
    public void VerdictNotAnObject()
    {
        Assert.That(LoadFails(m => m["verdict"] = 0.5).Message, Does.Contain("not a readable judge manifest"));
    }

    [TestCase("model")]
    [TestCase("vocab")]
    public void FileNotNamed(string field)
    {
        Assert.That(LoadFails(m => m.Remove(field)).Message, Does.Contain($"names no '{field}' file"));
        Assert.That(LoadFails(m => m[field]!["file"] = "").Message, Does.Contain($"names no '{field}' file"));
    }

    [TestCase("model", "model.onnx")]
    [TestCase("vocab", "vocab.txt")]
    public void InvalidRecordedSha(string field, string file)
    {
        Assert.That(LoadFails(m => m[field]!["sha256"] = "abc123").Message, Does.Contain($"records no valid SHA-256 for '{file}' (found 'abc123'"));
        Assert.That(LoadFails(m => m[field]!.AsObject().Remove("sha256")).Message, Does.Contain($"records no valid SHA-256 for '{file}'"));
        Assert.That(LoadFails(m => m[field]!["sha256"] = new string('g', 64)).Message, Does.Contain($"records no valid SHA-256 for '{file}'"));
    }

    [TestCase("model.onnx")]
    [TestCase("vocab.txt")]
    public void TruncatedWeightsFileIsASha256Mismatch(string file)
    {
        var builder = new JudgeZipBuilder();
        string recorded = JudgeZipBuilder.Sha256(builder.Entries[file]);
        builder.Entries[file] = builder.Entries[file][..(builder.Entries[file].Length * 2 / 3)];
        ClaimMlModelException e = LoadFails(builder.ToBytes());
        Assert.That(e.Message, Does.Contain($"'{file}'").And.Contain($"not the {recorded} recorded in judge.json").And.Contain(JudgeZipBuilder.Sha256(builder.Entries[file])));
    }

    [Test]
    public void WeightsOfAnotherModelAreASha256Mismatch()
    {
        var builder = new JudgeZipBuilder();
        builder.Entries["model.onnx"] = new TinyJudge(seed: 8).Graph();
        Assert.That(LoadFails(builder.ToBytes()).Message, Does.Contain("'model.onnx' (model,").And.Contain("damaged, truncated or from another model"));
    }

    [Test]
    public void UppercaseRecordedShaIsAccepted()
    {
        var builder = new JudgeZipBuilder();
        builder.Manifest["model"]!["sha256"] = JudgeZipBuilder.Sha256(builder.Entries["model.onnx"]).ToUpperInvariant();
        using EntailmentJudge judge = JudgeModelFile.Load(new MemoryStream(builder.ToBytes()), Description);
        Assert.That(judge.Manifest.Model!.File, Is.EqualTo("model.onnx"));
    }

    [Test]
    public void OtherEntryNamesAreFollowed()
    {
        var builder = new JudgeZipBuilder();
        builder.Entries["weights/judge-v2.onnx"] = builder.Entries["model.onnx"];
        builder.Entries.Remove("model.onnx");
        builder.Manifest["model"]!["file"] = "weights/judge-v2.onnx";
        using EntailmentJudge judge = JudgeModelFile.Load(new MemoryStream(builder.ToBytes()), Description);
        Assert.That(judge.Manifest.Model!.File, Is.EqualTo("weights/judge-v2.onnx"));
    }

    [Test]
    public void GraphOnnxRuntimeRefuses()
    {
        var builder = new JudgeZipBuilder();
        builder.Entries["model.onnx"] = "this is not an ONNX graph, but its SHA-256 is recorded"u8.ToArray();
        ClaimMlModelException e = LoadFails(builder.RecordHashes().ToBytes());
        Assert.That(e.Message, Does.Contain("ONNX Runtime refused the graph in 'model.onnx'"));
        Assert.That(e.InnerException, Is.InstanceOf<Microsoft.ML.OnnxRuntime.OnnxRuntimeException>());
    }

    [Test]
    public void VocabularyWithoutSpecialTokens()
    {
        var builder = new JudgeZipBuilder();
        builder.Entries["vocab.txt"] = "the\nbridge\nclosed\n"u8.ToArray();
        ClaimMlModelException e = LoadFails(builder.RecordHashes().ToBytes());
        Assert.That(e.Message, Does.Contain("'vocab.txt' is not a usable BERT vocabulary"));
    }

    [Test]
    public void InputWithAnotherName()
    {
        ClaimMlModelException e = GraphFails(new TinyGraphShape { IdsName = "ids" });
        Assert.That(e.Message, Does.Contain("the graph has no input 'input_ids' (expected inputs 'input_ids', 'attention_mask', 'token_type_ids'; found 'ids', 'attention_mask', 'token_type_ids')"));
    }

    [Test]
    public void InputOfAnotherElementType()
    {
        ClaimMlModelException e = GraphFails(new TinyGraphShape { MaskType = TensorProto.Types.DataType.Int32 });
        Assert.That(e.Message, Does.Contain("input 'attention_mask' is int32 [batch, sequence] (expected int64 [batch, sequence])"));
    }

    [Test]
    public void InputOfAnotherRank()
    {
        ClaimMlModelException e = GraphFails(new TinyGraphShape { TypesRankOne = true });
        Assert.That(e.Message, Does.Contain("input 'token_type_ids' is int64 [sequence] (expected int64 [batch, sequence])"));
    }

    [Test]
    public void InputWithFixedDimensions()
    {
        ClaimMlModelException e = GraphFails(new TinyGraphShape { FixedIdsShape = [1, 128] });
        Assert.That(e.Message, Does.Contain("input 'input_ids' has a fixed batch dimension (expected int64 [batch, sequence] with both free; found [1, 128])"));
    }

    [Test]
    public void InputTheJudgeDoesNotFeed()
    {
        ClaimMlModelException e = GraphFails(new TinyGraphShape { ExtraInput = "position_ids" });
        Assert.That(e.Message, Does.Contain("has an input 'position_ids' that the judge does not feed"));
    }

    [Test]
    public void OutputWithAnotherName()
    {
        ClaimMlModelException e = GraphFails(new TinyGraphShape { LogitsName = "scores_out" });
        Assert.That(e.Message, Does.Contain("has no output 'logits' (expected float [batch, 3]; found outputs 'scores_out')"));
    }

    [Test]
    public void OutputOfAnotherElementType()
    {
        ClaimMlModelException e = GraphFails(new TinyGraphShape { DoubleLogits = true });
        Assert.That(e.Message, Does.Contain("output 'logits' is double [batch, 3] (expected float [batch, 3])"));
    }

    [Test]
    public void OutputWithAnotherClassCount()
    {
        ClaimMlModelException e = LoadFails(new JudgeZipBuilder(new TinyJudge(classes: 4), new TinyGraphShape { Classes = 4 }).ToBytes());
        Assert.That(e.Message, Does.Contain("output 'logits' has 4 classes (expected float [batch, 3]; found [batch, 4])"));
    }

    [Test]
    public void OptionsOutOfRange()
    {
        byte[] zip = new JudgeZipBuilder().ToBytes();
        Assert.That(() => JudgeModelFile.Load(new MemoryStream(zip), Description, new JudgeOptions { MaxBatchSize = 0 }), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => JudgeModelFile.Load(new MemoryStream(zip), Description, new JudgeOptions { MaxBatchSize = 257 }), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => JudgeModelFile.Load(new MemoryStream(zip), Description, new JudgeOptions { IntraOpThreads = 0 }), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
